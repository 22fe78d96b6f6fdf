"""Callback data of the bot's buttons: short signed strings, packed and unpacked only here.

Everything a button needs travels in its data, so a card keeps working after a restart:
``g:36:26,27,30:fr:1a2b3c4d:5e6f7a8b:<mac>`` shows paragraph 36 of document ``5e6f7a8b`` on a
card whose other matches are 26, 27 and 30 (of the same document), for a French reader;
``1a2b3c4d`` is a short hash of the asker, so that in a group only the delegate who asked may
move the card (no user id appears in the message markup).

The document is named by a code: the first 8 hex digits of the SHA-256 of its id. Ids are
folder names, often longer than the room left (``gb11-work-programme`` is 19 characters); a
position in the library would change meaning when a folder is added, so an old button could
open the wrong document, while a hash of the id stays the same across restarts and additions
and names nothing once its document is gone: that button is then "no longer valid".

A Telegram client can send any callback data, so every string the bot packs (card actions,
``l:fr`` for a language, ``x:fr:1`` for a /start example) ends in a MAC of everything before it:
HMAC-SHA256 cut to 8 bytes, 11 base64url characters, under a key derived from the salt. Data
that does not verify (an owner tag rewritten, data signed with another salt, or from a version
that did not sign) unpacks to ``None``, and the tap gets "this button is no longer valid".

Room: a button's data is at most 64 bytes. The longest card data is 38 bytes of fields
(four-digit numbers, four alternatives), 9 of document code and 12 of MAC (``:`` and 11
characters), 59 in all. Packing anything longer raises.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass, field

from telegram.constants import InlineKeyboardButtonLimit

from index import LANGS, Library

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
MAC_BYTES = 8
MAX_ALTERNATIVES = 4
DOC_CODE = 8  # hex digits
ACTIONS = {"g": "go", "m": "more", "u": "up", "d": "down"}
_CARD = re.compile(
    r"^([gmud]):(\d{1,4}):((?:\d{1,4},){0,3}\d{1,4}|):([a-z]{2}):([0-9a-f]{8}):([0-9a-f]{8})$"
)
_LANG = re.compile(r"^l:([a-z]{2})$")
_EXAMPLE = re.compile(r"^x:([a-z]{2}):([1-9])$")
EXAMPLES = 3


@dataclass(frozen=True)
class Signer:
    """Signs the data the bot packs and checks the data a tap brings back."""

    key: bytes = field(repr=False)

    @classmethod
    def from_salt(cls, salt: bytes) -> Signer:
        # A key of its own, so a MAC is never one of the salted hashes stored in the database.
        return cls(hmac.new(salt, b"treatybot callback-data", hashlib.sha256).digest())

    def sign(self, body: str) -> str:
        data = f"{body}:{self._mac(body)}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def verify(self, data: str | None) -> str | None:
        """What was signed, or ``None`` for data that is unsigned, tampered or too long."""
        if not data or len(data.encode()) > MAX_BYTES:
            return None
        body, _, mac = data.rpartition(":")
        if not hmac.compare_digest(mac.encode(), self._mac(body).encode()):
            return None
        return body

    def _mac(self, body: str) -> str:
        digest = hmac.new(self.key, body.encode(), hashlib.sha256).digest()[:MAC_BYTES]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass(frozen=True)
class CardAction:
    """A tap on a card: show a paragraph, show more results, or send feedback on it."""

    action: str  # "go" | "more" | "up" | "down"
    number: int
    alternatives: tuple[int, ...]  # paragraphs of the same document
    lang: str
    owner: str
    doc: str  # the document's id


def doc_code(doc: str) -> str:
    """A document's code in button data (see the module's docstring for why a hash)."""
    return hashlib.sha256(doc.encode()).hexdigest()[:DOC_CODE]


def pack(action: CardAction, signer: Signer) -> str:
    code = next(k for k, v in ACTIONS.items() if v == action.action)
    alts = ",".join(str(n) for n in action.alternatives[:MAX_ALTERNATIVES])
    body = f"{code}:{action.number}:{alts}:{action.lang}:{action.owner}:{doc_code(action.doc)}"
    return signer.sign(body)


def unpack(data: str | None, library: Library, signer: Signer) -> CardAction | None:
    """The action, or ``None`` for anything unsigned, malformed, out of range, of a document
    the library no longer holds, or from another version."""
    m = _CARD.match(signer.verify(data) or "")
    if not m:
        return None
    code, number, alts, lang, owner, doc = m.groups()
    document = next((d for d in library.documents if doc_code(d.id) == doc), None)
    if document is None or lang not in LANGS:
        return None
    alternatives = tuple(int(n) for n in alts.split(",")) if alts else ()
    valid = frozenset(document.numbers)
    if int(number) not in valid or any(n not in valid for n in alternatives):
        return None
    return CardAction(ACTIONS[code], int(number), alternatives, lang, owner, document.id)


def pack_lang(lang: str, signer: Signer) -> str:
    return signer.sign(f"l:{lang}")


def unpack_lang(data: str | None, signer: Signer) -> str | None:
    m = _LANG.match(signer.verify(data) or "")
    return m.group(1) if m and m.group(1) in LANGS else None


def pack_example(lang: str, number: int, signer: Signer) -> str:
    """A /start button that asks example question ``number`` of the ``lang`` table."""
    return signer.sign(f"x:{lang}:{number}")


def unpack_example(data: str | None, signer: Signer) -> tuple[str, int] | None:
    m = _EXAMPLE.match(signer.verify(data) or "")
    if not m or m.group(1) not in LANGS or not 1 <= int(m.group(2)) <= EXAMPLES:
        return None
    return m.group(1), int(m.group(2))
