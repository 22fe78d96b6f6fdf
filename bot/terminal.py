"""The bot's answers as plain text, for ``treatybot ask`` and the terminal ``treatybot chat``.

The sentences that answer are marked ``**like this**``, or in bold on a terminal, where the
escape codes do not end up in a file or a pipe. Lines are wrapped to the terminal's width in
display columns (a Chinese character takes two), between words or between CJK characters, never
inside a URL.
"""

from __future__ import annotations

import re
import shutil
import sys
from typing import NamedTuple, TextIO

from wcwidth import wcswidth, wcwidth

from bot.i18n import TABLES, t
from bot.marks import Span, clean, mark, within
from bot.view import AnswerView, QuoteView, answer_view, quote_view
from index import Searcher

DEFAULT_WIDTH = 80  # a pipe, a file, or a terminal that does not say
MIN_COLUMNS = 20  # text columns left after an indent, however narrow the terminal says it is
STARS = ("**", "**")
ANSI_BOLD = ("\x1b[1m", "\x1b[22m")
# Whitespace that does not break a line (kept with the words around it).
NO_BREAK = "\u00a0\u202f\u2007\u2060"
# Chinese typesetting's line-breaking rules (and the Latin ones): no line starts with closing
# punctuation and none ends with opening punctuation.
NO_LINE_START = set("，。、；：？！）》」』】〉〕］｝”’…‥·・ー々〜%‰,.;:?!)]}")
NO_LINE_END = set("（《「『【〈〔［｛“‘([{")
QUIT = frozenset({"quit", "exit", "/quit", "/exit"})


def terminal_width() -> int:
    """The output's width in columns: ``COLUMNS``, else the terminal's, else 80."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def bold_for(stream: TextIO) -> tuple[str, str]:
    """How to mark on ``stream``: bold on a terminal, plain-text stars anywhere else."""
    return ANSI_BOLD if stream.isatty() else STARS


class _Unit(NamedTuple):
    """A piece of a line that is never broken: a word, a CJK character with the punctuation
    that sticks to it, a URL, or a run of spaces."""

    start: int
    end: int
    width: int
    space: bool
    url: bool


def columns(text: str) -> int:
    """Display width of ``text``: a CJK character counts 2, a combining mark 0."""
    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


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


def _lines(text: str, width: int, first: str = "", rest: str = "", shape: str = "") -> list[str]:
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


def render_answer(
    view: AnswerView, bold: tuple[str, str] = STARS, width: int = DEFAULT_WIDTH
) -> str:
    lang = view.lang
    lines: list[str] = []
    if view.cut:
        lines += _lines(t(lang, "cut"), width)
    if view.notice:
        lines += _lines(view.notice, width)  # for "closest", the hedge said above the paragraph
    if view.unsearched:
        return "\n".join(lines) + "\n"
    if view.quote is None:
        lines.extend(_titles(view.others, width))
        return "\n".join(lines) + "\n"
    lines.extend(paragraph_lines(view.quote, bold, width))
    if view.others:
        lines += _lines(t(lang, "other_matches"), width)
        lines.extend(_titles(view.others, width))
    return "\n".join(lines) + "\n"


def _titles(views: tuple[QuoteView, ...], width: int) -> list[str]:
    """``¶26 · section`` in the reader's language, one line per paragraph."""
    return [
        line for v in views for line in _lines(f"¶{v.number} · {v.section}", width, "  ", "    ")
    ]


def paragraph_lines(
    view: QuoteView, bold: tuple[str, str] = STARS, width: int = DEFAULT_WIDTH
) -> list[str]:
    """A paragraph as the terminal shows it: heading, official text, the reader's version
    under its label, sources, citation."""
    lang = view.lang
    lines = _lines(f"¶{view.number} · {view.section}", width, "", "    ")
    lines.extend(_indent(view.official.text, view.marks.get(view.official.lang, ()), bold, width))
    reader = view.reader
    if reader is not None:
        label = "official_translation" if reader.official else "working_translation"
        label_text = f"[{t(lang, label, language=t(lang, 'language_name'))}]"
        lines += _lines(label_text, width, "  ", "   ")
        lines.extend(_indent(reader.text, view.marks.get(reader.lang, ()), bold, width))
    if view.links:
        lines += _lines(f"{t(lang, 'sources')}:", width)
        for link in view.links:
            lines += _lines(f"{link.title} <{link.url}>".strip(), width, "  ", "    ")
    citation = f"{t(lang, 'citation')}: {view.citation}"
    # "para. 36" is never cut in two.
    lines += _lines(citation, width, "", "    ", re.sub(r"(?<=para\.) (?=\d)", "\u00a0", citation))
    return lines


