"""One error handler: log the failure (never the token, update or question), apologise; or, when
Telegram could not be reached, leave the update to be handled again (``bot/delivery.py``)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.cards import plain
from bot.delivery import Delivery, retryable
from bot.i18n import pick

log = logging.getLogger(__name__)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    kind = type(update).__name__ if update is not None else "no update"
    if retryable(context.error) and Delivery.failed():
        log.warning("could not reach Telegram (%s): will try again", type(context.error).__name__)
        return
    log.error("error while handling %s", kind, exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    message = update.effective_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    user = update.effective_user
    try:
        await message.reply_text(plain(pick(user.language_code if user else None), "error"))
    except TelegramError:
        log.warning("could not send the apology either")
