"""A fake Telegram Bot API server for end-to-end tests of the real PTB Application.

Why: the bot's tests must exercise the real python-telegram-bot stack (HTTP, polling,
retries, error mapping) with no network. This module serves the Bot API on 127.0.0.1,
decodes requests the way Telegram does, validates what Telegram validates (HTML entities
as tdlib parses them, lengths, inline keyboards, inline results) with Telegram's error
wording, records every call, and injects updates shaped exactly like Telegram's.

Usage::

    with FakeBotApi() as fake:
        app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
        ...  # start polling
        fake.private_message("/start")
        [reply] = await fake.wait_for("sendMessage")

Standard library only; state lives behind one lock because PTB calls concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

_LOG = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Predicate = Callable[["CallRecord"], bool]

DEFAULT_TOKEN = "123456789:AAFakeTokenForTreatybotTests_0123456789"
DEFAULT_USERNAME = "treaty_test_bot"
DEFAULT_USER_ID = 1001
DEFAULT_GROUP_ID = -1001234567890
DEFAULT_CHANNEL_ID = -1009876543210

MAX_TEXT_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_CALLBACK_ANSWER_CHARS = 200
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_HTTP_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class ApiError(Exception):
    """A Bot API error answer; raise it from a handler given to `FakeBotApi.register`."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSONDict:
        """The JSON body Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(reason: str) -> ApiError:
    """A 400 error; the Bot API prefixes every such reason with "Bad Request: "."""
    return ApiError(400, f"Bad Request: {reason}")


@dataclass(frozen=True)
class CallRecord:
    """One request the fake answered: what was asked and what it got back."""

    method: str  # canonical name ("sendMessage"); the raw name for unknown methods
    params: JSONDict  # decoded parameters (numbers, booleans and JSON objects typed)
    time: float  # time.time() at arrival
    status: int  # HTTP status of the answer
    response: JSONDict  # the JSON body sent back
    injected: bool = False  # True when a fail_next() rule produced the answer

    @property
    def ok(self) -> bool:
        """Whether Telegram would have reported success."""
        return self.response.get("ok") is True

    @property
    def result(self) -> Any:
        """The `result` of a successful call (None for errors)."""
        return self.response.get("result")


# ---------------------------------------------------------------- request decoding

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "results",
        "commands",
        "scope",
        "menu_button",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "button",
        "media",
        "rights",
        "reaction",
        "message_ids",
        "options",
        "explanation_entities",
        "input_message_content",
        "prices",
        "suggested_post_parameters",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "reply_to_message_id",
        "user_id",
        "max_connections",
        "until_date",
        "direct_messages_topic_id",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "show_alert",
        "is_personal",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_paid_broadcast",
        "has_spoiler",
        "show_caption_above_media",
        "only_if_banned",
        "revoke_messages",
    }
)


def parse_request(query: str, content_type: str, body: bytes) -> JSONDict:
    """Decode query string plus body (form, multipart or JSON) into typed parameters."""
    raw: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    raw.update(_parse_body(content_type, body))
    return {name: _decode_value(name, value) for name, value in raw.items()}


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Split a body into raw string fields, as the Bot API accepts each content type."""
    if not body:
        return {}
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "application/json":
        return _parse_json_body(body)
    if mime == "multipart/form-data":
        return _parse_multipart(content_type, body)
    if mime in ("application/x-www-form-urlencoded", ""):
        return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return {}


def _parse_json_body(body: bytes) -> dict[str, str]:
    """Flatten a JSON body to strings: the Bot API treats it like form fields afterwards."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise _bad("can't parse JSON encoded request") from exc
    if not isinstance(data, dict):
        raise _bad("can't parse JSON encoded request")
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items() if v is not None}


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Read multipart fields; files are summarised (the fake stores no files)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is None:
            fields[str(name)] = payload.decode("utf-8", "replace")
        else:
            fields[str(name)] = {
                "filename": filename,
                "size": len(payload),
                "content_type": part.get_content_type(),
            }
    return fields


def _decode_value(name: str, value: Any) -> Any:
    """Type one parameter by its name, as the Bot API does (text "123" stays a string)."""
    if not isinstance(value, str):
        return value
    if name in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            what = "reply keyboard markup" if name == "reply_markup" else name
            raise _bad(f"can't parse {what} JSON object") from exc
    if name in _INT_FIELDS:
        try:
            return int(value.strip())
        except ValueError:
            return value  # e.g. chat_id="@channelname"
    if name in _BOOL_FIELDS:
        return value.strip().lower() in ("true", "1", "yes")
    return value


# ---------------------------------------------------------------- text and entities


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of every Telegram limit and entity offset."""
    return len(text.encode("utf-16-le")) // 2


class _HtmlError(Exception):
    """A parse failure worded as tdlib words it (the Bot API adds the prefix)."""


_SPACE = frozenset(b" \t\r\n\v\x00")  # tdlib's is_space() counts NUL, our end sentinel
_TAGS = frozenset(
    {
        b"a",
        b"b",
        b"strong",
        b"i",
        b"em",
        b"s",
        b"strike",
        b"del",
        b"u",
        b"ins",
        b"tg-spoiler",
        b"tg-emoji",
        b"span",
        b"pre",
        b"code",
        b"blockquote",
    }
)
_SIMPLE_TAGS = {
    b"i": "italic",
    b"em": "italic",
    b"b": "bold",
    b"strong": "bold",
    b"s": "strikethrough",
    b"strike": "strikethrough",
    b"del": "strikethrough",
    b"u": "underline",
    b"ins": "underline",
    b"tg-spoiler": "spoiler",
    b"span": "spoiler",
}
_NAMED_ENTITIES = {b"lt": 0x3C, b"gt": 0x3E, b"amp": 0x26, b"quot": 0x22}
_AMP, _LT, _GT, _SLASH, _EQ = 0x26, 0x3C, 0x3E, 0x2F, 0x3D
_SURROGATES = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)


def _is_alnum(c: int) -> bool:
    return 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


