"""No answer lost, none sent twice: updates pass through ``bot/inbox.py`` on their way in and out.

- ``Delivery.receive`` stores an update before it is queued; polling (``bot/polling.py``) and the
  webhook (``bot/webhook.py``) acknowledge it to Telegram only after that.
- ``DeliveringApplication.process_update`` handles it, then marks it handled; if an API call
  failed on the network (after the rate limiter's own retries), the update is handled again
  later, with backoff, for up to ``GIVE_UP_AFTER``, and after a restart too.
- ``DeliveringLimiter`` numbers each API call made for an update: a call that went through is
  answered from the outbox when the update is handled again, so no message is sent twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import Application

from bot.inbox import GAVE_UP, Inbox
from bot.limits import RetryingRateLimiter

log = logging.getLogger(__name__)

REDELIVER_EVERY = 0.5  # seconds between looks for updates due again
# After a failed write (a locked database), updates go unstored for a while rather than each
# waiting for the lock: answering on time comes first.
STORE_PAUSE = 5.0


@dataclass
class Handling:
    """One update being handled: the update, its API calls so far, whether one failed."""

    update: Update
    calls: int = 0
    failed: bool = False

    @property
    def update_id(self) -> int:
        return self.update.update_id


_handling: contextvars.ContextVar[Handling | None] = contextvars.ContextVar(
    "handling", default=None
)


def retryable(error: BaseException) -> bool:
    """A failure to reach Telegram, which sending again later can fix (a 400 cannot)."""
    return isinstance(error, RetryAfter | NetworkError) and not isinstance(error, BadRequest)


class Delivery:
    def __init__(self, inbox: Inbox, executor: ThreadPoolExecutor) -> None:
        self.inbox = inbox
        self._executor = executor
        self._in_flight: set[int] = set()
        self._paused_until = 0.0
        # Handled, but the inbox could not be told yet: not to be handled again meanwhile.
        self._unsettled: set[int] = set()
        self._warned: set[str] = set()
        self._redeliver: asyncio.Task | None = None

    async def _call(self, kind: str, fn, *args: Any, write: bool = True) -> Any:
        """An inbox call off the event loop, or None if it failed (logged once per kind). After
        a failed write (a locked or full disk), writes pause for a while rather than each wait
        for the lock: answering on time comes before remembering."""
        if write and time.monotonic() < self._paused_until:
            return None
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, functools.partial(fn, *args))
        except sqlite3.Error as exc:
            if write:
                self._paused_until = time.monotonic() + STORE_PAUSE
            if kind not in self._warned:
                self._warned.add(kind)
                log.warning("delivery state: could not %s (%s); answering on", kind, exc)
            return None

    async def receive(self, app: Application, update: Update) -> None:
        """Store, then queue: what Telegram has been told arrived is never lost."""
        if update.update_id in self._in_flight:
            return
        body = json.dumps(update.to_dict())
        new = await self._call(
            "store updates", self.inbox.store, update.update_id, body, time.time()
        )
        if new is False:
            return  # already handled, or waiting to be handled again
        self._in_flight.add(update.update_id)
        await app.update_queue.put(update)

    async def handle(self, app: Application, update: Update, process) -> None:
        """Run ``process`` (PTB's ``process_update``) for ``update``, then settle it."""
        handling = Handling(update)
        token = _handling.set(handling)
        try:
            await process(update)
        finally:
            _handling.reset(token)
            await self._settle(handling)

    async def _settle(self, handling: Handling) -> None:
        update_id, now = handling.update_id, time.time()
        try:
            if not handling.failed:
                await self._mark_handled(update_id)
                return
            body = json.dumps(handling.update.to_dict())
            delay = await self._call("postpone updates", self.inbox.postpone, update_id, body, now)
            if delay == GAVE_UP:
                log.warning("gave up on an update after retrying for a quarter of an hour")
            elif delay is not None:  # None: not stored, which _call has logged
                log.warning("could not reach Telegram; trying that update again in %.0f s", delay)
        finally:
            self._in_flight.discard(update_id)

    async def _mark_handled(self, update_id: int) -> None:
        done = await self._call("mark updates handled", self.inbox.handled, update_id, time.time())
        if done is None:
            self._unsettled.add(update_id)
        else:
            self._unsettled.discard(update_id)

    @staticmethod
    def failed() -> bool:
        """Mark the update being handled to be handled again later (from the error handler);
        False outside an update."""
        handling = _handling.get()
        if handling is None:
            return False
        handling.failed = True
        return True

    async def replay(self, handling: Handling, call) -> Any:
        """Make one API call for the update being handled, or give the result it already had."""
        seq = handling.calls
        handling.calls += 1
        done = await self._call(
            "read sent answers", self.inbox.sent, handling.update_id, seq, write=False
        )
        if done is not None:
            return json.loads(done)
        result = await call()
        await self._call(
            "record sent answers", self.inbox.record, handling.update_id, seq, json.dumps(result)
        )
        return result

    def start(self, app: Application) -> None:
        self._redeliver = asyncio.create_task(self._redeliver_loop(app))

    async def stop(self) -> None:
        if self._redeliver is not None:
            self._redeliver.cancel()
            await asyncio.gather(self._redeliver, return_exceptions=True)

    async def _redeliver_loop(self, app: Application) -> None:
        """Updates left from before a restart, or whose answer could not be sent: again."""
        await self._call("forget handled updates", self.inbox.forget_old, time.time())
        while True:
            for update_id in list(self._unsettled):
                await self._mark_handled(update_id)
            due = await self._call("read due updates", self.inbox.due, time.time(), write=False)
            for update_id, body in due or ():
                if update_id in self._in_flight or update_id in self._unsettled:
                    continue
                update = self._revive(app, body)
                if update is None:
                    log.warning("an unreadable stored update was dropped")
                    await self._mark_handled(update_id)
                    continue
                self._in_flight.add(update_id)
                app.create_task(app.process_update(update), update=update)
            await asyncio.sleep(REDELIVER_EVERY)

    @staticmethod
    def _revive(app: Application, body: str) -> Update | None:
        try:
            return Update.de_json(json.loads(body), app.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self.inbox.close()


class DeliveringApplication(Application):
    """PTB's ``Application``, with each update settled in the inbox once handled."""

    delivery: Delivery | None = None

    async def process_update(self, update: object) -> None:
        if self.delivery is None or not isinstance(update, Update):
            await super().process_update(update)
            return
        await self.delivery.handle(self, update, super().process_update)


class DeliveringLimiter(RetryingRateLimiter):
    """Flood control and network retries, and each call made for an update made only once."""

    def __init__(self, delivery: Delivery, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._delivery = delivery

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args) -> Any:
        handling = _handling.get()
        parent = super().process_request
        call = functools.partial(parent, callback, args, kwargs, endpoint, data, rate_limit_args)
        if handling is None or endpoint == "getUpdates":
            return await call()
        return await self._delivery.replay(handling, call)
