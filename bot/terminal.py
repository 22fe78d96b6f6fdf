"""The bot's answers as plain text, for ``treatybot ask`` and the terminal ``treatybot chat``."""

from __future__ import annotations

import sys
import textwrap

from bot.i18n import t
from bot.notices import notice
from index import Searcher, SearchResult

ALTERNATIVES = 2


def render_answer(result: SearchResult, searcher: Searcher) -> str:
    lang = result.lang
    lines: list[str] = []
    if result.cut:
        lines.append(t(lang, "cut"))
    head = notice(searcher, result, lang)
    if head:
        lines.append(head)
    if result.reason in ("empty", "no_words", "out_of_range"):
        return "\n".join(lines) + "\n"
    if result.abstained:
        lines.extend(_titles(searcher, result.hits[:ALTERNATIVES], lang))
        return "\n".join(lines) + "\n"
    best = result.hits[0]
    lines.extend(_paragraph_lines(searcher, best.number, best.doc, lang))
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


def _paragraph_lines(searcher: Searcher, number: int, doc: str, lang: str) -> list[str]:
    versions = searcher.versions(number, doc)
    official = searcher.paragraph(number, doc=doc)
    document = searcher.document(doc)
    reader = versions.get(lang)
    lines = [f"¶{number} · {(reader or official).section_path}"]
    lines.extend(_indent(official.text))
    if reader is not None and reader is not official:
        label = "official_translation" if reader.official else "working_translation"
        lines.append(f"  [{t(lang, label, language=t(lang, 'language_name'))}]")
        lines.extend(_indent(reader.text))
    links = (reader or official).links
    if links:
        lines.append(f"{t(lang, 'sources')}:")
        lines.extend(f"  {link.title} <{link.url}>" for link in links)
    title = document.title.get(lang) or document.title.get("en", "")
    lines.append(f"{t(lang, 'citation')}: {title}, {document.session}, para. {number}")
    return lines


def _indent(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out.extend(textwrap.wrap(line, width=100, initial_indent="  ", subsequent_indent="  "))
    return out


def chat(searcher: Searcher) -> int:
    """Questions from the keyboard (or one per line from a pipe), answers as the bot gives them."""
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            print(t("en", "terminal_prompt"))
        line = sys.stdin.readline()
        if not line or (interactive and not line.strip()):
            return 0
        if not line.strip():
            continue
        print(render_answer(searcher.search(line), searcher), flush=True)
