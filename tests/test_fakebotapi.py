"""Tests of the fake Bot API server: it must behave like Telegram for the real PTB stack.

Offline and fast: every request goes to 127.0.0.1, through httpx directly or through
PTB's own Bot/Application, so a bot test built on the fake exercises real HTTP and PTB's
error mapping.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    ChatMemberLeft,
    ChatMemberMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

try:  # `python -m pytest` puts the repo root on sys.path; bare `pytest` puts tests/
    from tests.fakebotapi import DEFAULT_GROUP_ID, NOT_MODIFIED, ApiError, FakeBotApi, parse_html
except ImportError:  # pragma: no cover - depends on how pytest was started
    from fakebotapi import DEFAULT_GROUP_ID, NOT_MODIFIED, ApiError, FakeBotApi, parse_html

USER_ID = 1001
# Plain HTTP on loopback: skipping the CA bundle saves ~70 ms per httpx client created.
NO_TLS: dict[str, Any] = {"verify": False}


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10, **NO_TLS) as client:
        yield client


def post(http: httpx.Client, fake: FakeBotApi, method: str, **params: Any) -> httpx.Response:
    """Form-encode like PTB: strings as is, everything else as JSON."""
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return http.post(fake.method_url(method), data=data)


def ptb_bot(fake: FakeBotApi, token: str | None = None) -> Bot:
    """A PTB Bot on the fake, with a pool big enough for concurrent calls."""
    return Bot(
        token or fake.token,
        base_url=fake.base_url,
        request=HTTPXRequest(connection_pool_size=64, httpx_kwargs=NO_TLS),
        get_updates_request=HTTPXRequest(httpx_kwargs=NO_TLS),
    )


def seconds(value: int | dtm.timedelta) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB_TIMEDELTA."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# ---------------------------------------------------------------- PTB talks to the fake


@pytest.mark.asyncio
async def test_get_me_through_ptb(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        me = await bot.get_me()
    assert me.username == "treaty_test_bot"
    assert me.is_bot and me.supports_inline_queries
    assert me.id == fake.bot_id == 123456789


@pytest.mark.asyncio
async def test_valid_html_is_accepted_with_entities(fake: FakeBotApi) -> None:
    text = (
        '<b>bold <i>both</i></b> <a href="https://example.org/x">link</a> '
        "&lt;b&gt; &amp; &#39;\n<blockquote expandable>quoted</blockquote>"
        '<pre><code class="language-python">x = 1</code></pre>'
    )
    async with ptb_bot(fake) as bot:
        message = await bot.send_message(USER_ID, text, parse_mode=ParseMode.HTML)
    assert message.text == "bold both link <b> & '\nquotedx = 1"
    kinds = {(e.type, e.offset, e.length) for e in message.entities}
    assert {
        ("bold", 0, 9),
        ("italic", 5, 4),
        ("text_link", 10, 4),
        ("expandable_blockquote", 23, 6),
        ("pre", 29, 5),
    } <= kinds
    link = next(e for e in message.entities if e.type == MessageEntity.TEXT_LINK)
    assert link.url == "https://example.org/x"
    pre = next(e for e in message.entities if e.type == MessageEntity.PRE)
    assert pre.language == "python"
    assert message.from_user.username == "treaty_test_bot" and message.chat.type == "private"


INVALID_HTML = [
    ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
    ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
    # The bare "&" and the <a> without href are errors in strict_html mode only (the default).
    ("Tom & Jerry", 'Unescaped "&" at byte offset 4'),
    ("a <b>x</i>", 'Unmatched end tag at byte offset 6, expected "</b>", found "</i>"'),
    ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
    ("<a>no href</a>", 'Tag "a" must have attribute "href" at byte offset 0'),
]


@pytest.mark.parametrize(("text", "reason"), INVALID_HTML)
def test_invalid_html_gets_telegram_wording(
    fake: FakeBotApi, http: httpx.Client, text: str, reason: str
) -> None:
    response = post(http, fake, "sendMessage", chat_id=USER_ID, text=text, parse_mode="HTML")
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error_code": 400,
        "description": f"Bad Request: can't parse entities: {reason}",
    }


@pytest.mark.asyncio
@pytest.mark.parametrize("text", [text for text, _ in INVALID_HTML])
async def test_invalid_html_raises_bad_request_in_ptb(fake: FakeBotApi, text: str) -> None:
    async with ptb_bot(fake) as bot:
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(USER_ID, text, parse_mode=ParseMode.HTML)


def test_non_strict_mode_accepts_what_telegram_accepts() -> None:
    assert parse_html("Tom & Jerry &nbsp;", strict=False) == ("Tom & Jerry &nbsp;", [])
    assert parse_html("<a>https://example.org</a>", strict=False)[1] == [
        {"offset": 0, "length": 19, "type": "text_link", "url": "https://example.org/"}
    ]


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("\N{GRINNING FACE}" * 2048, None),  # 4096 UTF-16 units: the limit itself
        ("\N{GRINNING FACE}" * 2048 + "a", "Bad Request: message is too long"),
        ("<b>" + "a" * 4096 + "</b>", None),  # tags do not count
        ("&amp;" * 4097, "Bad Request: message is too long"),  # entities count once decoded
        ("<b></b>", "Bad Request: message text is empty"),
        (" \n ", "Bad Request: message text is empty"),
    ],
)
def test_text_length_is_checked_after_parsing_in_utf16(
    fake: FakeBotApi, http: httpx.Client, text: str, description: str | None
) -> None:
    response = post(http, fake, "sendMessage", chat_id=USER_ID, text=text, parse_mode="HTML")
    if description is None:
        assert response.status_code == 200, response.text
    else:
        assert response.status_code == 400
        assert response.json()["description"] == description


@pytest.mark.asyncio
async def test_too_long_text_raises_bad_request_in_ptb(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(USER_ID, "x" * 4097)


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
    fake.fail_next("sendMessage", status=502, match=lambda params: params["chat_id"] == 7)
    async with ptb_bot(fake) as bot:
        await bot.send_message(USER_ID, "other chats are unaffected")
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(7, "hello")
    assert [c.status for c in fake.calls("sendMessage")] == [200, 502]


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


def test_register_serves_extra_methods(fake: FakeBotApi, http: httpx.Client) -> None:
    def get_chat_member(params: dict[str, Any]) -> dict[str, Any]:
        if params["user_id"] == 666:
            raise ApiError(400, "Bad Request: user not found")
        return {"user": fake.user(params["user_id"]), "status": "member"}

    fake.register("getChatMember", get_chat_member)
    ok = post(http, fake, "getchatmember", chat_id=DEFAULT_GROUP_ID, user_id=5).json()
    assert ok["result"]["status"] == "member" and ok["result"]["user"]["id"] == 5
    assert (
        post(http, fake, "getChatMember", chat_id=DEFAULT_GROUP_ID, user_id=666).json()[
            "description"
        ]
        == "Bad Request: user not found"
    )
    assert [c.method for c in fake.calls()] == ["getChatMember", "getChatMember"]


# ---------------------------------------------------------------- request decoding


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


@pytest.mark.parametrize("encoding", ["json", "query", "multipart"])
def test_json_query_and_multipart_requests_are_decoded(
    fake: FakeBotApi, http: httpx.Client, encoding: str
) -> None:
    fields = {
        "chat_id": "-100555",
        "text": "line1\r\nline2 é",
        "reply_parameters": json.dumps({"message_id": 99, "allow_sending_without_reply": True}),
    }
    url = fake.method_url("sendMessage")
    if encoding == "json":
        body = {
            **fields,
            "chat_id": -100555,
            "reply_parameters": json.loads(fields["reply_parameters"]),
        }
        response = http.post(url, json=body)
    elif encoding == "query":
        response = http.get(url, params=fields)
    else:
        response = http.post(url, files={k: (None, v) for k, v in fields.items()})
    assert response.status_code == 200, response.text
    params = fake.last("sendMessage").params
    assert params["chat_id"] == -100555 and params["text"] == fields["text"]
    assert params["reply_parameters"]["message_id"] == 99
    assert response.json()["result"]["chat"]["type"] == "supergroup"


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


# ---------------------------------------------------------------- injected update shapes


def test_injected_updates_parse_into_ptb_types(fake: FakeBotApi) -> None:
    bot = ptb_bot(fake)  # only a parsing context: de_json makes no request
    alice = fake.user(USER_ID, language_code="de", first_name="Alice")

    start = Update.de_json(fake.private_message("/start now", user=alice), bot)
    assert start.message.chat.type == "private" and start.message.chat.id == USER_ID
    assert start.message.from_user.language_code == "de"
    assert start.message.entities[0] == MessageEntity("bot_command", 0, 6)

    ask = Update.de_json(fake.group_message("/ask@treaty_test_bot what? @treaty_test_bot"), bot)
    assert ask.message.chat.id == DEFAULT_GROUP_ID and ask.message.chat.type == "supergroup"
    assert [(e.type, e.offset, e.length) for e in ask.message.entities] == [
        ("bot_command", 0, 20),
        ("mention", 27, 16),
    ]

    topic = Update.de_json(
        fake.group_message("hi", chat_id=-100777, is_forum=True, message_thread_id=5), bot
    )
    assert topic.message.is_topic_message and topic.message.message_thread_id == 5
    assert topic.message.chat.is_forum
    assert topic.message.reply_to_message.forum_topic_created is not None

    inline = Update.de_json(fake.inline_query("article 5", user=alice), bot)
    assert inline.inline_query.query == "article 5" and inline.inline_query.chat_type == "sender"

    added = Update.de_json(fake.my_chat_member(old_status="left", new_status="member"), bot)
    member = added.my_chat_member
    assert isinstance(member.old_chat_member, ChatMemberLeft)
    assert isinstance(member.new_chat_member, ChatMemberMember)
    assert member.new_chat_member.user.username == "treaty_test_bot"

    chosen = Update.de_json(fake.chosen_inline_result("r1", "q", inline_message_id="AAA"), bot)
    assert chosen.chosen_inline_result.inline_message_id == "AAA"


@pytest.mark.parametrize(
    "builder", ["sticker", "photo", "voice", "edited", "channel", "admin", "kicked"]
)
def test_other_update_builders_parse(fake: FakeBotApi, builder: str) -> None:
    bot = ptb_bot(fake)  # only a parsing context: de_json makes no request
    data = {
        "sticker": lambda: fake.sticker_message(),
        "photo": lambda: fake.photo_message(caption="see #treaty", chat_id=DEFAULT_GROUP_ID),
        "voice": lambda: fake.voice_message(duration=5),
        "edited": lambda: fake.edited_message("fixed", fake.private_message("typo")["message"]),
        "channel": lambda: fake.channel_post("news"),
        "admin": lambda: fake.my_chat_member(old_status="member", new_status="administrator"),
        "kicked": lambda: fake.my_chat_member(USER_ID, "member", "kicked"),
    }[builder]()
    update = Update.de_json(data, bot)
    assert update.update_id == data["update_id"]
    assert_known_to_ptb(data, json.loads(update.to_json()))


def assert_known_to_ptb(sent: Any, parsed: Any, path: str = "update") -> None:
    """Every field the fake sent comes back from PTB's model: none was unknown or mistyped."""
    if isinstance(sent, dict):
        assert isinstance(parsed, dict), path
        for key, value in sent.items():
            assert key in parsed, f"{path}.{key} unknown to PTB"
            assert_known_to_ptb(value, parsed[key], f"{path}.{key}")
    elif isinstance(sent, list):
        assert len(sent) == len(parsed), path
        for n, (one, other) in enumerate(zip(sent, parsed, strict=True)):
            assert_known_to_ptb(one, other, f"{path}[{n}]")
    else:
        assert sent == parsed, path