def _indent(
    text: str,
    spans: tuple[Span, ...] = (),
    bold: tuple[str, str] = STARS,
    width: int = DEFAULT_WIDTH,
) -> list[str]:
    """The text wrapped and indented; marks are put after wrapping, so they take no width, and
    are closed at each line's end (a terminal's bold never runs into the next line)."""
    spans = clean(spans, len(text))
    out = []
    for line in re.finditer(r"[^\n]+", text):
        for start, end in wrap_spans(line.group(), max(width - 2, MIN_COLUMNS)):
            start, end = line.start() + start, line.start() + end
            out.append("  " + mark(text[start:end], within(spans, start, end), str, bold))
    return out


def undecodable(exc: UnicodeDecodeError) -> str:
    """What is wrong with a line that is not UTF-8, in a few words."""
    return f"not valid UTF-8 (its byte {exc.start + 1} is 0x{exc.object[exc.start]:02x})"


def read_line(stream: TextIO) -> str | UnicodeDecodeError | None:
    """The next line without its end, decoded from the bytes (``None`` at the end; the error
    when it is not UTF-8, so that one bad line is reported and the others still read)."""
    buffer = getattr(stream, "buffer", None)
    raw = buffer.readline() if buffer is not None else stream.readline()
    if not raw:
        return None
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc
    return raw.rstrip("\n").rstrip("\r")


def chat(searcher: Searcher, width: int | None = None) -> int:
    """Questions from the keyboard (or one per line from a pipe), answers as the bot gives them;
    ``/lang xx``, ``/para N`` and ``/help`` as in a private chat, ``quit`` or ``exit`` to end."""
    interactive = sys.stdin.isatty()
    bold = bold_for(sys.stdout)
    width = width or terminal_width()
    chosen: str | None = None  # set by /lang
    lang = "en"  # what the terminal speaks: the chosen language, else the last question's
    if interactive:
        _say(t(lang, "terminal_help", languages=_languages()), width)
    number = 0
    while True:
        if interactive:
            _say(t(lang, "terminal_prompt"), width)
        line = read_line(sys.stdin)
        number += 1
        if line is None:
            return 0
        if isinstance(line, UnicodeDecodeError):
            print(f"treatybot: line {number} is {undecodable(line)}; skipped", file=sys.stderr)
            continue
        text = line.strip()
        if not text:
            if interactive:
                return 0
            continue
        if text.lower() in QUIT:
            return 0
        if text.startswith("/"):
            chosen = _command(searcher, text, lang, chosen, bold, width)
            lang = chosen or lang
            continue
        result = searcher.search(text)
        lang = chosen or result.lang
        print(render_answer(answer_view(result, lang), bold, width), flush=True)


def _command(
    searcher: Searcher,
    text: str,
    lang: str,
    chosen: str | None,
    bold: tuple[str, str],
    width: int,
) -> str | None:
    """A terminal command; returns the chosen language (changed by ``/lang xx``)."""
    name, _, arg = text.partition(" ")
    name, arg = name.lower(), arg.strip()
    if name == "/lang":
        code = arg.lower().replace("_", "-").split("-")[0]
        if code in TABLES:
            _say(t(code, "lang_set"), width)
            return code
        _say(t(lang, "terminal_lang_usage", languages=_languages()), width)
    elif name == "/para":
        numbers = [int(n[:6]) for n in re.findall(r"\d+", arg)]
        if not numbers:
            _say(t(lang, "para_usage"), width)
        library = searcher.library
        document = library.document()
        for n in dict.fromkeys(numbers[:5]):
            if n not in document.numbers:
                first, last = min(document.numbers), max(document.numbers)
                _say(t(lang, "out_of_range", first=first, last=last, number=n), width)
                continue
            view = quote_view(library.versions(n), document, lang)
            print("\n".join(paragraph_lines(view, bold, width)) + "\n", flush=True)
    else:
        _say(t(lang, "terminal_help", languages=_languages()), width)
    return chosen


def _languages() -> str:
    return ", ".join(f"{code} {t(code, 'language_name')}" for code in TABLES)


def _say(text: str, width: int) -> None:
    print("\n".join(_lines(text, width)), flush=True)
