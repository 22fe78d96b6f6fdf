"""The sentences that answer, marked inside a quote: which spans, and how to mark them.

The retrieval side gives, per language version, character spans of the version's text. A mark is
put between pieces of text, each escaped on its own, so it never cuts an HTML entity or a tag,
and the quoted text is otherwise unchanged. The marks themselves come from the caller (HTML tags
from ``bot/cards.py``, stars or a terminal's bold from ``bot/terminal.py``): no markup here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from bot.notices import NO, verdict
from index import Hit, SearchResult

Span = tuple[int, int]
Marks = Mapping[str, tuple[Span, ...]]


def highlights(result: SearchResult, hit: Hit) -> Marks:
    """The spans to mark in a hit's versions: none for a paragraph asked for by number (it is
    shown, not found), nor when nothing in the report is close to the question."""
    if result.refs or verdict(result) == NO:
        return {}
    return hit.highlights


def clean(spans: Iterable[Span] | None, length: int) -> tuple[Span, ...]:
    """Spans within the text, sorted, overlapping or touching ones merged, empty ones dropped:
    whatever the retrieval side sends, the marks never nest or run past the text."""
    out: list[Span] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans or ()):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def within(spans: Iterable[Span], start: int, end: int) -> tuple[Span, ...]:
    """The parts of ``spans`` inside ``text[start:end]``, counted from ``start``."""
    return tuple(
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    )


def mark(
    text: str, spans: Iterable[Span], escape: Callable[[str], str], tags: tuple[str, str]
) -> str:
    """``text`` escaped piece by piece, with ``tags`` around each span."""
    opening, closing = tags
    out, at = [], 0
    for start, end in clean(spans, len(text)):
        out += [escape(text[at:start]), opening, escape(text[start:end]), closing]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def unmark(
    markup: str, unescape: Callable[[str], str], tags: tuple[str, str]
) -> tuple[str, tuple[Span, ...]]:
    """The inverse of ``mark``: the plain text and its marked spans."""
    text, spans, opened = "", [], 0
    for piece in re.split("(" + "|".join(map(re.escape, tags)) + ")", markup):
        if piece == tags[0]:
            opened = len(text)
        elif piece == tags[1]:
            spans.append((opened, len(text)))
        else:
            text += unescape(piece)
    return text, tuple(spans)
