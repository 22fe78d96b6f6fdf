"""Faults injected into the real bot on the fake Bot API: a kill, an outage, failing sends, a
revoked token, hostile webhook requests. What must hold: no answer lost, none sent twice."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest
from telegram.error import InvalidToken

from bot.inbox import Inbox
from bot.usage import DB_FILE, Usage
from tests.bot.conftest import RUNNING, make_config, start_bot, stop_bot
from tests.conftest import CACHE, KNOWLEDGE, REPO
from tests.fake import DEFAULT_TOKEN, FakeBotApi

QUESTIONS = (
    "How many SMTAs have been reported so far?",
    "When did the new GLIS portal go live?",
    "¿Cuántos ANTM se han notificado?",
    "缔约方总数增至多少个？",
)


def answered(fake: FakeBotApi) -> Counter:
    """Answers that reached Telegram, per chat."""
    return Counter(c.params["chat_id"] for c in fake.calls("sendMessage", ok=True))


def bot_process(fake: FakeBotApi, data_dir) -> subprocess.Popen:
    """``treatybot serve`` in a process of its own, as a supervisor runs it."""
    env = dict(
        os.environ,
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_URL=fake.api_url,
        TREATYBOT_DATA_DIR=str(data_dir),
        TREATYBOT_INDEX_DIR=str(CACHE / "test-index"),
        TREATYBOT_KNOWLEDGE_DIR=str(KNOWLEDGE),
        TREATYBOT_USER_RATE="1000",
    )
    command = [sys.executable, "-c", "import sys, bot.cli; sys.exit(bot.cli.main(['serve']))"]
    return subprocess.Popen(command, env=env, cwd=REPO, stderr=subprocess.DEVNULL)


async def polling(fake: FakeBotApi, process: subprocess.Popen, timeout: float = 60) -> None:
    for _ in range(int(timeout * 20)):
        if fake.waiting_polls:
            return
        assert process.poll() is None, "the bot process ended"
        await asyncio.sleep(0.05)
    raise TimeoutError("the bot never polled")


@pytest.mark.asyncio
async def test_kill_9_in_a_burst_then_restart_loses_and_repeats_nothing(tmp_path):
    fake = FakeBotApi().start()
    first = bot_process(fake, tmp_path)
    second = None
    try:
        await polling(fake, first)
        fake.hold("sendMessage", after=20)  # 20 answers go out, the next ones are in flight
        for i in range(50):
            fake.private_message(QUESTIONS[i % len(QUESTIONS)], fake.user(7000 + i))
        await fake.wait_for("sendMessage", count=20, ok=True, timeout=60)
        await asyncio.sleep(0.5)
        first.send_signal(signal.SIGKILL)
        first.wait()
        fake.release()
        assert sum(answered(fake).values()) == 20
        second = bot_process(fake, tmp_path)
        await fake.wait_for("sendMessage", count=50, ok=True, timeout=120)
        await asyncio.sleep(1.0)  # time for a duplicate to show
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        fake.stop()
    per_chat = answered(fake)
    assert set(per_chat) == set(range(7000, 7050))
    assert max(per_chat.values()) == 1
    usage = Usage(tmp_path)
    assert sum(usage.stats().questions.values()) == 50  # counted once each, when sent
    usage.close()


@pytest.mark.asyncio
async def test_an_outage_while_answers_are_due_loses_none(bot):
    bot.fake.outage(4.0)
    for i in range(6):
        bot.fake.private_message(QUESTIONS[i % len(QUESTIONS)], bot.fake.user(8000 + i))
    await bot.sent(count=6, timeout=60)
    await asyncio.sleep(0.5)
    per_chat = answered(bot.fake)
    assert set(per_chat) == set(range(8000, 8006)) and max(per_chat.values()) == 1
    assert not any("Sorry" in c.params["text"] for c in bot.fake.calls("sendMessage", ok=True))


@pytest.mark.asyncio
async def test_eight_500s_in_a_row_delay_the_answer_but_do_not_lose_it(bot):
    bot.fake.fail_next("sendMessage", times=8, status=500)
    bot.fake.private_message("When did the new GLIS portal go live?")
    (call,) = await bot.sent(timeout=60)
    assert call.params["text"].startswith("<b>¶36</b>")
    await asyncio.sleep(0.5)
    assert len(bot.fake.calls("sendMessage", ok=True)) == 1


@pytest.mark.asyncio
async def test_an_answer_half_sent_is_finished_without_repeating_its_first_part(bot):
    """``/para 26 27`` answers with two messages; when the second fails, only it is sent
    again."""
    bot.fake.hold("sendMessage", after=1)
    bot.fake.private_message("/para 26 27")
    await bot.fake.wait_for("sendMessage", ok=True)
    await asyncio.sleep(0.3)
    bot.fake.release()  # the second message fails (503), and is sent again later
    await bot.sent(count=2, timeout=60)
    await asyncio.sleep(0.5)
    texts = [c.params["text"] for c in bot.fake.calls("sendMessage", ok=True)]
    assert len(texts) == 2
    assert texts[0].startswith("<b>¶26</b>") and texts[1].startswith("<b>¶27</b>")


@pytest.mark.asyncio
async def test_updates_stored_before_a_restart_are_answered_at_start(searcher, tmp_path):
    fake = FakeBotApi().start()
    config = make_config(fake, tmp_path)
    config.data_dir.mkdir(parents=True)
    update = fake.private_message("How many SMTAs have been reported so far?")
    fake.confirm_pending()  # acknowledged to Telegram before the crash: only the inbox has it
    inbox = Inbox(config.data_dir / DB_FILE)
    inbox.store(update["update_id"], json.dumps(update), 0.0)
    inbox.close()
    app, _ = await start_bot(fake, config, searcher)
    try:
        (call,) = await fake.wait_for("sendMessage", ok=True, timeout=30)
    finally:
        await stop_bot(app)
        fake.stop()
    assert call.params["text"].startswith("<b>¶26</b>")


@pytest.mark.asyncio
async def test_a_revoked_token_ends_the_bot_with_invalid_token(searcher, tmp_path):
    fake = FakeBotApi().start()
    app, _ = await start_bot(fake, make_config(fake, tmp_path), searcher)
    stop, running = app.bot_data[RUNNING]
    try:
        fake.token = "123:revoked"  # every call of the old token now gets 401
        fake.private_message("hello")  # ends the long poll under way
        with pytest.raises(InvalidToken):
            await asyncio.wait_for(running, timeout=30)
    finally:
        stop.set()
        fake.stop()


def raw_post(port: int, secret: str, length: int, body: bytes = b"") -> str:
    """Send a POST's headers (and ``body``), then read the status line: a server that waits for
    the whole body before answering never answers here."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        head = (
            f"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: {secret}\r\nContent-Length: {length}\r\n\r\n"
        )
        sock.sendall(head.encode() + body)
        return sock.recv(200).decode("latin-1").split("\r\n", 1)[0]


