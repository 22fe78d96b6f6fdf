"""Button taps: a card's buttons, a /start example, a language choice; stale or tampered data
gets one polite answer. Wired in ``bot/app.py``."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest

from bot import cards
from bot.callbacks import unpack, unpack_example, unpack_lang
from bot.handlers import answer_question, user_lang, where_of
from bot.i18n import t
from bot.services import BotContext
from bot.view import quote_view

log = logging.getLogger(__name__)


async def _stale(update: Update, context: BotContext) -> None:
    """The one answer to a button whose data is stale, tampered or no longer reachable."""
    query = update.callback_query
    await query.answer(t(await user_lang(context, query.from_user), "stale_button"))


async def card_button(update: Update, context: BotContext) -> None:
    """A card button: another paragraph, more results, or feedback; stale data gets a notice."""
    svc = context.services
    query = update.callback_query
    user = query.from_user
    library = svc.searcher.library
    action = unpack(query.data, library, svc.signer)
    if action is None:
        await _stale(update, context)
        return
    message = query.message if query.message and query.message.is_accessible else None
    where = where_of(message)
    if where == cards.GROUP and action.owner != svc.usage.owner_tag(user.id):
        await query.answer(t(action.lang, "not_your_card"))
        return
    if action.action in ("up", "down"):
        key = (message.chat_id, message.message_id) if message else None
        question = svc.questions.get(key, "") if key else ""
        card = f"{message.chat_id}:{message.message_id}" if message else query.id
        await svc.state(
            svc.usage.add_feedback,
            user.id,
            card,
            action.action,
            action.doc,
            action.number,
            action.lang,
            question,
        )
        log.info("feedback %s on paragraph %d", action.action, action.number)
        await query.answer(t(action.lang, "feedback_thanks"))
        return
    await query.answer()
    document = library.document(action.doc)
    view = quote_view(library.versions(action.number, action.doc), document, action.lang)
    card = cards.paragraph_action_card(
        view, action, where, context.bot.username, expanded=True, signer=svc.signer
    )
    try:
        await query.edit_message_text(card.messages[0], reply_markup=card.keyboard)
    except BadRequest as exc:
        # A double tap edits to the same content; anything else is a real error.
        if "not modified" not in str(exc).lower():
            raise


async def example_button(update: Update, context: BotContext) -> None:
    """A /start example: asked as if the delegate had typed it."""
    query = update.callback_query
    example = unpack_example(query.data, context.services.signer)
    # The answer is a reply in the chat of the /start card, which must still be reachable.
    if example is None or not (query.message and query.message.is_accessible):
        await _stale(update, context)
        return
    await query.answer()
    lang, number = example
    await answer_question(update, context, t(lang, f"example_{number}"))


async def lang_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    svc = context.services
    lang = unpack_lang(query.data, svc.signer)
    if lang is None:
        await _stale(update, context)
        return
    await svc.state(svc.usage.set_language, query.from_user.id, lang)
    await query.answer(t(lang, "lang_set"))
    if query.message and query.message.is_accessible:
        await query.edit_message_text(cards.plain(lang, "lang_set"))