def decode_html_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Decode the entity at data[pos] ("&"): (code point, end) or (0, pos) if none.

    Mirrors tdlib: only &lt; &gt; &amp; &quot; and numeric references; the ";" is optional.
    `data` must end with a NUL sentinel.
    """
    end, code = pos + 1, 0
    if data[end] == 0x23:  # '#'
        end += 1
        base, digits = (16, b"0123456789abcdefABCDEF") if data[end] == 0x78 else (10, b"0123456789")
        end += base == 16
        while data[end] in digits:
            code = code * base + int(chr(data[end]), base)
            end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while chr(data[end]).isascii() and chr(data[end]).isalpha():
            end += 1
        code = _NAMED_ENTITIES.get(data[pos + 1 : end], 0)
        if not code:
            return 0, pos
    return code, end + (data[end] == 0x3B)


@dataclass
class _OpenTag:
    tag: bytes
    argument: str
    utf16_offset: int
    out_pos: int


class _HtmlParser:
    """A port of tdlib's parse_html(): same accepted input, same errors, same entities.

    `strict` adds two checks Telegram does not make but its docs demand, to catch missing
    html.escape(): a "&" outside an entity and an <a> without href are errors.
    """

    def __init__(self, text: str, strict: bool) -> None:
        self.data = text.encode("utf-8") + b"\0"
        self.strict = strict
        self.out = bytearray()
        self.utf16 = 0
        self.entities: list[JSONDict] = []
        self.stack: list[_OpenTag] = []

    def parse(self) -> tuple[str, list[JSONDict]]:
        i, size = 0, len(self.data) - 1
        while i < size:
            if self.data[i] != _LT:
                i = self._character(i)
            elif self.data[i + 1] == _SLASH:
                i = self._end_tag(i)
            else:
                i = self._start_tag(i)
        if self.stack:
            tag = self.stack[-1].tag.decode()
            raise _HtmlError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        return self.out.decode("utf-8"), sort_entities(self.entities)

    def _character(self, i: int) -> int:
        c = self.data[i]
        if c == _AMP:
            code, end = decode_html_entity(self.data, i)
            if code:
                if 0xD800 <= code <= 0xDFFF:
                    raise _HtmlError(_SURROGATES)
                self.utf16 += 2 if code > 0xFFFF else 1
                self.out += chr(code).encode("utf-8")
                return end
            if self.strict:
                raise _HtmlError(f'Unescaped "&" at byte offset {i}')
        if c & 0xC0 != 0x80:  # first byte of a UTF-8 character
            self.utf16 += 2 if c >= 0xF0 else 1
        self.out.append(c)
        return i + 1

    def _start_tag(self, begin: int) -> int:
        data, i = self.data, begin + 1
        while data[i] not in _SPACE and data[i] != _GT:
            i += 1
        if data[i] == 0:
            raise _HtmlError(f"Unclosed start tag at byte offset {begin}")
        tag = data[begin + 1 : i].lower()  # bytes.lower() is ASCII-only, like tdlib's to_lower
        name = tag.decode("utf-8", "replace")
        if tag not in _TAGS:
            raise _HtmlError(f'Unsupported start tag "{name}" at byte offset {begin}')
        argument, i = self._attributes(tag, name, begin, i)
        if tag == b"span" and argument != "spoiler":
            raise _HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        if self.strict and tag == b"a" and not argument:
            raise _HtmlError(f'Tag "a" must have attribute "href" at byte offset {begin}')
        self.stack.append(_OpenTag(tag, argument, self.utf16, len(self.out)))
        return i + 1

    def _skip_spaces(self, i: int) -> int:
        while self.data[i] != 0 and self.data[i] in _SPACE:
            i += 1
        return i

    def _attributes(self, tag: bytes, name: str, begin: int, i: int) -> tuple[str, int]:
        data, argument = self.data, ""
        while data[i] != _GT:
            i = self._skip_spaces(i)
            if data[i] == _GT:
                break
            attr_begin = i
            while data[i] not in _SPACE and data[i] not in b"=>/\"'":
                i += 1
            attr = data[attr_begin:i]
            if not attr:
                raise _HtmlError(f'Empty attribute name in the tag "{name}" at byte offset {begin}')
            i = self._skip_spaces(i)
            if data[i] != _EQ:
                if data[i] == 0:
                    raise _HtmlError(f'Unclosed start tag "{name}" at byte offset {begin}')
                if tag == b"blockquote" and attr == b"expandable":
                    argument = "1"
                continue
            i = self._skip_spaces(i + 1)
            if data[i] == 0:
                raise _HtmlError(f'Unclosed start tag "{name}" at byte offset {begin}')
            value, i = self._attribute_value(i)
            if data[i] == 0:
                raise _HtmlError(f"Unclosed start tag at byte offset {begin}")
            argument = _tag_argument(tag, attr, value, argument)
        return argument, i

    def _attribute_value(self, i: int) -> tuple[str, int]:
        data = self.data
        if data[i] not in b"\"'":
            start = i
            while _is_alnum(data[i]) or data[i] in b".-":
                i += 1
            if data[i] not in _SPACE and data[i] != _GT:
                raise _HtmlError(f"Unexpected end of name token at byte offset {start}")
            return data[start:i].lower().decode(), i
        quote, i = data[i], i + 1
        value = bytearray()
        while data[i] != quote and data[i] != 0:
            if data[i] == _AMP:
                code, end = decode_html_entity(data, i)
                if code:
                    value += chr(code).encode("utf-8", "surrogatepass")
                    i = end
                    continue
            value.append(data[i])
            i += 1
        return value.decode("utf-8", "replace"), i + (data[i] == quote)

    def _end_tag(self, begin: int) -> int:
        if not self.stack:
            raise _HtmlError(f"Unexpected end tag at byte offset {begin}")
        data, i = self.data, begin + 1
        while data[i] not in _SPACE and data[i] != _GT:
            i += 1
        end_name = data[begin + 2 : i].lower()
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] != _GT:
            raise _HtmlError(f"Unclosed end tag at byte offset {begin}")
        top = self.stack[-1]
        if end_name and end_name != top.tag:
            raise _HtmlError(
                f'Unmatched end tag at byte offset {begin}, expected "</{top.tag.decode()}>", '
                f'found "</{end_name.decode("utf-8", "replace")}>"'
            )
        if self.utf16 > top.utf16_offset:
            self._close(top)
        self.stack.pop()
        return i + 1

    def _add(self, kind: str, top: _OpenTag, **extra: Any) -> None:
        length = self.utf16 - top.utf16_offset
        self.entities.append({"offset": top.utf16_offset, "length": length, "type": kind, **extra})

    def _close(self, top: _OpenTag) -> None:
        if top.tag in _SIMPLE_TAGS:
            self._add(_SIMPLE_TAGS[top.tag], top)
        elif top.tag == b"tg-emoji":
            if not re.fullmatch(r"-?\d{1,19}", top.argument) or int(top.argument) == 0:
                raise _HtmlError("Invalid custom emoji identifier specified")
            self._add("custom_emoji", top, custom_emoji_id=str(int(top.argument)))
        elif top.tag == b"a":
            self._close_link(top)
        elif top.tag == b"blockquote":
            self._add("expandable_blockquote" if top.argument else "blockquote", top)
        else:
            self._close_code(top)

    def _close_link(self, top: _OpenTag) -> None:
        url = top.argument or self.out[top.out_pos :].decode("utf-8", "replace")
        user_id = _link_user_id(url)
        if user_id is not None:
            self._add("text_mention", top, user_id=user_id)
            return
        checked = checked_link(url)
        if checked is not None:  # like Telegram, an unusable URL silently loses its entity
            self._add("text_link", top, url=checked)

    def _close_code(self, top: _OpenTag) -> None:
        """<pre><code class="language-x"> (either nesting) becomes one pre with language."""
        last = self.entities[-1] if self.entities else None
        same_span = (
            last is not None
            and last["offset"] == top.utf16_offset
            and last["length"] == self.utf16 - top.utf16_offset
        )
        if top.tag == b"pre":
            if same_span and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"
            else:
                self._add("pre", top)
        elif same_span and last["type"] == "pre" and top.argument:
            last["language"] = top.argument
        else:
            self._add("code", top, language=top.argument)


def _tag_argument(tag: bytes, attr: bytes, value: str, current: str) -> str:
    """The one attribute tdlib keeps per tag; every other attribute is ignored."""
    if tag == b"a" and attr == b"href":
        return value
    if tag == b"code" and attr == b"class" and value.startswith("language-"):
        return value[9:]
    if tag == b"span" and attr == b"class" and value.startswith("tg-"):
        return value[3:]
    if tag == b"tg-emoji" and attr == b"emoji-id":
        return value
    if tag == b"blockquote" and attr == b"expandable":
        return "1"
    return current


def _link_user_id(url: str) -> int | None:
    match = re.fullmatch(r"tg://user\?id=(\d{1,15})", url.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


def checked_link(url: str) -> str | None:
    """Telegram's link check, simplified: http(s) with a host, tg:, ton:, or a bare domain."""
    url = url.strip()
    if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", url):
        if re.fullmatch(r"[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?", url):
            url = "http://" + url
        else:
            return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("tg", "ton"):
        return url
    if scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        return None
    return urlunsplit(parts._replace(path=parts.path or "/"))


def parse_html(text: str, *, strict: bool = False) -> tuple[str, list[JSONDict]]:
    """Parse Telegram HTML into (plain text, entities); raises ValueError with tdlib's reason.

    A text_mention entity carries `user_id` here; the server replaces it with a User.
    """
    try:
        return _HtmlParser(text, strict).parse()
    except _HtmlError as exc:
        raise ValueError(str(exc)) from exc


