"""PTB's request seam answered in-process: the same checks, answers and record as over HTTP."""

from __future__ import annotations

import pytest
from telegram import Bot, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from tests.fake import BotApi, FakeRequest
from tests.fake.clients import USER_ID


@pytest.mark.asyncio
async def test_requests_are_checked_answered_and_recorded_without_a_network() -> None:
    api = BotApi()
    request = FakeRequest(api)
    async with Bot(api.token, f"{api.api_url}/bot", request=request) as bot:
        assert bot.username == "treaty_test_bot"  # initialize() asked getMe
        with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
            await bot.send_message(USER_ID, "<script>x</script>", parse_mode=ParseMode.HTML)
        sent = await bot.send_message(USER_ID, "<b>bold</b> &amp; more", parse_mode=ParseMode.HTML)
        press = Update.de_json(api.callback_query(api.message(USER_ID, sent.message_id)), bot)
        assert await press.callback_query.answer("thanks") is True
    assert sent.text == "bold & more" and sent.entities[0].type == "bold"
    assert [(c.method, c.status) for c in api.calls()] == [
        ("getMe", 200),
        ("sendMessage", 400),
        ("sendMessage", 200),
        ("answerCallbackQuery", 200),
    ]
    assert api.last("sendMessage").params["parse_mode"] == "HTML"
    assert [u["update_id"] for u in api.take_updates()] == [press.update_id]
    assert api.take_updates() == []
