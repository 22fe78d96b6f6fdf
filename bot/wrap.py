"""Text wrapped to a width in display columns: a Chinese character takes two, a combining mark
none. Lines break between words or between CJK characters (never before a closing mark such as
``，`` or after an opening one), and a URL is never broken: its line may be wider.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from wcwidth import wcswidth, wcwidth

MIN_COLUMNS = 20  # text columns left after an indent, however narrow the terminal says it is
# Whitespace that does not break a line (kept with the words around it).
NO_BREAK = "\u00a0\u202f\u2007\u2060"
# Chinese typesetting's line-breaking rules (and the Latin ones): no line starts with closing
# punctuation and none ends with opening punctuation.
NO_LINE_START = set("，。、；：？！）》」』】〉〕］｝”’…‥·・ー々〜%‰,.;:?!)]}")
NO_LINE_END = set("（《「『【〈〔［｛“‘([{")


def columns(text: str) -> int:
    """Display width of ``text``: a CJK character counts 2, a combining mark 0."""
    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


class _Unit(NamedTuple):
    """A piece of a line that is never broken: a word, a CJK character with the punctuation
    that sticks to it, a URL, or a run of spaces."""

    start: int
    end: int
    width: int
    space: bool
    url: bool


def _units(line: str) -> list[_Unit]:
    atoms: list[list] = []  # [start, end, kind] with kind "space", "wide" or "word"
    for i, ch in enumerate(line):
        w = wcwidth(ch)
        if ch.isspace() and ch not in NO_BREAK:
            kind = "space"
        elif atoms and (w == 0 or line[i - 1] == "\u200d"):  # a mark or a joined emoji
            atoms[-1][1] = i + 1
            continue
        else:
            kind = "wide" if w == 2 else "word"
        if atoms and atoms[-1][2] == kind and kind != "wide":
            atoms[-1][1] = i + 1
        else:
            atoms.append([i, i + 1, kind])
    units: list[list] = []
    for start, end, kind in atoms:
        prev = units[-1] if units else None
        joined = (
            prev is not None
            and kind != "space"
            and prev[2] != "space"
            and (
                (kind != "wide" and prev[2] != "wide")  # a word split by a joiner: one word
                or line[start] in NO_LINE_START
                or line[prev[1] - 1] in NO_LINE_END
            )
        )
        if joined:
            prev[1], prev[2] = end, kind  # the kind of the unit's last atom decides the next cut
        else:
            units.append([start, end, kind])
    out = []
    for start, end, kind in units:
        text = line[start:end]
        url = "://" in text or text.lstrip("<([").startswith("www.")
        out.append(_Unit(start, end, columns(text), kind == "space", url))
    return out


def _cut(line: str, unit: _Unit, first: int, width: int) -> list[tuple[int, int]]:
    """A word wider than a whole line, cut between characters (never before a combining mark):
    ``first`` columns, then ``width`` per line."""
    pieces, start, used, limit = [], unit.start, 0, first
    for i in range(unit.start, unit.end):
        w = max(wcwidth(line[i]), 0)
        if used + w > limit and i > start and w > 0:
            pieces.append((start, i))
            start, used, limit = i, 0, width
        used += w
    pieces.append((start, unit.end))
    return pieces


def wrap_spans(line: str, width: int, first: int | None = None) -> list[tuple[int, int]]:
    """Where to cut one line into lines of at most ``width`` columns (``first`` for the first
    line, when a hanging indent makes it differ), as ``line[start:end]`` slices; the spaces at
    a cut are dropped. A URL is never cut: its line may be wider."""
    out: list[tuple[int, int]] = []

    def room() -> int:
        return max(width if out or first is None else first, 1)

    start = end = -1
    used = gap = 0
    for unit in _units(line):
        if unit.space:
            gap = unit.width if start >= 0 else 0
            continue
        if start >= 0 and used + gap + unit.width <= room():
            end, used = unit.end, used + gap + unit.width
        else:
            if start >= 0:
                out.append((start, end))
            pieces = [(unit.start, unit.end)]
            if unit.width > room() and not unit.url:
                pieces = _cut(line, unit, room(), max(width, 1))
                out.extend(pieces[:-1])
            start, end = pieces[-1]
            used = columns(line[start:end])
        gap = 0
    if start >= 0:
        out.append((start, end))
    return out


def wrap(text: str, width: int, first: str = "", rest: str = "", shape: str = "") -> list[str]:
    """``text`` wrapped, its first line after ``first`` and the others after ``rest``; ``shape``
    (``text`` with no-break spaces where a cut must not be) decides the cuts."""
    out: list[str] = []
    for line in re.finditer(r"[^\n]+", shape or text):
        spans = wrap_spans(
            line.group(),
            max(width - columns(rest), MIN_COLUMNS),
            None if out else max(width - columns(first), MIN_COLUMNS),
        )
        for start, end in spans:
            out.append((rest if out else first) + text[line.start() + start : line.start() + end])
    return out
