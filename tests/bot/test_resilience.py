"""Flood control, concurrency, failures and what the logs may contain."""

import asyncio
import logging

import pytest

from tests.bot.conftest import make_config, start_bot, stop_bot
from tests.fake import DEFAULT_TOKEN, FakeBotApi


@pytest.mark.asyncio
async def test_two_429s_in_a_row_then_the_answer_goes_through(bot):
    bot.fake.fail_next("sendMessage", times=2, retry_after=1)
    bot.fake.private_message("How many SMTAs have been reported so far?")
    (call,) = await bot.sent(timeout=30)
    failed = [c for c in bot.fake.calls("sendMessage") if not c.ok]
    assert len(failed) == 2 and all(c.status == 429 for c in failed)
    assert call.params["text"].startswith("<b>¶26</b>")


@pytest.mark.asyncio
async def test_a_network_error_is_retried(bot):
    bot.fake.fail_next("sendMessage", times=1, status=502)
    bot.fake.private_message("When did the new GLIS portal go live?")
    (call,) = await bot.sent(timeout=30)
    assert call.params["text"].startswith("<b>¶36</b>")


@pytest.mark.asyncio
async def test_thirty_users_asking_at_once_are_all_answered(bot):
    questions = [
        "How many SMTAs have been reported so far?",
        "When did the new GLIS portal go live?",
        "¿Cuántos ANTM se han notificado?",
        "Quand s'est tenue la 9e réunion de l'ACSU ?",
        "缔约方总数增至多少个？",
        "Сколько ресурсов собрано в инструментарии?",
    ]
    for i in range(30):
        bot.fake.private_message(questions[i % len(questions)], bot.fake.user(9000 + i))
    calls = await bot.sent(count=30, timeout=60)
    assert sorted(c.params["chat_id"] for c in calls) == list(range(9000, 9030))


@pytest.mark.asyncio
@pytest.mark.parametrize("bot_config", [{"user_rate": 2}])
async def test_one_user_cannot_starve_the_others(bot):
    for _ in range(3):
        bot.fake.private_message("How many SMTAs have been reported so far?")
    bot.fake.private_message("When did the new GLIS portal go live?", bot.fake.user(1002))
    calls = await bot.sent(count=4)
    mine = [c.params["text"] for c in calls if c.params["chat_id"] == 1001]
    assert sum(text.startswith("You are asking faster") for text in mine) == 1
    assert any(c.params["chat_id"] == 1002 and "¶36" in c.params["text"] for c in calls)


@pytest.mark.asyncio
async def test_a_failing_handler_is_logged_and_the_bot_keeps_serving(bot, monkeypatch, caplog):
    services = bot.app.bot_data["treatybot"]
    real = services.searcher.search_many

    def flaky(questions, *args, **kwargs):
        if "first question fails" in questions:  # every time it is asked: alone too
            raise RuntimeError("boom")
        return real(questions, *args, **kwargs)

    monkeypatch.setattr(services.searcher, "search_many", flaky)
    with caplog.at_level(logging.ERROR):
        bot.fake.private_message("first question fails")
        (apology,) = await bot.sent()
        assert apology.params["text"].startswith("Sorry, something went wrong")
        bot.fake.private_message("How many SMTAs have been reported so far?")
        answer = (await bot.sent(count=2))[-1]
    assert answer.params["text"].startswith("<b>¶26</b>")
    assert any("error while handling Update" in r.getMessage() for r in caplog.records)


@pytest.mark.asyncio
async def test_logs_hold_no_question_no_user_id_no_token(searcher, tmp_path, caplog):
    fake = FakeBotApi().start()
    with caplog.at_level(logging.DEBUG):
        app, _ = await start_bot(fake, make_config(fake, tmp_path), searcher)
        try:
            fake.private_message("Secret negotiating position about Norway", fake.user(5550123))
            fake.inline_query("another confidential inline question", fake.user(5550124))
            await fake.wait_for("sendMessage", ok=True)
            await fake.wait_for("answerInlineQuery", ok=True)
        finally:
            await stop_bot(app)
            fake.stop()
    text = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("tests."))
    assert "answered" in text  # the bot does log its work...
    for secret in ("Secret negotiating", "confidential", "5550123", "5550124", DEFAULT_TOKEN):
        assert secret not in text  # ...but not what was asked, by whom, or the token


@pytest.mark.asyncio
async def test_shutdown_while_answering_loses_nothing_already_sent(searcher, tmp_path):
    fake = FakeBotApi().start()
    app, _ = await start_bot(fake, make_config(fake, tmp_path), searcher)
    fake.private_message("How many SMTAs have been reported so far?")
    await fake.wait_for("sendMessage", ok=True)
    await asyncio.wait_for(stop_bot(app), timeout=30)
    fake.stop()
