"""A paragraph's sentences as character spans of its text, for sentence-level evidence and for
marking the sentence that answers.

A sentence ends at a full stop, question or exclamation mark or semicolon followed by a space
(Chinese: at 。！？；, no space needed), and at a line break (the report's bullet lists). A dot
inside a document symbol (IT/GB-11/25/6) or a figure (13.4) is followed by no space and does not
end one.
"""

from __future__ import annotations

import re

from index.records import Span

_END = re.compile(r"[.!?;:](?=\s)|[。！？；]|\n")
MIN_CHARS = 8  # shorter pieces ("a)", "•") join the next sentence


def split_sentences(text: str) -> list[Span]:
    """Spans ``(start, end)`` covering the text's sentences, surrounding spaces left out."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if len(text[start:end].strip()) >= MIN_CHARS:
            spans.append(_strip(text, start, end))
            start = end
    if text[start:].strip():
        if spans and len(text[start:].strip()) < MIN_CHARS:
            spans[-1] = _strip(text, spans[-1][0], len(text))
        else:
            spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)
