"""Small faults found by injection: flood notices, Bot API 400s, a failing question in a batch,
/para with several numbers."""

import asyncio

import pytest
from telegram.error import BadRequest, TimedOut

from bot.limits import ALLOW, NOTICE, SILENT, RetryingRateLimiter, UserLimiter
from bot.services import Services
from bot.usage import Usage

REPORT = "IT/GB-11/25/18"  # how notices name the report: its symbol


def test_a_flooding_user_is_told_once_per_window():
    limiter = UserLimiter(rate=2, window=60)
    verdicts = [limiter.check(7, now=float(i)) for i in range(92)]
    assert verdicts[:2] == [ALLOW, ALLOW]
    assert verdicts[2] == NOTICE and set(verdicts[3:60]) == {SILENT}
    assert NOTICE in verdicts[60:]  # a new window, one more notice
    assert limiter.check(8, now=0.0) == ALLOW  # others are not affected


@pytest.mark.asyncio
async def test_a_bad_request_is_not_retried_but_a_timeout_is():
    limiter = RetryingRateLimiter(max_retries=0)
    await limiter.initialize()
    calls = []

    async def bad(*args, **kwargs):
        calls.append("bad")
        raise BadRequest("Bad Request: message text is empty")

    with pytest.raises(BadRequest):
        await limiter.process_request(bad, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert calls == ["bad"]
    attempts = []

    async def flaky(*args, **kwargs):
        attempts.append(1)
        if len(attempts) < 2:
            raise TimedOut()
        return True

    assert await limiter.process_request(flaky, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert len(attempts) == 2
    await limiter.shutdown()


class _Searcher:
    """Raises on one question, answers the others (as a batch or alone)."""

    def search_many(self, questions, k=5, hints=None):
        if "boom" in questions:
            raise RuntimeError("a question the index chokes on")
        return [f"answer to {q}" for q in questions]


@pytest.mark.asyncio
async def test_a_question_that_raises_fails_alone(tmp_path):
    svc = Services(
        config=None, searcher=_Searcher(), usage=Usage(tmp_path), limiter=None, delivery=None
    )
    # Held until all three are queued, so they are searched as one batch.
    results = await asyncio.gather(
        *(svc.search(q, 5, "en", asker) for asker, q in enumerate(("one", "boom", "two"))),
        return_exceptions=True,
    )
    assert results[0] == "answer to one" and results[2] == "answer to two"
    assert isinstance(results[1], RuntimeError)


@pytest.mark.asyncio
async def test_para_with_two_numbers_shows_both_and_an_absurd_one_the_range(bot):
    bot.fake.private_message("/para 26 27")
    first, second = await bot.sent(count=2)
    assert first.params["text"].startswith("<b>¶26</b>")
    assert second.params["text"].startswith("<b>¶27</b>")
    bot.fake.private_message("/para 99999999999999999999")
    (*_, absurd) = await bot.sent(count=3)
    assert absurd.params["text"].startswith(f"{REPORT} has paragraphs 1 to 77")
    assert absurd.params["text"].endswith("no paragraph 999999.")  # cut to a few digits


@pytest.mark.asyncio
async def test_a_429_for_one_chat_pauses_that_chat_only():
    import time

    from telegram.error import RetryAfter

    limiter = RetryingRateLimiter()
    await limiter.initialize()
    answered: dict[str, float] = {}
    told = {"a": 0}
    started = time.monotonic()

    async def to_busy_group():
        if not told["a"]:
            told["a"] = 1
            raise RetryAfter(2)
        answered["busy"] = time.monotonic() - started
        return True

    async def to_someone_else():
        answered["other"] = time.monotonic() - started
        return True

    busy = asyncio.create_task(
        limiter.process_request(to_busy_group, (), {}, "sendMessage", {"chat_id": -100}, None)
    )
    await asyncio.sleep(0.1)  # the busy group's 429 has arrived
    await limiter.process_request(to_someone_else, (), {}, "sendMessage", {"chat_id": 7}, None)
    assert await busy
    assert answered["other"] < 1.0 <= 2.0 <= answered["busy"]
    await limiter.shutdown()


def test_429s_from_several_chats_at_once_are_a_bot_wide_limit():
    limiter = RetryingRateLimiter()
    assert not limiter._bot_wide(1) and not limiter._bot_wide(1) and not limiter._bot_wide(2)
    assert limiter._bot_wide(3)  # a third chat within the window: the whole bot pauses


class _Recording:
    def __init__(self):
        self.batches = []

    def search_many(self, questions, k=5, hints=None):
        self.batches.append(list(questions))
        return [f"answer to {q[:10]}" for q in questions]


@pytest.mark.asyncio
async def test_questions_are_served_one_asker_at_a_time(tmp_path):
    searcher = _Recording()
    svc = Services(
        config=None, searcher=searcher, usage=Usage(tmp_path), limiter=None, delivery=None
    )
    flood = [svc.search(f"long question {i} " + "x" * 1500, 5, "en", "flooder") for i in range(6)]
    others = [svc.search(f"short {who}", 5, "en", who) for who in ("b", "c")]
    await asyncio.gather(*flood, *others)
    first = searcher.batches[0]
    # The flooder's first question, then the others' at once; its other five wait their turn,
    # one per batch (each is long).
    assert first[0].startswith("long question 0") and "short b" in first and "short c" in first
    assert all(len(batch) == 1 for batch in searcher.batches[1:]) and len(searcher.batches) == 6
