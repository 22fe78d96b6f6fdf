"""Callback data of the card buttons: short prefixed strings, packed and unpacked only here.

Everything a button needs travels in its data, so a card keeps working after a restart:
``g:36:26,27,30:fr:1a2b3c4d`` shows paragraph 36 on a card whose other matches are 26, 27 and 30,
for a French reader; the last field is a short hash of the asker, so that in a group only the
delegate who asked may move the card (no user id appears in the message markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram.constants import InlineKeyboardButtonLimit

from index import LANGS

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
MAX_ALTERNATIVES = 4
ACTIONS = {"g": "go", "m": "more", "u": "up", "d": "down"}
_CARD = re.compile(r"^([gmud]):(\d{1,4}):((?:\d{1,4},){0,3}\d{1,4}|):([a-z]{2}):([0-9a-f]{8})$")
_LANG = re.compile(r"^l:([a-z]{2})$")
_EXAMPLE = re.compile(r"^x:([a-z]{2}):([1-9])$")
EXAMPLES = 3


@dataclass(frozen=True)
class CardAction:
    """A tap on a card: show a paragraph, show more results, or send feedback on it."""

    action: str  # "go" | "more" | "up" | "down"
    number: int
    alternatives: tuple[int, ...]
    lang: str
    owner: str


def pack(action: CardAction) -> str:
    code = next(k for k, v in ACTIONS.items() if v == action.action)
    alts = ",".join(str(n) for n in action.alternatives[:MAX_ALTERNATIVES])
    data = f"{code}:{action.number}:{alts}:{action.lang}:{action.owner}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def unpack(data: str | None, valid_numbers: frozenset[int]) -> CardAction | None:
    """The action, or ``None`` for anything malformed, out of range or from another version."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    m = _CARD.match(data)
    if not m:
        return None
    code, number, alts, lang, owner = m.groups()
    alternatives = tuple(int(n) for n in alts.split(",")) if alts else ()
    if lang not in LANGS or int(number) not in valid_numbers:
        return None
    if any(n not in valid_numbers for n in alternatives):
        return None
    return CardAction(ACTIONS[code], int(number), alternatives, lang, owner)


def pack_lang(lang: str) -> str:
    return f"l:{lang}"


def unpack_lang(data: str | None) -> str | None:
    m = _LANG.match(data or "")
    return m.group(1) if m and m.group(1) in LANGS else None


def pack_example(lang: str, number: int) -> str:
    """A /start button that asks example question ``number`` of the ``lang`` table."""
    return f"x:{lang}:{number}"


def unpack_example(data: str | None) -> tuple[str, int] | None:
    m = _EXAMPLE.match(data or "")
    if not m or m.group(1) not in LANGS or not 1 <= int(m.group(2)) <= EXAMPLES:
        return None
    return m.group(1), int(m.group(2))
