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
from bot.marks import Marks, Span, clean, highlights, mark, within
from bot.notices import NO, UNSEARCHED, notice, verdict
from index import Searcher, SearchResult

ALTERNATIVES = 2
WIDTH = 100
STARS = ("**", "**")
ANSI_BOLD = ("\x1b[1m", "\x1b[22m")
# textwrap turns each of these into one space, so a wrapped line is a slice of its source line.
_WHITESPACE = str.maketrans("\t\n\x0b\x0c\r", "     ")


def bold_for(stream: TextIO) -> tuple[str, str]:
    """How to mark on ``stream``: bold on a terminal, plain-text stars anywhere else."""
    return ANSI_BOLD if stream.isatty() else STARS


def render_answer(result: SearchResult, searcher: Searcher, bold: tuple[str, str] = STARS) -> str:
    lang = result.lang
    lines: list[str] = []
    if result.cut:
        lines.append(t(lang, "cut"))
    head = notice(searcher, result, lang)
    if head:
        lines.append(head)  # for "closest", the hedge said above the paragraph
    if result.reason in UNSEARCHED or not result.hits:
        return "\n".join(lines) + "\n"
    if verdict(result) == NO:
        lines.extend(_titles(searcher, result.hits[:ALTERNATIVES], lang))
        return "\n".join(lines) + "\n"
    best = result.hits[0]
    marks = highlights(result, best)
    lines.extend(_paragraph_lines(searcher, best.number, best.doc, lang, marks, bold))
    others = result.hits[1 : 1 + ALTERNATIVES]
    if others:
        lines.append(t(lang, "other_matches"))
        lines.extend(_titles(searcher, others, lang))
    return "\n".join(lines) + "\n"


def _titles(searcher: Searcher, hits, lang: str) -> list[str]:
    """``¶26 · section`` in the reader's language, one line per hit."""
    return [
        f"  ¶{h.number} · {searcher.paragraph(h.number, lang, h.doc).section_path}" for h in hits
    ]


def _paragraph_lines(
    searcher: Searcher, number: int, doc: str, lang: str, marks: Marks, bold: tuple[str, str]
) -> list[str]:
    versions = searcher.versions(number, doc)
    official = searcher.paragraph(number, doc=doc)
    document = searcher.document(doc)
    reader = versions.get(lang)
    lines = [f"¶{number} · {(reader or official).section_path}"]
    lines.extend(_indent(official.text, marks.get(official.lang, ()), bold))
    if reader is not None and reader is not official:
        label = "official_translation" if reader.official else "working_translation"
        lines.append(f"  [{t(lang, label, language=t(lang, 'language_name'))}]")
        lines.extend(_indent(reader.text, marks.get(reader.lang, ()), bold))
    links = (reader or official).links
    if links:
        lines.append(f"{t(lang, 'sources')}:")
        lines.extend(f"  {link.title} <{link.url}>" for link in links)
    title = document.title.get(lang) or document.title.get("en", "")
    lines.append(f"{t(lang, 'citation')}: {title}, {document.session}, para. {number}")
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
        print(render_answer(searcher.search(line), searcher, bold), flush=True)