@pytest.mark.asyncio
async def test_webhook_checks_the_secret_and_size_before_reading_the_body(webhook_bot):
    fake, port, _ = webhook_bot
    forged = await asyncio.to_thread(raw_post, port, "guess", 90 * 1024 * 1024)
    huge = await asyncio.to_thread(raw_post, port, "s3cret-token", 2 * 1024 * 1024)
    assert forged.split()[1] == "403" and huge.split()[1] == "413"


@pytest.mark.asyncio
async def test_webhook_refuses_a_non_update_without_logging_it(webhook_bot, caplog):
    fake, port, _ = webhook_bot
    body = b'{"update_id": "secret text 5550123"}'
    with caplog.at_level(logging.DEBUG):
        status = await asyncio.to_thread(raw_post, port, "s3cret-token", len(body), body)
    assert status.split()[1] == "400"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "5550123" not in logged and "secret text" not in logged and DEFAULT_TOKEN not in logged


@pytest.mark.asyncio
async def test_webhook_says_200_only_once_the_update_is_stored(webhook_bot):
    fake, port, config = webhook_bot
    update = fake.private_message("When did the new GLIS portal go live?")
    fake.confirm_pending()  # the webhook, not getUpdates, brings it
    body = json.dumps(update).encode()
    status = await asyncio.to_thread(raw_post, port, "s3cret-token", len(body), body)
    assert status.split()[1] == "200"
    with sqlite3.connect(config.data_dir / DB_FILE) as db:
        ids = [row[0] for row in db.execute("SELECT update_id FROM inbox")]
    assert update["update_id"] in ids
    (answer,) = await fake.wait_for("sendMessage", ok=True, timeout=30)
    assert answer.params["text"].startswith("<b>¶36</b>")
