"""Texts as Telegram checks them: HTML parsed as tdlib parses it, errors in Telegram's words,
lengths counted after parsing in UTF-16, over HTTP and through PTB's error mapping."""

from __future__ import annotations

import httpx
import pytest
from telegram import MessageEntity
from telegram.constants import ParseMode
from telegram.error import BadRequest

from tests.fake import FakeBotApi, parse_html
from tests.fake.clients import USER_ID, post, ptb_bot


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
    # The bare "&" and the <a> without href are errors in strict mode only (the fake's).
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