_ASCII_WORD = re.compile(r"[A-Za-z0-9_]*")
_URL = re.compile(r"(?<![\w@])(?:https?|tg)://[^\s<>\"]+", re.IGNORECASE)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,}(?![\w])"
)
_BLOCKING_TYPES = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})
_PRIORITY = {
    "bold": 90,
    "italic": 91,
    "code": 20,
    "pre": 11,
    "text_link": 49,
    "text_mention": 49,
    "underline": 92,
    "strikethrough": 93,
    "blockquote": 0,
    "expandable_blockquote": 0,
    "spoiler": 94,
    "custom_emoji": 99,
}


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _mention_spans(text: str) -> list[tuple[int, int]]:
    """@username as tdlib finds it: 4-32 chars (shorter ones are not usernames)."""
    spans = []
    for match in re.finditer("@", text):
        i = match.start()
        end = _ASCII_WORD.match(text, i + 1).end()
        before_ok = i == 0 or not _is_word(text[i - 1])
        after_ok = end == len(text) or not _is_word(text[end])
        if before_ok and after_ok and 4 <= end - i - 1 <= 32:
            spans.append((i, end))
    return spans


def _command_spans(text: str) -> list[tuple[int, int]]:
    """/command[@botname] as tdlib finds it (1-64 chars, bot name 3-32)."""
    spans = []
    for match in re.finditer("/", text):
        i = match.start()
        if i > 0 and (_is_word(text[i - 1]) or text[i - 1] in "/<>"):
            continue
        end = _ASCII_WORD.match(text, i + 1).end()
        if not 1 <= end - i - 1 <= 64:
            continue
        if end < len(text) and text[end] == "@":
            bot_end = _ASCII_WORD.match(text, end + 1).end()
            if not 3 <= bot_end - end - 1 <= 32:
                continue
            end = bot_end
        if end < len(text) and (_is_word(text[end]) or text[end] in "/<>"):
            continue
        spans.append((i, end))
    return spans


def _hashtag_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer("#", text):
        i, end = match.start(), match.start() + 1
        if i > 0 and _is_word(text[i - 1]):
            continue
        while end < len(text) and _is_word(text[end]):
            end += 1
        word = text[i + 1 : end]
        if word and any(ch.isalpha() for ch in word) and text[end : end + 1] != "#":
            spans.append((i, end))
    return spans


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        spans.append((match.start(), end))
    return spans


def detect_entities(text: str, existing: list[JSONDict] | None = None) -> list[JSONDict]:
    """Entities Telegram finds by itself: url, email, mention, bot_command, hashtag.

    Spans overlapping code, pre or links in `existing` are skipped, as Telegram does.
    """
    offsets, acc = [], 0
    for ch in text:
        offsets.append(acc)
        acc += 2 if ord(ch) > 0xFFFF else 1
    offsets.append(acc)
    taken = [
        (e["offset"], e["offset"] + e["length"])
        for e in existing or []
        if e["type"] in _BLOCKING_TYPES
    ]
    found: list[JSONDict] = []
    kinds = (
        ("url", _url_spans),
        ("email", lambda t: [m.span() for m in _EMAIL.finditer(t)]),
        ("mention", _mention_spans),
        ("bot_command", _command_spans),
        ("hashtag", _hashtag_spans),
    )
    for kind, finder in kinds:
        for start, end in finder(text):
            lo, hi = offsets[start], offsets[end]
            if any(lo < t_hi and t_lo < hi for t_lo, t_hi in taken):
                continue
            taken.append((lo, hi))
            found.append({"offset": lo, "length": hi - lo, "type": kind})
    return sort_entities(found)


def sort_entities(entities: list[JSONDict]) -> list[JSONDict]:
    """tdlib's order: by offset, longer first, then by type priority."""

    def key(e: JSONDict) -> tuple[int, int, int]:
        priority = 10 if e["type"] == "pre" and e.get("language") else _PRIORITY.get(e["type"], 50)
        return e["offset"], -e["length"], priority

    return sorted(entities, key=key)


# ---------------------------------------------------------------- markup validation

_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BUTTON = "can't parse inline keyboard button: "


