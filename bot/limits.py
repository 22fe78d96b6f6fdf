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


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (30 messages/s overall, 20 per minute per group, ``RetryAfter`` retried)
    that also retries a network error or time-out, so a hiccup does not drop an answer."""

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args) -> Any:
        for attempt in range(NETWORK_RETRIES + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
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
