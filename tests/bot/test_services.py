"""The shared services: a question asked again is answered from memory until /reload."""

import asyncio

import pytest

from bot.config import Config
from bot.limits import UserLimiter
from bot.services import Services
from bot.usage import Usage


class CountingSearcher:
    """The real searcher, counting the questions that reach it."""

    def __init__(self, searcher) -> None:
        self._searcher = searcher
        self.asked: list[str] = []

    def search_many(self, questions, k, hints):
        self.asked.extend(questions)
        return self._searcher.search_many(questions, k, hints)


@pytest.mark.asyncio
async def test_a_repeated_question_is_answered_from_memory_until_reload(searcher, tmp_path):
    first = CountingSearcher(searcher)
    config = Config(data_dir=tmp_path, index_dir=tmp_path, knowledge_dir=tmp_path)
    svc = Services(config, first, Usage(tmp_path), UserLimiter(10), delivery=None)
    question = "How many SMTAs have been reported?"
    a, b = await asyncio.gather(svc.search(question, 5, "en"), svc.search(question, 5, "en"))
    again = await svc.search(question, 5, "en")
    assert a.hits[0].number == b.hits[0].number == again.hits[0].number == 26
    assert first.asked.count(question) <= 2  # the two at once may both reach it; not the third
    await svc.search(question, 10, "en")  # another number of results is another search
    assert first.asked.count(question) <= 3
    second = CountingSearcher(searcher)
    svc.swap(second)
    await svc.search(question, 5, "en")
    assert second.asked == [question]  # a reloaded index answers afresh
    svc.executor.shutdown()