@pytest.mark.asyncio
async def test_callbacks_refer_to_real_bot_messages(fake: FakeBotApi) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
    async with ptb_bot(fake) as bot:
        sent = await bot.send_message(USER_ID, "page 1", reply_markup=keyboard)
        await bot.edit_message_text("page 2", USER_ID, sent.message_id, reply_markup=keyboard)
        press = Update.de_json(fake.callback_query(fake.last_bot_message(), data="more"), bot)
        query = press.callback_query
        assert query.message.text == "page 2" and query.data == "more" and query.chat_instance
        assert query.from_user.id == USER_ID
        assert await query.answer() is True
        with pytest.raises(BadRequest, match="Query is too old"):
            await query.answer()
        inline_press = Update.de_json(fake.inline_callback_query("inl-1", data="x"), bot)
        assert inline_press.callback_query.inline_message_id == "inl-1"
        reply = Update.de_json(fake.group_message("thanks", chat_id=DEFAULT_GROUP_ID), bot)
        answer = await bot.send_message(
            DEFAULT_GROUP_ID, "ok", reply_to_message_id=reply.message.message_id
        )
        assert answer.reply_to_message.text == "thanks"
        follow = Update.de_json(fake.group_message("and?", reply_to=answer.to_dict()), bot)
        assert follow.message.reply_to_message.from_user.is_bot


# ---------------------------------------------------------------- edits and inline answers


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
        assert await bot.edit_message_text("x", inline_message_id="inl-7") is True
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


# ---------------------------------------------------------------- recording and concurrency


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
    assert len(fake.wait_for_sync("sendmessage", count=3, timeout=1)) == 3
    with pytest.raises(TimeoutError, match="sendMessage->200"):
        await fake.wait_for("deleteMessage", timeout=0.05)


@pytest.mark.asyncio
async def test_concurrent_sends_get_distinct_message_ids(fake: FakeBotApi) -> None:
    async with ptb_bot(fake) as bot:
        sent = await asyncio.gather(*(bot.send_message(USER_ID, f"m{n}") for n in range(50)))
    assert sorted(m.message_id for m in sent) == list(range(1, 51))
    assert len(fake.calls("sendMessage", ok=True)) == 50


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
