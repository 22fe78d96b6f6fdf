"""The bot's answers as plain text, for ``treatybot ask`` and the terminal ``treatybot chat``.

The sentences that answer are marked ``**like this**``, or in bold on a terminal, where the
escape codes do not end up in a file or a pipe. Lines are wrapped to the terminal's width by
``bot/wrap.py``.
"""

from __future__ import annotations

import re
import shutil
from typing import TextIO

from bot.i18n import t
from bot.marks import Span, clean, mark, within
from bot.view import AnswerView, QuoteView
from bot.wrap import MIN_COLUMNS, wrap, wrap_spans

DEFAULT_WIDTH = 80  # a pipe, a file, or a terminal that does not say
STARS = ("**", "**")
ANSI_BOLD = ("\x1b[1m", "\x1b[22m")


def terminal_width() -> int:
    """The output's width in columns: ``COLUMNS``, else the terminal's, else 80."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def bold_for(stream: TextIO) -> tuple[str, str]:
    """How to mark on ``stream``: bold on a terminal, plain-text stars anywhere else."""
    return ANSI_BOLD if stream.isatty() else STARS


def render_answer(
    view: AnswerView, bold: tuple[str, str] = STARS, width: int = DEFAULT_WIDTH
) -> str:
    lang = view.lang
    lines: list[str] = []
    if view.cut:
        lines += wrap(t(lang, "cut"), width)
    if view.notice:
        lines += wrap(view.notice, width)  # for "closest", the hedge said above the paragraph
    if view.unsearched:
        return "\n".join(lines) + "\n"
    if view.quote is None:
        lines.extend(_titles(view.others, width, view.others[0].doc if view.others else ""))
        return "\n".join(lines) + "\n"
    lines.extend(paragraph_lines(view.quote, bold, width))
    if view.others:
        lines += wrap(t(lang, "other_matches"), width)
        lines.extend(_titles(view.others, width, view.quote.doc))
    return "\n".join(lines) + "\n"


def _titles(views: tuple[QuoteView, ...], width: int, doc: str) -> list[str]:
    """``¶26 · section`` in the reader's language, one line per paragraph; a paragraph of
    another document than ``doc`` (the quote's) says which."""
    lines = []
    for v in views:
        name = "" if v.doc == doc else f" ({v.name})"
        lines += wrap(f"¶{v.number} · {v.section}{name}", width, "  ", "    ")
    return lines


def paragraph_lines(
    view: QuoteView, bold: tuple[str, str] = STARS, width: int = DEFAULT_WIDTH
) -> list[str]:
    """A paragraph as the terminal shows it: heading, official text, the reader's version
    under its label, sources, citation."""
    lang = view.lang
    lines = wrap(f"¶{view.number} · {view.section}", width, "", "    ")
    lines.extend(_indent(view.official.text, view.marks.get(view.official.lang, ()), bold, width))
    reader = view.reader
    if reader is not None:
        label = "official_translation" if reader.official else "working_translation"
        label_text = f"[{t(lang, label, language=t(lang, 'language_name'))}]"
        lines += wrap(label_text, width, "  ", "   ")
        lines.extend(_indent(reader.text, view.marks.get(reader.lang, ()), bold, width))
    # The document is always named (and linked when it has a link), footnotes or not.
    lines += wrap(f"{t(lang, 'sources')}:", width)
    document = f"{t(lang, 'document')}: {view.title}"
    lines += wrap(f"{document} <{view.url}>" if view.url else document, width, "  ", "    ")
    for link in view.links:
        lines += wrap(f"{link.title} <{link.url}>".strip(), width, "  ", "    ")
    citation = f"{t(lang, 'citation')}: {view.citation}"
    # "para. 36" (and "п. 36", "الفقرة 36") is never cut in two.
    lines += wrap(citation, width, "", "    ", re.sub(r" (?=\d+$)", "\u00a0", citation))
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
