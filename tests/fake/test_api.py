"""The Bot API methods the bot calls: errors as Telegram gives them, injected failures, requests
decoded as PTB encodes them, edits, callback and inline answers, concurrent sends."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import httpx
import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter

from tests.fake import NOT_MODIFIED, FakeBotApi
from tests.fake.clients import USER_ID, post, ptb_bot, seconds


@pytest.mark.asyncio
async def test_injected_flood_control_raises_retry_after(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", times=1, retry_after=3)
    async with ptb_bot(fake) as bot:
        with pytest.raises(RetryAfter) as caught, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await bot.send_message(USER_ID, "first")
            assert seconds(caught.value.retry_after) == 3
        await bot.send_message(USER_ID, "second")
    failed, sent = fake.calls("sendMessage")
    assert failed.injected and failed.status == 429 and not failed.ok
    assert failed.response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert sent.ok and sent.params["text"] == "second"


@pytest.mark.asyncio
async def test_injected_server_error_is_a_network_error(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", status=502)
    async with ptb_bot(fake) as bot:
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(7, "hello")
        await bot.send_message(7, "the next one goes through")
    assert [c.status for c in fake.calls("sendMessage")] == [502, 200]


@pytest.mark.asyncio
async def test_wrong_token_is_unauthorized(fake: FakeBotApi, http: httpx.Client) -> None:
    response = http.post(f"{fake.base_url}42:wrong/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(InvalidToken):
        async with ptb_bot(fake, token="42:wrong"):
            pass


def test_unknown_method_is_not_found_and_names_ignore_case(
    fake: FakeBotApi, http: httpx.Client
) -> None:
    missing = post(http, fake, "sendTelepathy", chat_id=USER_ID)
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert post(http, fake, "GETME").json()["result"]["username"] == "treaty_test_bot"
    assert [c.method for c in fake.calls()] == ["sendTelepathy", "getMe"]


def test_form_encoded_nested_json_is_decoded(fake: FakeBotApi, http: httpx.Client) -> None:
    markup = {"inline_keyboard": [[{"text": "More", "callback_data": "more:1"}]]}
    response = post(
        http,
        fake,
        "sendMessage",
        chat_id="123",
        text="123",
        reply_markup=markup,
        link_preview_options={"is_disabled": True},
        disable_notification=True,
    )
    assert response.status_code == 200, response.text
    params = fake.last("sendMessage").params
    assert params["chat_id"] == 123 and params["text"] == "123"
    assert params["reply_markup"] == markup
    assert params["link_preview_options"] == {"is_disabled": True}
    assert params["disable_notification"] is True
    assert response.json()["result"]["reply_markup"] == markup


@pytest.mark.asyncio
async def test_callback_data_longer_than_64_bytes_is_rejected(
    fake: FakeBotApi, http: httpx.Client
) -> None:
    too_long = {"inline_keyboard": [[{"text": "x", "callback_data": "é" * 33}]]}
    response = post(http, fake, "sendMessage", chat_id=USER_ID, text="hi", reply_markup=too_long)
    assert response.json()["description"] == "Bad Request: BUTTON_DATA_INVALID"
    bare = {"inline_keyboard": [[{"text": "x", "callback_data": ""}]]}
    response = post(http, fake, "sendMessage", chat_id=USER_ID, text="hi", reply_markup=bare)
    assert response.json()["description"] == (
        "Bad Request: can't parse inline keyboard button: "
        "Text buttons are unallowed in the inline keyboard"
    )
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 65)]])
    async with ptb_bot(fake) as bot:
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            await bot.send_message(USER_ID, "hi", reply_markup=keyboard)


@pytest.mark.asyncio
async def test_edits_update_the_message_and_reject_no_op_edits(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        sent = await bot.send_message(USER_ID, "<b>v1</b>", parse_mode=ParseMode.HTML)
        edited = await bot.edit_message_text(
            "<i>v2</i>", USER_ID, sent.message_id, parse_mode=ParseMode.HTML
        )
        assert edited.text == "v2" and edited.entities[0].type == "italic"
        assert edited.edit_date is not None
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text(
                "<i>v2</i>", USER_ID, sent.message_id, parse_mode=ParseMode.HTML
            )
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", USER_ID, 999)
    assert fake.message(USER_ID, sent.message_id)["text"] == "v2"
    assert (
        fake.last("editMessageText", ok=False).response["description"]
        == "Bad Request: message to edit not found"
    )
    assert f"Bad Request: {NOT_MODIFIED}" in [
        c.response.get("description") for c in fake.calls("editMessageText")
    ]


def article(result_id: str, text: str = "hi", **content: Any) -> dict[str, Any]:
    return {
        "type": "article",
        "id": result_id,
        "title": "T",
        "input_message_content": {"message_text": text, **content},
    }


@pytest.mark.parametrize(
    ("results", "description"),
    [
        ([article(str(n)) for n in range(51)], "Bad Request: RESULTS_TOO_MUCH"),
        ([article("1"), article("1")], "Bad Request: RESULT_ID_DUPLICATE"),
        (
            [{k: v for k, v in article("1").items() if k != "title"}],
            "Bad Request: can't parse inline query result: Can't find field \"title\"",
        ),
        (
            [article("1", "<b>x", parse_mode="HTML")],
            "Bad Request: can't parse inline query result: Can't parse entities: "
            'Can\'t find end tag corresponding to start tag "b"',
        ),
    ],
)
def test_inline_answers_are_validated(
    fake: FakeBotApi, http: httpx.Client, results: list[dict[str, Any]], description: str
) -> None:
    query_id = fake.inline_query("q")["inline_query"]["id"]
    response = post(http, fake, "answerInlineQuery", inline_query_id=query_id, results=results)
    assert response.status_code == 400
    assert response.json()["description"] == description


@pytest.mark.asyncio
async def test_valid_inline_answer_is_accepted_once(fake: FakeBotApi) -> None:
    query_id = fake.inline_query("q")["inline_query"]["id"]
    results = [
        InlineQueryResultArticle(
            str(n), f"Title {n}", InputTextMessageContent(f"<b>{n}</b>", parse_mode=ParseMode.HTML)
        )
        for n in range(50)
    ]
    async with ptb_bot(fake) as bot:
        assert await bot.answer_inline_query(query_id, results, cache_time=0) is True
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_inline_query(query_id, results)
    assert len(fake.last("answerInlineQuery", ok=True).params["results"]) == 50


@pytest.mark.asyncio
async def test_concurrent_sends_get_distinct_message_ids(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        sent = await asyncio.gather(*(bot.send_message(USER_ID, f"m{n}") for n in range(50)))
    assert sorted(m.message_id for m in sent) == list(range(1, 51))
    assert len(fake.calls("sendMessage", ok=True)) == 50
