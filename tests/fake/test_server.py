"""The HTTP server: PTB talks to it, long polling behaves as Telegram's, calls can be awaited
from any thread, and the real Application polls it and replies."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from tests.fake import FakeBotApi
from tests.fake.clients import NO_TLS, USER_ID, post, ptb_bot


@pytest.mark.asyncio
async def test_get_me_through_ptb(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        me = await bot.get_me()
    assert me.username == "treaty_test_bot"
    assert me.is_bot and me.supports_inline_queries
    assert me.id == fake.bot_id == 123456789


def test_only_form_encoded_bodies_are_read(fake: FakeBotApi, http: httpx.Client) -> None:
    response = http.post(fake.method_url("sendMessage"), json={"chat_id": USER_ID, "text": "hi"})
    assert response.status_code == 400
    assert "form-encoded bodies only" in response.json()["description"]
    query = http.get(fake.method_url("sendMessage"), params={"chat_id": USER_ID, "text": "hi"})
    assert query.json()["result"]["text"] == "hi"


# ---------------------------------------------------------------- long polling


@pytest.mark.asyncio
async def test_long_poll_returns_as_soon_as_an_update_is_injected(fake: FakeBotApi) -> None:
    threading.Timer(0.3, fake.private_message, args=("/start",)).start()
    async with ptb_bot(fake) as bot:
        started = time.monotonic()
        updates = await bot.get_updates(timeout=5)
    assert time.monotonic() - started < 2.5
    assert [u.message.text for u in updates] == ["/start"]


@pytest.mark.asyncio
async def test_long_poll_blocks_for_the_timeout_when_idle(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 2.5


def test_offset_confirms_updates(fake: FakeBotApi, http: httpx.Client) -> None:
    ids = [fake.private_message(f"m{n}")["update_id"] for n in range(3)]
    first = post(http, fake, "getUpdates", offset=0, limit=2).json()["result"]
    assert [u["update_id"] for u in first] == ids[:2]
    rest = post(http, fake, "getUpdates", offset=ids[1] + 1).json()["result"]
    assert [u["update_id"] for u in rest] == ids[2:]
    assert post(http, fake, "getUpdates", offset=ids[2] + 1).json()["result"] == []
    assert fake.pending_updates() == []
    later = [fake.private_message(f"n{n}")["update_id"] for n in range(3)]
    newest = post(http, fake, "getUpdates", offset=-1).json()["result"]
    assert [u["update_id"] for u in newest] == later[-1:]
    assert [u["update_id"] for u in fake.pending_updates()] == later[-1:]


def test_a_newer_poll_terminates_an_older_one(fake: FakeBotApi, http: httpx.Client) -> None:
    answers: list[httpx.Response] = []

    def poll() -> None:
        with httpx.Client(timeout=10, **NO_TLS) as client:
            answers.append(post(client, fake, "getUpdates", timeout=5))

    waiting = threading.Thread(target=poll)
    waiting.start()
    deadline = time.monotonic() + 3
    while fake.waiting_polls == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake.waiting_polls == 1
    assert post(http, fake, "getUpdates", timeout=0).json()["result"] == []
    waiting.join(timeout=3)
    assert answers[0].status_code == 409
    assert "terminated by other getUpdates request" in answers[0].json()["description"]


def test_allowed_updates_are_remembered_and_filter(fake: FakeBotApi, http: httpx.Client) -> None:
    fake.inline_query("ignored")
    kept = fake.private_message("/start")
    result = post(http, fake, "getUpdates", allowed_updates=["message"]).json()["result"]
    assert [u["update_id"] for u in result] == [kept["update_id"]]


# ---------------------------------------------------------------- recording and the application


@pytest.mark.asyncio
async def test_wait_for_sees_calls_from_other_threads(fake: FakeBotApi) -> None:
    def later() -> None:
        time.sleep(0.2)
        with httpx.Client(**NO_TLS) as client:
            for n in range(3):
                post(client, fake, "sendMessage", chat_id=USER_ID, text=f"n{n}")

    threading.Thread(target=later).start()
    found = await fake.wait_for("sendMessage", lambda c: c.params["text"] != "n0", count=2)
    assert [c.params["text"] for c in found] == ["n1", "n2"]
    assert len(await fake.wait_for("sendmessage", count=3, timeout=1)) == 3
    with pytest.raises(TimeoutError, match="sendMessage->200"):
        await fake.wait_for("deleteMessage", timeout=0.05)


@pytest.mark.asyncio
async def test_real_application_polls_and_replies(fake: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_html(f"<b>Hello</b>, {context.args}")

    app = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .request(HTTPXRequest(httpx_kwargs=NO_TLS))
        .get_updates_request(HTTPXRequest(httpx_kwargs=NO_TLS))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=1, allowed_updates=Update.ALL_TYPES)
        fake.private_message("/start treaty")
        [reply] = await fake.wait_for("sendMessage", ok=True, timeout=5)
        await app.updater.stop()
        await app.stop()
    assert reply.result["text"] == "Hello, ['treaty']"
    assert "reply_to_message" not in reply.result  # PTB quotes only in group chats
    assert fake.pending_updates() == []  # the shutdown getUpdates confirmed the offset
