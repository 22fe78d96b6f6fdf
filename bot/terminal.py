"""The bot's answers as plain text, for ``treatybot ask`` and the terminal ``treatybot chat``.

The sentences that answer are marked ``**like this**``, or in bold on a terminal, where the
escape codes do not end up in a file or a pipe.
"""

from __future__ import annotations

import re
import sys
import textwrap
from typing import TextIO

from bot.i18n import t
from bot.marks import Span, clean, mark, within
from bot.view import AnswerView, QuoteView, answer_view
from index import Searcher

WIDTH = 100
STARS = ("**", "**")
ANSI_BOLD = ("\x1b[1m", "\x1b[22m")
# textwrap turns each of these into one space, so a wrapped line is a slice of its source line.
_WHITESPACE = str.maketrans("\t\n\x0b\x0c\r", "     ")


def bold_for(stream: TextIO) -> tuple[str, str]:
    """How to mark on ``stream``: bold on a terminal, plain-text stars anywhere else."""
    return ANSI_BOLD if stream.isatty() else STARS


def render_answer(view: AnswerView, bold: tuple[str, str] = STARS) -> str:
    lang = view.lang
    lines: list[str] = []
    if view.cut:
        lines.append(t(lang, "cut"))
    if view.notice:
        lines.append(view.notice)  # for "closest", the hedge said above the paragraph
    if view.unsearched:
        return "\n".join(lines) + "\n"
    if view.quote is None:
        lines.extend(_titles(view.others))
        return "\n".join(lines) + "\n"
    lines.extend(_paragraph_lines(view.quote, bold))
    if view.others:
        lines.append(t(lang, "other_matches"))
        lines.extend(_titles(view.others))
    return "\n".join(lines) + "\n"


def _titles(views: tuple[QuoteView, ...]) -> list[str]:
    """``¶26 · section`` in the reader's language, one line per paragraph."""
    return [f"  ¶{v.number} · {v.section}" for v in views]


def _paragraph_lines(view: QuoteView, bold: tuple[str, str]) -> list[str]:
    lang = view.lang
    lines = [f"¶{view.number} · {view.section}"]
    lines.extend(_indent(view.official.text, view.marks.get(view.official.lang, ()), bold))
    reader = view.reader
    if reader is not None:
        label = "official_translation" if reader.official else "working_translation"
        lines.append(f"  [{t(lang, label, language=t(lang, 'language_name'))}]")
        lines.extend(_indent(reader.text, view.marks.get(reader.lang, ()), bold))
    if view.links:
        lines.append(f"{t(lang, 'sources')}:")
        lines.extend(f"  {link.title} <{link.url}>" for link in view.links)
    lines.append(f"{t(lang, 'citation')}: {view.citation}")
    return lines


def _indent(text: str, spans: tuple[Span, ...] = (), bold: tuple[str, str] = STARS) -> list[str]:
    """The text wrapped and indented; marks are put after wrapping, so they take no width, and
    are closed at each line's end (a terminal's bold never runs into the next line)."""
    spans = clean(spans, len(text))
    out = []
    for line in re.finditer(r"[^\n]+", text):
        flat, at = line.group().translate(_WHITESPACE), 0
        for piece in textwrap.wrap(line.group(), width=WIDTH - 2, expand_tabs=False):
            start = line.start() + flat.index(piece, at)
            at = start - line.start() + len(piece)
            out.append("  " + mark(piece, within(spans, start, start + len(piece)), str, bold))
    return out


def chat(searcher: Searcher) -> int:
    """Questions from the keyboard (or one per line from a pipe), answers as the bot gives them."""
    interactive = sys.stdin.isatty()
    bold = bold_for(sys.stdout)
    while True:
        if interactive:
            print(t("en", "terminal_prompt"))
        line = sys.stdin.readline()
        if not line or (interactive and not line.strip()):
            return 0
        if not line.strip():
            continue
        result = searcher.search(line)
        print(render_answer(answer_view(result, result.lang), bold), flush=True)