def validate_reply_markup(markup: Any) -> JSONDict | None:
    """Check reply_markup like the Bot API; return what a Message echoes (inline keyboards)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                _validate_button(button)
        return {"inline_keyboard": rows} if any(rows) else None
    if any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
        return None  # valid, but a Message carries only inline keyboards
    raise _bad("can't parse reply keyboard markup JSON object")


def _validate_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _bad(_BUTTON + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise _bad(_BUTTON + 'Field "text" must be of type String')
    # An empty callback_data or url counts as absent (seen on the real API).
    actions = [
        k
        for k in _BUTTON_ACTIONS
        if k in button and not (k in ("callback_data", "url") and button[k] == "")
    ]
    if not actions:
        raise _bad(_BUTTON + "Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if isinstance(data, str) and len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        raise _bad("BUTTON_DATA_INVALID")
    if button.get("url") and checked_link(str(button["url"])) is None:
        raise _bad("BUTTON_URL_INVALID")


_INLINE_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)
_TITLE_REQUIRED = frozenset({"article", "video", "audio", "voice", "document", "location", "venue"})
_RESULT = "can't parse inline query result: "
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_MEMBER_RIGHTS = {
    "administrator": {
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
        "can_pin_messages": True,
        "can_manage_topics": False,
    },
    "restricted": {
        "is_member": True,
        "can_send_messages": False,
        "can_send_audios": False,
        "can_send_documents": False,
        "can_send_photos": False,
        "can_send_videos": False,
        "can_send_video_notes": False,
        "can_send_voice_notes": False,
        "can_send_polls": False,
        "can_send_other_messages": False,
        "can_add_web_page_previews": False,
        "can_change_info": False,
        "can_invite_users": False,
        "can_pin_messages": False,
        "can_manage_topics": False,
        "can_edit_tag": False,
        "until_date": 0,
    },
    "creator": {"is_anonymous": False},
    "kicked": {"until_date": 0},
    "member": {},
    "left": {},
}


def _update_type(update: JSONDict) -> str:
    return next((key for key in update if key != "update_id"), "")


def _strip_reply(message: JSONDict) -> JSONDict:
    """A replied-to message as embedded: Telegram never nests reply_to_message twice."""
    embedded = copy.deepcopy(message)
    embedded.pop("reply_to_message", None)
    return embedded


@dataclass
class _Described:
    """A result that Telegram answers with a `description` too (webhook methods)."""

    result: Any
    description: str


@dataclass
class _FailRule:
    method: str  # lower-case
    remaining: int
    error: ApiError
    match: Callable[[JSONDict], bool] | None


_PATH = re.compile(r"/bot([^/]+)/([^/]+)/?")
_METHOD_NAMES = (
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setChatMenuButton",
    "getChatMenuButton",
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "sendChatAction",
    "answerCallbackQuery",
    "answerInlineQuery",
)


# ---------------------------------------------------------------- the fake server


class FakeBotApi:
    """A Bot API server on 127.0.0.1 for one bot token; see the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = DEFAULT_USERNAME,
        first_name: str = "Treaty Test Bot",
        bot_id: int | None = None,
        strict_html: bool = True,
        strict_chats: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """Configure, without starting.

        Args:
            token: the only token accepted; others get 401 Unauthorized.
            username: the bot's username, as getMe reports it.
            first_name: the bot's display name.
            bot_id: defaults to the numeric part of the token before ":".
            strict_html: also reject a bare "&" and <a> without href (Telegram accepts both,
                its docs forbid them; strict catches a missing html.escape()).
            strict_chats: unknown chat ids give "chat not found" instead of being created.
            host: address to bind; keep loopback.
            port: 0 picks a free port.
        """
        self.token = token
        self.username = username
        self.first_name = first_name
        prefix = token.split(":", 1)[0]
        self.bot_id = bot_id if bot_id is not None else int(prefix) if prefix.isdigit() else 1
        self.strict_html = strict_html
        self.strict_chats = strict_chats
        self._address = (host, port)
        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._epoch = 0  # bumped by stop(): releases every waiting long poll
        self._poll_generation = 0  # bumped by each getUpdates; survives reset()
        self._waiting_polls = 0
        self._next_update_id = 1
        self._next_query = 1
        self._file_counter = 0
        self._next_message_id: dict[int, int] = {}
        self._custom: dict[str, tuple[str, Callable[[JSONDict], Any]]] = {}
        self._handlers: dict[str, Callable[[JSONDict], Any]] = {
            name: getattr(self, "_api_" + re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower())
            for name in _METHOD_NAMES
        }
        self._clear_state()

    def _clear_state(self) -> None:
        """Forget everything a test may have left behind (ids keep counting up)."""
        self._calls: list[CallRecord] = []
        self._pending: list[JSONDict] = []
        self._fail_rules: list[_FailRule] = []
        self._users: dict[int, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._inline_messages: dict[str, JSONDict | None] = {}
        self._open_callbacks: set[str] = set()
        self._open_inline_queries: set[str] = set()
        self._commands: dict[str, list[JSONDict]] = {}
        self._menu_buttons: dict[int | None, JSONDict] = {}
        self._webhook: JSONDict | None = None
        self._allowed_updates: frozenset[str] | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotApi:
        """Bind a free port and serve from a daemon thread."""
        if self._server is not None:
            return self
        server = _Server(self._address, _Handler)
        server.api = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            name="fake-bot-api",
            kwargs={"poll_interval": 0.01},
            daemon=True,
        )
        self._thread.start()
        _LOG.info("fake Bot API listening on %s", self.api_url)
        return self

    def stop(self) -> None:
        """Release long polls, close connections and the socket; idempotent."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._epoch += 1
            self._cond.notify_all()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        _LOG.info("fake Bot API stopped")

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Clear calls, queues, registries and rules, for a fake shared between tests."""
        with self._cond:
            self._clear_state()

    @property
    def port(self) -> int:
        """The bound port (a new one after each start())."""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        """E.g. http://127.0.0.1:PORT, for code that builds {api}/bot{token}/{method}."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url() / Bot(base_url=): PTB appends token/method."""
        return f"{self.api_url}/bot"

    def method_url(self, method: str) -> str:
        """The full URL of one method, for raw HTTP tests."""
        return f"{self.base_url}{self.token}/{method}"

    @property
    def bot_user(self) -> JSONDict:
        """The bot as it appears in `from` of its messages."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    # ------------------------------------------------------------ recording

    def calls(self, method: str | None = None, *, ok: bool | None = None) -> list[CallRecord]:
        """Recorded calls, oldest first; `method` is case-insensitive, `ok` filters success."""
        with self._cond:
            return self._matching(method, None, ok)

    def last(self, method: str | None = None, *, ok: bool | None = None) -> CallRecord:
        """The newest matching call; LookupError (listing what was called) if none."""
        found = self.calls(method, ok=ok)
        if not found:
            raise LookupError(f"no {method or 'call'} recorded; calls: {self._summary()}")
        return found[-1]

    async def wait_for(
        self,
        method: str,
        predicate: Predicate | None = None,
        count: int = 1,
        timeout: float = 10.0,
        *,
        ok: bool | None = None,
    ) -> list[CallRecord]:
        """Await until `count` matching calls exist; returns all matching calls.

        Polls under the lock from any event loop (the server runs in its own threads).
        Raises TimeoutError listing the calls seen.
        """
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                found = self._matching(method, predicate, ok)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(self._timeout_message(method, count, timeout))
            await asyncio.sleep(0.01)

    def wait_for_sync(
        self,
        method: str,
        predicate: Predicate | None = None,
        count: int = 1,
        timeout: float = 10.0,
        *,
        ok: bool | None = None,
    ) -> list[CallRecord]:
        """Blocking twin of `wait_for`, for threads without an event loop."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = self._matching(method, predicate, ok)
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(self._timeout_message(method, count, timeout))
                self._cond.wait(remaining)

    def _matching(
        self, method: str | None, predicate: Predicate | None, ok: bool | None
    ) -> list[CallRecord]:
        wanted = method.lower() if method else None
        return [
            r
            for r in self._calls
            if (wanted is None or r.method.lower() == wanted)
            and (ok is None or r.ok == ok)
            and (predicate is None or predicate(r))
        ]

    def _summary(self) -> str:
        with self._cond:
            return ", ".join(f"{r.method}->{r.status}" for r in self._calls[-30:]) or "none"

    def _timeout_message(self, method: str, count: int, timeout: float) -> str:
        return (
            f"fewer than {count} matching {method} call(s) within {timeout}s; "
            f"calls: {self._summary()}"
        )

    def _record(self, record: CallRecord) -> None:
        with self._cond:
            self._calls.append(record)
            self._cond.notify_all()
        _LOG.debug(
            "%s -> %s%s", record.method, record.status, " (injected)" if record.injected else ""
        )

    # ------------------------------------------------------------ failures and extensions

    def fail_next(
        self,
        method: str,
        times: int = 1,
        retry_after: int = 1,
        *,
        status: int = 429,
        description: str | None = None,
        match: Callable[[JSONDict], bool] | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (whose params satisfy `match`) with an error.

        429 gives Telegram's flood-control answer with parameters.retry_after; any other
        status answers {"ok": false, "error_code": status, "description": description}.
        """
        if status == 429:
            error = ApiError(
                429,
                description or f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )
        else:
            error = ApiError(status, description or _HTTP_REASONS.get(status, "Error"))
        with self._cond:
            self._fail_rules.append(_FailRule(method.lower(), times, error, match))

    def register(self, method: str, handler: Callable[[JSONDict], Any]) -> None:
        """Serve (or override) a method: handler(params) returns the result or raises ApiError.

        The handler runs under the fake's lock, so it may call the fake's helpers.
        """
        with self._cond:
            self._custom[method.lower()] = (method, handler)

    def _take_failure(self, method: str, params: JSONDict) -> ApiError | None:
        for rule in self._fail_rules:
            if rule.method == method.lower() and (rule.match is None or rule.match(params)):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._fail_rules.remove(rule)
                return rule.error
        return None

    # ------------------------------------------------------------ HTTP entry point

    def _canonical(self, raw: str) -> str:
        lower = raw.lower()
        if lower in self._custom:
            return self._custom[lower][0]
        return next((name for name in _METHOD_NAMES if name.lower() == lower), raw)

    def handle_http(self, path: str, content_type: str, body: bytes) -> tuple[int, JSONDict]:
        """Answer one HTTP request: (status, JSON body). Never raises."""
        started = time.time()
        parts = urlsplit(path)
        match = _PATH.fullmatch(parts.path)
        if match is None:
            return 404, ApiError(404, "Not Found").body()
        token, method = match.group(1), self._canonical(match.group(2))
        params: JSONDict = {}
        injected = False
        try:
            params = parse_request(parts.query, content_type, body)
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            status, response, injected = self._dispatch(method, params)
        except ApiError as err:
            status, response = err.status, err.body()
            if token != self.token:
                status, response = 401, ApiError(401, "Unauthorized").body()
        except Exception:  # a bug in the fake must not look like a network failure
            _LOG.exception("fake Bot API failed on %s", method)
            status, response = 500, ApiError(500, "Internal Server Error").body()
        self._record(CallRecord(method, params, started, status, response, injected))
        return status, response

    def _dispatch(self, method: str, params: JSONDict) -> tuple[int, JSONDict, bool]:
        with self._cond:
            error = self._take_failure(method, params)
            if error is not None:
                return error.status, error.body(), True
            handler = (
                self._custom[method.lower()][1]
                if method.lower() in self._custom
                else self._handlers.get(method)
            )
            if handler is None:
                raise ApiError(404, "Not Found")
            result = handler(params)
        if isinstance(result, _Described):
            return (
                200,
                {"ok": True, "result": result.result, "description": result.description},
                False,
            )
        return 200, {"ok": True, "result": result}, False

    # ------------------------------------------------------------ bot and webhook methods

    def _api_get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_log_out(self, params: JSONDict) -> bool:
        return True

    def _api_close(self, params: JSONDict) -> bool:
        return True

    def _api_set_webhook(self, params: JSONDict) -> _Described:
        url = str(params.get("url") or "")
        if not url:
            return _Described(True, self._drop_webhook(params))
        parts = urlsplit(url)
        if parts.scheme.lower() != "https":
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        if parts.port not in (None, 80, 88, 443, 8443):
            raise _bad("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        same = self._webhook is not None and self._webhook["url"] == url
        self._webhook = {"url": url, "max_connections": params.get("max_connections", 40)}
        if "allowed_updates" in params:
            self._set_allowed_updates(params["allowed_updates"])
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return _Described(True, "Webhook is already set" if same else "Webhook was set")

    def _api_delete_webhook(self, params: JSONDict) -> _Described:
        return _Described(True, self._drop_webhook(params))

    def _drop_webhook(self, params: JSONDict) -> str:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        was_set, self._webhook = self._webhook is not None, None
        return "Webhook was deleted" if was_set else "Webhook is already deleted"

    def _api_get_webhook_info(self, params: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._webhook is not None:
            info.update(self._webhook)
            if self._allowed_updates is not None:
                info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    def _api_get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Long polling like Telegram: confirm below offset, block until an update or timeout.

        A newer getUpdates terminates an older waiting one with 409, as on Telegram.
        """
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is "
                "active; use deleteWebhook to delete the webhook first",
            )
        offset = self._int_param(params, "offset", 0)
        limit = self._int_param(params, "limit", 100)
        limit = min(limit, 100) if limit > 0 else 100
        deadline = time.monotonic() + max(float(self._int_param(params, "timeout", 0)), 0.0)
        if "allowed_updates" in params:
            self._set_allowed_updates(params["allowed_updates"])
        self._poll_generation += 1
        generation, epoch = self._poll_generation, self._epoch
        self._cond.notify_all()
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make "
                    "sure that only one bot instance is running",
                )
            ready = self._confirm_and_collect(offset, limit)
            remaining = deadline - time.monotonic()
            if ready or epoch != self._epoch or remaining <= 0:
                return ready
            self._waiting_polls += 1
            try:
                self._cond.wait(remaining)
            finally:
                self._waiting_polls -= 1

    def _confirm_and_collect(self, offset: int, limit: int) -> list[JSONDict]:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        kept = []
        for update in self._pending:
            if self._is_allowed(update):
                kept.append(update)
            else:
                _LOG.info(
                    "fake Bot API dropped a %s update: not in allowed_updates", _update_type(update)
                )
        self._pending = kept
        return copy.deepcopy(kept[:limit])

    def _is_allowed(self, update: JSONDict) -> bool:
        kind = _update_type(update)
        if self._allowed_updates is None:
            return kind not in _DEFAULT_EXCLUDED_UPDATES
        return kind in self._allowed_updates

    def _set_allowed_updates(self, value: Any) -> None:
        """Telegram remembers allowed_updates; an empty list restores the default set."""
        if not isinstance(value, list):
            raise _bad("can't parse allowed updates JSON object")
        self._allowed_updates = frozenset(str(v) for v in value) or None

    @staticmethod
    def _int_param(params: JSONDict, name: str, default: int) -> int:
        value = params.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise _bad(f'wrong parameter "{name}" specified') from exc

    # ------------------------------------------------------------ commands and menus

    def _commands_key(self, params: JSONDict) -> str:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise _bad("can't parse BotCommandScope JSON object")
        return json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code") or "")

    def _api_set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(
                r"[a-z0-9_]{1,32}", str(command.get("command", ""))
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        if commands:
            self._commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self._commands.pop(key, None)
        return True

    def _api_get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _api_delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _api_set_chat_menu_button(self, params: JSONDict) -> bool:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            chat_id = self._resolve_chat(chat_id)["id"]
        self._menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
        return True

    def _api_get_chat_menu_button(self, params: JSONDict) -> JSONDict:
        chat_id = params.get("chat_id")
        if chat_id is not None:
            chat_id = self._resolve_chat(chat_id)["id"]
        button = self._menu_buttons.get(chat_id) or self._menu_buttons.get(None)
        return copy.deepcopy(button or {"type": "default"})

    def _api_set_my_description(self, params: JSONDict) -> bool:
        return True

    def _api_set_my_short_description(self, params: JSONDict) -> bool:
        return True

    def _api_set_my_name(self, params: JSONDict) -> bool:
        return True

    # ------------------------------------------------------------ messages

    def format_text(
        self, text: Any, parse_mode: Any = None, entities: Any = None
    ) -> tuple[str, list[JSONDict]]:
        """Parse and check a message text as sendMessage does; raises ApiError."""
        if not isinstance(text, str) or not text:
            raise _bad("message text is empty")
        mode = str(parse_mode or "").lower()
        if mode == "html":
            try:
                plain, found = _HtmlParser(text, self.strict_html).parse()
            except _HtmlError as err:
                raise _bad(f"can't parse entities: {err}") from err
            found = [self._with_user(e) for e in found]
        elif mode in ("markdown", "markdownv2"):
            plain, found = text, []  # not validated by the fake
        elif mode in ("", "none"):
            plain, found = text, _explicit_entities(entities)
        else:
            raise _bad("unsupported parse_mode")
        if not plain.strip():
            raise _bad("message text is empty")
        if utf16_len(plain) > MAX_TEXT_UTF16:
            raise _bad("message is too long")
        return plain, sort_entities(found + detect_entities(plain, found))

    def _with_user(self, entity: JSONDict) -> JSONDict:
        if "user_id" not in entity:
            return entity
        user_id = entity.pop("user_id")
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": "User"}
        return {**entity, "user": copy.deepcopy(user)}

    def _resolve_chat(self, chat_id: Any) -> JSONDict:
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, str):
            name = chat_id.removeprefix("@").lower()
            for chat in self._chats.values():
                if chat_id.startswith("@") and str(chat.get("username", "")).lower() == name:
                    return chat
            raise _bad("chat not found")
        chat = self._chats.get(chat_id)
        if chat is None:
            if self.strict_chats:
                raise _bad("chat not found")
            chat = self._auto_chat(chat_id)
        return chat

    def _auto_chat(self, chat_id: int) -> JSONDict:
        """A chat the fake has not seen: a private chat, group or supergroup by id shape."""
        if chat_id > 0:
            user = self._users.get(chat_id) or self.user(chat_id)
            return self._register_chat(_private_chat(user))
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return self._register_chat({"id": chat_id, "title": f"Group {chat_id}", "type": kind})

    def _register_chat(self, chat: JSONDict) -> JSONDict:
        self._chats[chat["id"]] = copy.deepcopy(chat)
        return self._chats[chat["id"]]

    def _allocate_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _store_message(self, message: JSONDict) -> None:
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        self._next_message_id[chat_id] = max(self._next_message_id.get(chat_id, 1), message_id + 1)
        self._messages[(chat_id, message_id)] = copy.deepcopy(message)

    def _reply_target(self, chat: JSONDict, params: JSONDict) -> tuple[JSONDict | None, Any]:
        """The message a send replies to (and its quote), or an error like Telegram's."""
        reply = params.get("reply_parameters")
        reply = reply if isinstance(reply, dict) else {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None, None
        allow = reply.get(
            "allow_sending_without_reply", params.get("allow_sending_without_reply", False)
        )
        chat_id = reply.get("chat_id", chat["id"])
        if not isinstance(chat_id, int):
            chat_id = self._resolve_chat(chat_id)["id"]
        target = self._messages.get(
            (chat_id, self._int_param({"message_id": message_id}, "message_id", 0))
        )
        if target is None:
            if allow:
                return None, None
            raise _bad("message to be replied not found")
        quote = reply.get("quote")
        if not quote:
            return target, None
        text = target.get("text") or target.get("caption") or ""
        if quote not in text:
            raise _bad("QUOTE_TEXT_INVALID")
        position = utf16_len(text[: text.index(quote)])
        return target, {"text": quote, "position": position, "is_manual": True}

    def _compose(
        self,
        chat: JSONDict,
        sender: JSONDict | None,
        *,
        text: str | None = None,
        entities: list[JSONDict] | None = None,
        thread_id: int | None = None,
        reply_to: JSONDict | None = None,
        extra: JSONDict | None = None,
        message_id: int | None = None,
    ) -> JSONDict:
        """Build and store a Message with Telegram's field order; returns a copy."""
        if thread_id is not None and chat.get("is_forum") and reply_to is None:
            reply_to = self._topic_starter(chat, thread_id)  # allocated before this message
        msg: JSONDict = {"message_id": message_id or self._allocate_message_id(chat["id"])}
        if sender is not None:
            msg["from"] = copy.deepcopy(sender)
        if chat["type"] == "channel":
            msg["sender_chat"] = copy.deepcopy(chat)
        msg["chat"] = copy.deepcopy(chat)
        msg["date"] = int(time.time())
        if thread_id is not None:
            msg["message_thread_id"] = thread_id
            if chat.get("is_forum"):
                msg["is_topic_message"] = True
        if reply_to is not None:
            msg["reply_to_message"] = _strip_reply(reply_to)
        msg.update(extra or {})
        if text is not None:
            msg["text"] = text
            if entities:
                msg["entities"] = copy.deepcopy(entities)
        self._store_message(msg)
        return copy.deepcopy(msg)

    def _topic_starter(self, chat: JSONDict, thread_id: int) -> JSONDict:
        """In forums Telegram shows a topic's messages as replies to its creation message."""
        starter = self._messages.get((chat["id"], thread_id))
        if starter is not None:
            return starter
        starter = {
            "message_id": thread_id,
            "from": self._default_user(),
            "chat": chat,
            "date": int(time.time()),
            "message_thread_id": thread_id,
            "forum_topic_created": {"name": f"Topic {thread_id}", "icon_color": 7322096},
            "is_topic_message": True,
        }
        self._store_message(starter)
        return starter

    def _api_send_message(self, params: JSONDict) -> JSONDict:
        chat = self._resolve_chat(params.get("chat_id"))
        text, entities = self.format_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = validate_reply_markup(params.get("reply_markup"))
        reply_to, quote = self._reply_target(chat, params)
        extra: JSONDict = {"quote": quote} if quote else {}
        thread_id = params.get("message_thread_id")
        msg = self._compose(
            chat,
            self.bot_user,
            text=text,
            entities=entities,
            extra=extra,
            thread_id=thread_id if isinstance(thread_id, int) else None,
            reply_to=reply_to,
        )
        if markup is not None:
            msg["reply_markup"] = markup
            self._store_message(msg)
        return msg

    def _editable_message(self, params: JSONDict) -> JSONDict:
        """The stored bot message an edit targets (live object; caller holds the lock)."""
        chat = self._resolve_chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise _bad("message identifier is not specified")
        key = (chat["id"], self._int_param(params, "message_id", 0))
        msg = self._messages.get(key)
        if msg is None:
            raise _bad("message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise _bad("message can't be edited")
        return msg

    def _edit_inline(
        self, inline_message_id: str, content: JSONDict, markup: JSONDict | None
    ) -> bool:
        previous = self._inline_messages.get(inline_message_id)
        current = {**(previous or {}), **content, "reply_markup": markup}
        if previous is not None and previous == current:
            raise _bad(NOT_MODIFIED)
        self._inline_messages[inline_message_id] = current
        return True

    def _api_edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        text, entities = self.format_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = validate_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return self._edit_inline(
                str(params["inline_message_id"]), {"text": text, "entities": entities}, markup
            )
        msg = self._editable_message(params)
        if "text" not in msg:
            raise _bad("there is no text in the message to edit")
        if (msg["text"], msg.get("entities", []), msg.get("reply_markup")) == (
            text,
            entities,
            markup,
        ):
            raise _bad(NOT_MODIFIED)
        msg["text"] = text
        _set_or_drop(msg, "entities", entities or None)
        _set_or_drop(msg, "reply_markup", markup)  # no reply_markup removes the keyboard
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    def _api_edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        markup = validate_reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return self._edit_inline(str(params["inline_message_id"]), {}, markup)
        msg = self._editable_message(params)
        if msg.get("reply_markup") == markup:
            raise _bad(NOT_MODIFIED)
        _set_or_drop(msg, "reply_markup", markup)
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    def _api_delete_message(self, params: JSONDict) -> bool:
        chat = self._resolve_chat(params.get("chat_id"))
        key = (chat["id"], self._int_param(params, "message_id", 0))
        if self._messages.pop(key, None) is None:
            raise _bad("message to delete not found")
        return True

    def _api_send_chat_action(self, params: JSONDict) -> bool:
        self._resolve_chat(params.get("chat_id"))
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _api_answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise _bad(QUERY_INVALID)
        if len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER_CHARS:
            raise _bad("MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        return True

    def _api_answer_inline_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self._open_inline_queries:
            raise _bad(QUERY_INVALID)
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise _bad("RESULTS_TOO_MUCH")
        for result in results:
            self._validate_inline_result(result)
        ids = [result["id"] for result in results]
        if len(set(ids)) != len(ids):
            raise _bad("RESULT_ID_DUPLICATE")
        self._open_inline_queries.discard(query_id)  # a rejected answer may be retried
        return True

    def _validate_inline_result(self, result: Any) -> None:
        if not isinstance(result, dict):
            raise _bad(_RESULT + "InlineQueryResult must be an Object")
        kind = str(result.get("type") or "")
        if kind.lower() not in _INLINE_TYPES:
            raise _bad(_RESULT + f'type "{kind}" is unsupported for the inline query result')
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
            raise _bad("RESULT_ID_INVALID")
        if kind.lower() in _TITLE_REQUIRED:
            if not isinstance(result.get("title"), str):
                raise _bad(_RESULT + 'Can\'t find field "title"')
            if not result["title"].strip():
                raise _bad("RESULT_TITLE_EMPTY")
        content = result.get("input_message_content")
        if kind.lower() == "article" and not isinstance(content, dict):
            raise _bad(_RESULT + 'Can\'t find field "input_message_content"')
        if isinstance(content, dict) and "message_text" in content:
            try:
                self.format_text(
                    content.get("message_text"), content.get("parse_mode"), content.get("entities")
                )
            except ApiError as err:
                reason = err.description.removeprefix("Bad Request: ")
                raise _bad(_RESULT + reason[:1].upper() + reason[1:]) from err
        validate_reply_markup(result.get("reply_markup"))

    # ------------------------------------------------------------ registries

    def message(self, chat_id: int, message_id: int) -> JSONDict:
        """The current version of a known message (after edits); KeyError if unknown/deleted."""
        with self._cond:
            return copy.deepcopy(self._messages[(chat_id, message_id)])

    def bot_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Messages the bot sent and has not deleted, oldest first, as currently edited."""
        with self._cond:
            return [
                copy.deepcopy(m)
                for (cid, _), m in self._messages.items()
                if m.get("from", {}).get("id") == self.bot_id
                and (chat_id is None or cid == chat_id)
            ]

    def last_bot_message(self, chat_id: int | None = None) -> JSONDict:
        """The newest message the bot sent (to `chat_id`); LookupError if none."""
        sent = self.bot_messages(chat_id)
        if not sent:
            raise LookupError(f"the bot sent no message{f' to {chat_id}' if chat_id else ''}")
        return sent[-1]

    @property
    def waiting_polls(self) -> int:
        """getUpdates requests blocked right now; > 0 means a bot is long polling."""
        with self._cond:
            return self._waiting_polls

    def pending_updates(self) -> list[JSONDict]:
        """Injected updates not yet confirmed by a getUpdates offset."""
        with self._cond:
            return copy.deepcopy(self._pending)

    # ------------------------------------------------------------ update injection

    def inject(self, update: JSONDict) -> JSONDict:
        """Queue any update dict (update_id assigned when missing); returns the queued copy.

        Messages, chats, users and query ids inside are remembered, so later replies,
        callbacks and answers can refer to them.
        """
        with self._cond:
            update = copy.deepcopy(update)
            if "update_id" not in update:
                update = {"update_id": self._next_update_id, **update}
            self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            self._remember(update)
            self._pending.append(update)
            self._cond.notify_all()
            _LOG.debug("injected %s update %s", _update_type(update), update["update_id"])
            return copy.deepcopy(update)

    def _remember(self, update: JSONDict) -> None:
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            if isinstance(update.get(key), dict):
                message = update[key]
                self._chats.setdefault(message["chat"]["id"], copy.deepcopy(message["chat"]))
                if "from" in message and not message["from"].get("is_bot"):
                    self._users.setdefault(message["from"]["id"], copy.deepcopy(message["from"]))
                self._store_message(message)
        if isinstance(update.get("callback_query"), dict):
            self._open_callbacks.add(str(update["callback_query"]["id"]))
        if isinstance(update.get("inline_query"), dict):
            self._open_inline_queries.add(str(update["inline_query"]["id"]))
        chosen = update.get("chosen_inline_result")
        if isinstance(chosen, dict) and chosen.get("inline_message_id"):
            self._inline_messages.setdefault(str(chosen["inline_message_id"]), None)
        member = update.get("my_chat_member") or update.get("chat_member")
        if isinstance(member, dict):
            self._chats.setdefault(member["chat"]["id"], copy.deepcopy(member["chat"]))

    def user(
        self,
        user_id: int = DEFAULT_USER_ID,
        language_code: str | None = "en",
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        is_premium: bool = False,
    ) -> JSONDict:
        """Build (and remember) a User; remembered users name private chats and mentions."""
        user: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"User {user_id}",
        }
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        if is_premium:
            user["is_premium"] = True
        with self._cond:
            self._users[user_id] = copy.deepcopy(user)
        return user

    def chat(
        self,
        chat_id: int = DEFAULT_GROUP_ID,
        *,
        chat_type: str | None = None,
        title: str | None = None,
        is_forum: bool | None = None,
        username: str | None = None,
    ) -> JSONDict:
        """Create or update a group/supergroup/channel chat; None keeps what is known.

        New chats default to a non-forum supergroup titled "Group <id>".
        """
        with self._cond:
            known = self._chats.get(chat_id, {})
            chat: JSONDict = {
                "id": chat_id,
                "title": title or known.get("title") or f"Group {chat_id}",
                "type": chat_type or known.get("type") or "supergroup",
            }
            name = username or known.get("username")
            if name:
                chat["username"] = name
            forum = known.get("is_forum", False) if is_forum is None else is_forum
            if forum:
                chat["is_forum"] = True
            return copy.deepcopy(self._register_chat(chat))

    def _default_user(self) -> JSONDict:
        return copy.deepcopy(self._users.get(DEFAULT_USER_ID) or self.user())

    def _sender(self, user: JSONDict | None, language_code: str | None) -> JSONDict:
        sender = copy.deepcopy(user) if user is not None else self._default_user()
        if language_code is not None:
            sender["language_code"] = language_code
        self._users[sender["id"]] = copy.deepcopy(sender)
        return sender

    def _chat_for(self, sender: JSONDict, chat_id: int | None) -> JSONDict:
        if chat_id is None:
            return self._register_chat(_private_chat(sender))
        return self._chats.get(chat_id) or self._resolve_chat(chat_id)

    def _reply_copy(self, reply_to: JSONDict | None) -> JSONDict | None:
        if reply_to is None:
            return None
        key = (reply_to["chat"]["id"], reply_to["message_id"])
        return copy.deepcopy(self._messages.get(key, reply_to))

    def _user_message(
        self,
        key: str,
        chat: JSONDict,
        sender: JSONDict,
        *,
        text: str | None = None,
        entities: list[JSONDict] | None = None,
        thread_id: int | None = None,
        reply_to: JSONDict | None = None,
        extra: JSONDict | None = None,
    ) -> JSONDict:
        if text is not None and entities is None:
            entities = detect_entities(text)
        msg = self._compose(
            chat,
            sender,
            text=text,
            entities=entities,
            thread_id=thread_id,
            reply_to=self._reply_copy(reply_to),
            extra=extra,
        )
        return self.inject({key: msg})

    def private_message(
        self,
        text: str,
        user: JSONDict | None = None,
        *,
        language_code: str | None = None,
        entities: list[JSONDict] | None = None,
        reply_to: JSONDict | None = None,
    ) -> JSONDict:
        """A user's text message in the private chat with the bot; entities auto-detected."""
        with self._cond:
            sender = self._sender(user, language_code)
            return self._user_message(
                "message",
                self._chat_for(sender, None),
                sender,
                text=text,
                entities=entities,
                reply_to=reply_to,
            )

    def group_message(
        self,
        text: str,
        chat_id: int = DEFAULT_GROUP_ID,
        user: JSONDict | None = None,
        *,
        chat_type: str | None = None,
        is_forum: bool | None = None,
        message_thread_id: int | None = None,
        reply_to: JSONDict | None = None,
        title: str | None = None,
        language_code: str | None = None,
        entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        """A user's text message in a group; forum topics get is_topic_message and a thread."""
        with self._cond:
            sender = self._sender(user, language_code)
            chat = self.chat(chat_id, chat_type=chat_type, title=title, is_forum=is_forum)
            return self._user_message(
                "message",
                chat,
                sender,
                text=text,
                entities=entities,
                thread_id=message_thread_id,
                reply_to=reply_to,
            )

    def _file(self, prefix: str) -> tuple[str, str]:
        self._file_counter += 1
        return f"{prefix}{self._file_counter:08d}FakeFileId", f"AQAD{self._file_counter:06d}"

    def _media_message(
        self, user: JSONDict | None, chat_id: int | None, thread_id: int | None, extra: JSONDict
    ) -> JSONDict:
        with self._cond:
            sender = self._sender(user, None)
            return self._user_message(
                "message", self._chat_for(sender, chat_id), sender, thread_id=thread_id, extra=extra
            )

    def sticker_message(
        self,
        user: JSONDict | None = None,
        *,
        chat_id: int | None = None,
        emoji: str = "\N{THUMBS UP SIGN}",
        message_thread_id: int | None = None,
    ) -> JSONDict:
        """A sticker; chat_id None means the user's private chat with the bot."""
        with self._cond:
            file_id, unique_id = self._file("CAACAgIAAxkBAAE")
        sticker = {
            "width": 512,
            "height": 512,
            "emoji": emoji,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_size": 24576,
        }
        return self._media_message(user, chat_id, message_thread_id, {"sticker": sticker})

    def photo_message(
        self,
        user: JSONDict | None = None,
        *,
        chat_id: int | None = None,
        caption: str | None = None,
        message_thread_id: int | None = None,
    ) -> JSONDict:
        """A photo (three sizes, as Telegram sends), optionally captioned."""
        sizes = []
        with self._cond:
            for width, height in ((90, 67), (320, 240), (1280, 960)):
                file_id, unique_id = self._file("AgACAgIAAxkBAAE")
                sizes.append(
                    {
                        "file_id": file_id,
                        "file_unique_id": unique_id,
                        "file_size": width * height // 8,
                        "width": width,
                        "height": height,
                    }
                )
        extra: JSONDict = {"photo": sizes}
        if caption:
            extra["caption"] = caption
            found = detect_entities(caption)
            if found:
                extra["caption_entities"] = found
        return self._media_message(user, chat_id, message_thread_id, extra)

    def voice_message(
        self,
        user: JSONDict | None = None,
        *,
        chat_id: int | None = None,
        duration: int = 3,
        message_thread_id: int | None = None,
    ) -> JSONDict:
        """A voice note."""
        with self._cond:
            file_id, unique_id = self._file("AwACAgIAAxkBAAE")
        voice = {
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_size": 4000 * duration,
        }
        return self._media_message(user, chat_id, message_thread_id, {"voice": voice})

    def edited_message(
        self,
        text: str,
        message: JSONDict | None = None,
        *,
        user: JSONDict | None = None,
        chat_id: int | None = None,
    ) -> JSONDict:
        """A user edits `message` (or a fresh, never-delivered message) to `text`."""
        with self._cond:
            if message is None:
                sender = self._sender(user, None)
                original = self._compose(self._chat_for(sender, chat_id), sender, text="")
            else:
                original = self._reply_copy(message) or message
            edited = copy.deepcopy(original)
            edited["text"] = text
            _set_or_drop(edited, "entities", detect_entities(text) or None)
            edited["edit_date"] = max(int(time.time()), edited["date"] + 1)
            self._store_message(edited)
            key = "edited_channel_post" if edited["chat"]["type"] == "channel" else "edited_message"
            return self.inject({key: edited})

    def channel_post(
        self,
        text: str,
        chat_id: int = DEFAULT_CHANNEL_ID,
        *,
        title: str | None = None,
        username: str | None = None,
    ) -> JSONDict:
        """A post in a channel the bot administers (sender_chat, no from)."""
        with self._cond:
            chat = self.chat(
                chat_id, chat_type="channel", title=title or "Treaty Channel", username=username
            )
            msg = self._compose(chat, None, text=text, entities=detect_entities(text))
            return self.inject({"channel_post": msg})

    def _next_query_id(self) -> str:
        self._next_query += 1
        return str(4_611_686_018_427_387_904 + self._next_query * 7_919)

    def _user_for_chat(self, chat: JSONDict, user: JSONDict | None) -> JSONDict:
        if user is not None:
            return self._sender(user, None)
        if chat.get("type") == "private" and chat["id"] in self._users:
            return copy.deepcopy(self._users[chat["id"]])
        return self._default_user()

    def callback_query(
        self, message: JSONDict, data: str | None = "", user: JSONDict | None = None
    ) -> JSONDict:
        """A button press under `message` (its current, edited version is embedded)."""
        with self._cond:
            current = self._reply_copy(message) or message
            query: JSONDict = {
                "id": self._next_query_id(),
                "from": self._user_for_chat(current["chat"], user),
                "message": current,
                "chat_instance": _chat_instance(current["chat"]["id"]),
            }
            if data is not None:
                query["data"] = data
            return self.inject({"callback_query": query})

    def inline_callback_query(
        self, inline_message_id: str, data: str = "", user: JSONDict | None = None
    ) -> JSONDict:
        """A button press under a message sent via the bot in inline mode."""
        with self._cond:
            self._inline_messages.setdefault(inline_message_id, None)
            query = {
                "id": self._next_query_id(),
                "from": self._sender(user, None),
                "inline_message_id": inline_message_id,
                "chat_instance": _chat_instance(zlib.crc32(inline_message_id.encode())),
                "data": data,
            }
            return self.inject({"callback_query": query})

    def inline_query(
        self,
        query: str,
        user: JSONDict | None = None,
        *,
        chat_type: str | None = "sender",
        offset: str = "",
    ) -> JSONDict:
        """An inline query typed in a chat of `chat_type` (None omits the field)."""
        with self._cond:
            inline: JSONDict = {"id": self._next_query_id(), "from": self._sender(user, None)}
            if chat_type is not None:
                inline["chat_type"] = chat_type
            inline.update({"query": query, "offset": offset})
            return self.inject({"inline_query": inline})

    def chosen_inline_result(
        self,
        result_id: str,
        query: str,
        user: JSONDict | None = None,
        *,
        inline_message_id: str | None = None,
    ) -> JSONDict:
        """The user picked an inline result (inline_message_id only if it has a keyboard)."""
        with self._cond:
            chosen: JSONDict = {
                "result_id": result_id,
                "from": self._sender(user, None),
                "query": query,
            }
            if inline_message_id is not None:
                chosen["inline_message_id"] = inline_message_id
            return self.inject({"chosen_inline_result": chosen})

    def my_chat_member(
        self,
        chat: JSONDict | int | None = None,
        old_status: str = "left",
        new_status: str = "member",
        *,
        from_user: JSONDict | None = None,
    ) -> JSONDict:
        """The bot's own membership changed, e.g. added to a group (left -> member)."""
        with self._cond:
            if chat is None or isinstance(chat, int):
                chat = self._resolve_chat(DEFAULT_GROUP_ID if chat is None else chat)
            else:
                chat = self._register_chat(chat)
            update = {
                "chat": copy.deepcopy(chat),
                "from": self._user_for_chat(chat, from_user),
                "date": int(time.time()),
                "old_chat_member": _chat_member(self.bot_user, old_status),
                "new_chat_member": _chat_member(self.bot_user, new_status),
            }
            return self.inject({"my_chat_member": update})


def _explicit_entities(entities: Any) -> list[JSONDict]:
    """Entities given instead of parse_mode; malformed ones are rejected."""
    if entities is None:
        return []
    if not isinstance(entities, list):
        raise _bad("can't parse entities JSON object")
    for entity in entities:
        if not (
            isinstance(entity, dict)
            and isinstance(entity.get("type"), str)
            and isinstance(entity.get("offset"), int)
            and isinstance(entity.get("length"), int)
        ):
            raise _bad("can't parse MessageEntity JSON object")
    return copy.deepcopy(entities)


def _set_or_drop(target: JSONDict, key: str, value: Any) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = copy.deepcopy(value)


def _private_chat(user: JSONDict) -> JSONDict:
    chat = {"id": user["id"], "first_name": user["first_name"]}
    chat.update({k: user[k] for k in ("last_name", "username") if k in user})
    chat["type"] = "private"
    return chat


def _chat_instance(seed: int) -> str:
    """Stable per chat, opaque like Telegram's."""
    return str((seed * 2_654_435_761) % 9_000_000_000_000_000_000 - 4_000_000_000_000_000_000)


def _chat_member(user: JSONDict, status: str) -> JSONDict:
    """A ChatMember of `status` with every field PTB requires for it."""
    if status not in _MEMBER_RIGHTS:
        raise ValueError(
            f"unknown chat member status {status!r}; choose from {sorted(_MEMBER_RIGHTS)}"
        )
    return {"user": copy.deepcopy(user), "status": status, **_MEMBER_RIGHTS[status]}


# ---------------------------------------------------------------- HTTP plumbing


class _Server(ThreadingHTTPServer):
    """Threaded server that can drop its keep-alive connections on stop."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # socketserver's default backlog of 5 stalls 60 concurrent connects
    api: FakeBotApi

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]):
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        _LOG.debug("fake Bot API connection error", exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, like api.telegram.org; GET and POST both work."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: avoid 40 ms stalls
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self._read_body()
        status, payload = self.server.api.handle_http(
            self.path, self.headers.get("Content-Type", ""), body
        )
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silenced: request lines carry the bot token; calls are logged without it."""
