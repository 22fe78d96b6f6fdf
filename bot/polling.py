"""Long polling that acknowledges an update only once it is stored.

Telegram counts an update as delivered when the next ``getUpdates`` asks for a higher offset.
PTB's ``Updater`` asks for it as soon as the updates are queued in memory, and gives up without
a word when the token is revoked; this loop stores each update first (``Delivery.receive``),
backs off with one log line per failed attempt, and raises ``InvalidToken`` so that the process
exits and a supervisor sees it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from bot.delivery import Delivery

log = logging.getLogger(__name__)

POLL_TIMEOUT = 10  # seconds a getUpdates waits on Telegram's side for an update
MAX_BACKOFF = 30.0


async def poll(
    app: Application, delivery: Delivery, stop: asyncio.Event, timeout: int = POLL_TIMEOUT
) -> None:
    """Fetch updates into ``delivery`` until ``stop`` is set."""
    offset = 0
    delay = 0.0
    while not stop.is_set():
        try:
            updates = await app.bot.get_updates(
                offset=offset, timeout=timeout, allowed_updates=Update.ALL_TYPES
            )
        except InvalidToken:
            raise
        except RetryAfter as exc:
            delay = exc._retry_after.total_seconds()  # as AIORateLimiter reads it
            log.warning("getUpdates: Telegram asks to wait %.0f s", delay)
        except TelegramError as exc:
            delay = min(MAX_BACKOFF, max(1.0, delay * 2))
            log.warning("getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, delay)
        else:
            delay = 0.0
            for update in updates:
                await delivery.receive(app, update)
            if updates:
                offset = updates[-1].update_id + 1
        if delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
