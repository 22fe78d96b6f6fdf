"""Message text as Telegram makes it: HTML parsed as tdlib parses it, entities found as tdlib finds
them, lengths in UTF-16.

Why: the bot's HTML is only valid if Telegram accepts it. `parse_html` is a port of tdlib's
parse_html() (same accepted input, same error wording, same entities), stricter on two points
Telegram's docs demand, so a missing html.escape() fails a test instead of a delegate's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

JSONDict = dict[str, Any]


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


def detect_entities(text: str, existing: list[JSONDict] | None = None) -> list[JSONDict]:
    """Entities Telegram finds by itself that the bot reads: mention and bot_command.

    Spans overlapping code, pre or links in `existing` are skipped, as Telegram does. (Telegram
    also finds urls, emails and hashtags; no test reads them, so the fake leaves them out.)
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
    kinds = (("mention", _mention_spans), ("bot_command", _command_spans))
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


def bold_texts(markup: str) -> list[str]:
    """Each bold entity's text, read as Telegram reads it (offsets in UTF-16 units)."""
    plain, entities = parse_html(markup, strict=True)
    units = plain.encode("utf-16-le")
    return [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in entities
        if e["type"] == "bold"
    ]
