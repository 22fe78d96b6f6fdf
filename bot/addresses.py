"""How a delegate names a paragraph outside a question, read and written only here: a deep
link's payload (``?start=gb99-secretary-p3``; the earlier ``p26`` still opens the primary
document's paragraph) and ``/para``'s arguments (``/para 26``, ``/para report 26``,
``/para IT/GB-99/25/6 3``: a document's id, symbol or alias, as ``Library.resolve`` reads it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import Library

# Telegram's start parameter: 1-64 characters of A-Z, a-z, 0-9, _ and -.
MAX_PAYLOAD = 64
_PAYLOAD_CHARS = re.compile(r"[A-Za-z0-9_-]{1,64}")
_PAYLOAD = re.compile(r"^(?:([A-Za-z0-9_-]+)-)?p(\d{1,4})$")
_NUMBERS = re.compile(r"[\d,،、]+")  # "26", "26,27" (\d reads Arabic-Indic digits too)
MAX_DIGITS = 6  # an absurdly long number is still one the documents lack, named in a few digits


@dataclass(frozen=True)
class ParagraphRequest:
    """Paragraphs asked for by number: of ``doc``, or, with no document named (``doc`` None), of
    whichever document ``Library.locate`` picks; ``unknown`` is a name no document has."""

    doc: str | None
    numbers: tuple[int, ...]
    unknown: str = ""


def payload(doc: str, number: int) -> str | None:
    """The deep link's start parameter for paragraph ``number`` of ``doc``, or None when the
    document's id cannot be one (too long, or a character Telegram does not allow there)."""
    text = f"{doc}-p{number}"
    return text if _PAYLOAD_CHARS.fullmatch(text) else None


def read_payload(text: str, library: Library) -> ParagraphRequest | None:
    """What a deep link asks for, or None when it is not a paragraph's link."""
    m = _PAYLOAD.match(text)
    if not m:
        return None
    doc, number = m.group(1), int(m.group(2))
    if doc is None:  # a link made before documents were named: the primary's paragraph
        return ParagraphRequest(library.primary.id, (number,))
    if library.document(doc) is None:
        return ParagraphRequest(None, (number,), unknown=doc)
    return ParagraphRequest(doc, (number,))


def read_para_args(args: list[str], library: Library) -> ParagraphRequest:
    """``/para``'s arguments: numbers, and the words around them naming a document."""
    numbers: list[int] = []
    words: list[str] = []
    for arg in args:
        if _NUMBERS.fullmatch(arg):
            numbers += [int(n[:MAX_DIGITS]) for n in re.findall(r"\d+", arg)]
        else:
            words.append(arg)
    name = " ".join(words)
    if not name:
        return ParagraphRequest(None, tuple(numbers))
    doc = library.resolve(name)
    return ParagraphRequest(doc, tuple(numbers), unknown="" if doc else name)
