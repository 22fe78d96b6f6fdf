"""/reload builds the new index on a thread of its own: questions are answered from the old
index meanwhile, and the new one is swapped in when it is ready."""

import asyncio
import threading

import pytest

from bot.i18n import t
from tests.bot.conftest import ADMIN


@pytest.mark.asyncio
async def test_questions_are_answered_from_the_old_index_while_reload_builds(
    bot, searcher, monkeypatch
):
    building, release = threading.Event(), threading.Event()

    def slow_open(knowledge_dir, index_dir, encoder, tuning=None):
        building.set()
        release.wait(30)  # a rebuild that takes as long as the test needs
        return searcher

    monkeypatch.setattr("bot.handlers.open_index", slow_open)
    monkeypatch.setattr("bot.handlers.load_encoder", lambda model: searcher.encoder)
    bot.fake.private_message("/reload", bot.fake.user(ADMIN))
    assert await asyncio.to_thread(building.wait, 10)
    try:
        bot.fake.private_message("How many SMTAs have been reported so far?")
        (answer,) = await bot.sent(chat_id=1001)
        assert "¶26" in answer.params["text"]
        assert not bot.fake.calls("sendMessage", ok=True)[1:]  # /reload has not answered yet
    finally:
        release.set()
    (done,) = await bot.sent(chat_id=ADMIN, timeout=30)
    assert done.params["text"] == "Index reloaded: 77 paragraphs in 6 languages."


@pytest.mark.asyncio
async def test_a_failed_reload_keeps_the_old_index(bot, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr("bot.handlers.open_index", broken)
    bot.fake.private_message("/reload", bot.fake.user(ADMIN))
    (failed,) = await bot.sent(chat_id=ADMIN, timeout=30)
    assert failed.params["text"] == t("en", "reload_failed")
    bot.fake.private_message("How many SMTAs have been reported so far?")
    (answer,) = await bot.sent(chat_id=1001)
    assert "¶26" in answer.params["text"]
