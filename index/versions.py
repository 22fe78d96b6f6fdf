"""A document's other language versions: one keyed file each, beside the official text::

    [II.mls.operations] Operations
    [26] The Secretariat continued to support ...
    [fn 20] Easy-SMTA User Manual

A file that misses a paragraph, holds an extra one or is not in the language it claims is
refused with one line naming the file and the paragraph (or line); the other languages are
still served.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.lang import detect_lang
from index.parse import ParsedReport, paragraph_links, render_section, section_paths
from index.records import Paragraph, Version

_ENTRY = re.compile(r"^\[([^\]\n]+)\]\s?(.*)$")


class KnowledgeError(ValueError):
    """A knowledge file that cannot be used; the message is one line naming file and place."""


def read_text(path: Path, name: str) -> str:
    """A file's UTF-8 text, or a ``KnowledgeError`` that calls the file ``name``."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{name}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{name}: cannot be read as UTF-8 text ({exc})") from exc


@dataclass(frozen=True)
class VersionText:
    headings: dict[str, str]
    paragraphs: dict[int, str]
    footnotes: dict[int, tuple[str, ...]]


def read_version_file(path: Path) -> VersionText:
    """Parse a keyed version file; duplicate or unknown keys are errors naming the line."""
    headings: dict[str, str] = {}
    paragraphs: dict[int, str] = {}
    footnotes: dict[int, tuple[str, ...]] = {}
    current: tuple[str, str] | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is None:
            return
        kind, key = current
        text = "\n".join(lines).strip()
        if kind == "paragraph":
            paragraphs[int(key)] = text
        elif kind == "footnote":
            footnotes[int(key)] = tuple(t.strip() for t in text.split("||"))
        else:
            headings[key] = text

    raw = read_text(path, path.name)
    for lineno, line in enumerate(raw.splitlines(), 1):
        if line.startswith("#") and current is None:
            continue
        m = _ENTRY.match(line)
        if not m:
            if current is None and line.strip():
                raise KnowledgeError(f"{path.name}, line {lineno}: text before the first [key]")
            lines.append(line)
            continue
        flush()
        key, text = m.group(1).strip(), m.group(2)
        if key.isdigit():
            kind = "paragraph"
            seen = int(key) in paragraphs
        elif key.startswith("fn ") and key[3:].strip().isdigit():
            kind, key = "footnote", key[3:].strip()
            seen = int(key) in footnotes
        else:
            kind = "heading"
            seen = key in headings
        if seen:
            raise KnowledgeError(f"{path.name}, line {lineno}: [{m.group(1)}] appears twice")
        current = (kind, key)
        lines = [text]
    flush()
    return VersionText(headings, paragraphs, footnotes)


def check_version(name: str, lang: str, version: VersionText, numbers: tuple[int, ...]) -> None:
    """The checks that make a version usable: same paragraphs, none empty, right language."""
    expected = set(numbers)
    for n in numbers:
        if n not in version.paragraphs:
            raise KnowledgeError(f"{name}: paragraph {n} is missing")
        if not version.paragraphs[n].strip():
            raise KnowledgeError(f"{name}: paragraph {n} is empty")
    extra = sorted(set(version.paragraphs) - expected)
    if extra:
        raise KnowledgeError(f"{name}: paragraph {extra[0]} is not in the official text")
    wrong = [n for n in numbers if detect_lang(version.paragraphs[n], default=lang) != lang]
    # Names and figures alone can look like another language; a third of the file cannot.
    if len(wrong) > len(numbers) // 3 or detect_lang(" ".join(version.paragraphs.values())) != lang:
        first = wrong[0] if wrong else numbers[0]
        found = detect_lang(version.paragraphs[first])
        raise KnowledgeError(
            f"{name}: not written in '{lang}' (paragraph {first} reads as '{found}')"
        )


def version_paragraphs(
    official: list[Paragraph], report: ParsedReport, lang: str, text: VersionText, version: Version
) -> Iterator[Paragraph]:
    """The version's paragraphs, one per official paragraph, with the official footnotes' links
    under the version's own titles and its section in its own headings."""
    headings = {h.id: h for h in report.headings}
    paths = section_paths(report.blocks, report.headings)
    for p in official:
        notes = tuple(
            " ".join(text.footnotes.get(n, report.footnotes[n].titles))
            for n in p.footnotes
            if not report.footnotes[n].urls
        )
        yield Paragraph(
            doc=p.doc,
            number=p.number,
            section=render_section(paths[p.number], headings, text.headings),
            lang=lang,
            text=text.paragraphs[p.number],
            links=paragraph_links(p.footnotes, report.footnotes, text.footnotes),
            footnotes=p.footnotes,
            notes=notes,
            official=version.official,
        )
