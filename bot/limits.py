"""Flood control: Telegram's limits (with retries) for the whole bot, and a fair share per user."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, deque
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

NETWORK_RETRIES = 3


# 429s from this many chats within BOT_WIDE_WINDOW seconds are a bot-wide limit, not one chat's.
BOT_WIDE_CHATS = 3
BOT_WIDE_WINDOW = 2.0
CHAT_RETRIES = 5


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (30 messages/s overall, 20 per minute per group) that also retries a
    network error or time-out, so a hiccup does not drop an answer, and that honours a 429
    (``RetryAfter``) for the chat it came from only: AIORateLimiter pauses every request of the
    bot, so one busy group held every other delegate and every inline answer. Only 429s from
    several chats at once, the sign of a bot-wide limit, pause the whole bot."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paused: dict[object, float] = {}  # chat -> monotonic time its pause ends
        self._recent: deque[tuple[float, object]] = deque(maxlen=64)

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args) -> Any:
        chat = (data or {}).get("chat_id")

        async def per_chat(*call_args: Any, **call_kwargs: Any) -> Any:
            for attempt in range(CHAT_RETRIES + 1):
                await self._wait_for(chat)
                try:
                    return await callback(*call_args, **call_kwargs)
                except RetryAfter as exc:
                    seconds = exc._retry_after.total_seconds()  # as AIORateLimiter reads it
                    if chat is None or attempt == CHAT_RETRIES or self._bot_wide(chat):
                        raise  # AIORateLimiter pauses the whole bot and retries
                    log.info("429 for one chat: that chat waits %.1f s", seconds)
                    self._paused[chat] = time.monotonic() + seconds + 0.1
            raise AssertionError("unreachable")

        for attempt in range(NETWORK_RETRIES + 1):
            try:
                return await super().process_request(
                    per_chat, args, kwargs, endpoint, data, rate_limit_args
                )
            except (RetryAfter, BadRequest):
                # PTB's BadRequest is a NetworkError, but sending it again fails again.
                raise
            except (TimedOut, NetworkError) as exc:
                if attempt == NETWORK_RETRIES or endpoint == "getUpdates":
                    raise
                log.warning("%s failed (%s); retry %d", endpoint, type(exc).__name__, attempt + 1)
                await asyncio.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")

    async def _wait_for(self, chat: object) -> None:
        until = self._paused.get(chat)
        if until is not None:
            delay = until - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self._paused.pop(chat, None)

    def _bot_wide(self, chat: object) -> bool:
        now = time.monotonic()
        self._recent.append((now, chat))
        chats = {c for at, c in self._recent if now - at <= BOT_WIDE_WINDOW}
        return len(chats) >= BOT_WIDE_CHATS


ALLOW, NOTICE, SILENT = "allow", "notice", "silent"


class UserLimiter:
    """At most ``rate`` questions per user per ``window`` seconds (sliding window, in memory).
    A user over the limit is told once per window, then the bot stays silent: answering every
    extra message of a flood is the traffic that draws Telegram's own limits."""

    def __init__(self, rate: int, window: float = 60.0, max_users: int = 10_000) -> None:
        self.rate = rate
        self.window = window
        self._seen: OrderedDict[int, deque[float]] = OrderedDict()
        self._noticed: dict[int, float] = {}
        self._max_users = max_users

    def check(self, user_id: int, now: float | None = None) -> str:
        """``allow``, or ``notice`` (over the limit, first time this window), or ``silent``."""
        now = time.monotonic() if now is None else now
        if self.allow(user_id, now):
            return ALLOW
        told = self._noticed.get(user_id)
        if told is not None and now - told < self.window:
            return SILENT
        self._noticed[user_id] = now
        if len(self._noticed) > self._max_users:
            self._noticed.pop(next(iter(self._noticed)))
        return NOTICE

    def allow(self, user_id: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        stamps = self._seen.pop(user_id, deque())
        while stamps and now - stamps[0] >= self.window:
            stamps.popleft()
        allowed = len(stamps) < self.rate
        if allowed:
            stamps.append(now)
        self._seen[user_id] = stamps
        if len(self._seen) > self._max_users:
            self._seen.popitem(last=False)
        return allowed
