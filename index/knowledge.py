"""The knowledge folder -> documents: one folder per document, one file per language version.

A document folder holds ``meta.json`` (titles, session, agenda item, URL, and its language
versions), the official text as extracted from the PDF with ``outline.json`` (reviewed heading
levels), and one keyed file per other language version::

    [II.mls.operations] Operations
    [26] The Secretariat continued to support ...
    [fn 20] Easy-SMTA User Manual

A version file that misses a paragraph, holds an extra one or is not in the language it claims is
refused with one line naming the file and the paragraph; the other languages are still served.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from index.lang import detect_lang
from index.parse import (
    ParsedReport,
    paragraph_links,
    parse_report,
    render_section,
    section_paths,
)
from index.records import Document, Paragraph, Version

log = logging.getLogger(__name__)

_ENTRY = re.compile(r"^\[([^\]\n]+)\]\s?(.*)$")


class KnowledgeError(ValueError):
    """A knowledge file that cannot be used; the message is one line naming file and place."""


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

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read as UTF-8 text ({exc})") from exc
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


def knowledge_hash(knowledge_dir: Path) -> str:
    """Checksum of every file the documents are built from, so an index can tell it is stale."""
    digest = hashlib.sha256()
    for path in sorted(p for p in knowledge_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(knowledge_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_document(folder: Path) -> tuple[Document, list[str]]:
    """A document with every sound language version, and one line per refused version."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    official_lang = meta["official_lang"]
    versions = {
        lang: Version(
            lang, v["file"], bool(v.get("official")), v.get("url", ""), v.get("symbol", "")
        )
        for lang, v in meta["versions"].items()
    }
    outline = json.loads((folder / "outline.json").read_text(encoding="utf-8"))
    report = parse_report(
        (folder / versions[official_lang].file).read_text(encoding="utf-8"), outline
    )
    paragraphs = list(_official_paragraphs(meta["id"], official_lang, report))
    numbers = tuple(p.number for p in paragraphs)
    problems: list[str] = []
    sound = {official_lang: versions[official_lang]}
    for lang, version in versions.items():
        if lang == official_lang:
            continue
        path = folder / version.file
        try:
            if not path.exists():
                raise KnowledgeError(f"{path.name}: file not found")
            text = read_version_file(path)
            check_version(path.name, lang, text, numbers)
        except KnowledgeError as exc:
            problems.append(f"{meta['id']}/{exc}")
            continue
        sound[lang] = version
        paragraphs.extend(
            _version_paragraphs(paragraphs[: len(numbers)], report, lang, text, version)
        )
    document = Document(
        id=meta["id"],
        title=meta["title"],
        symbol=meta.get("symbol", ""),
        session=meta["session"],
        agenda_item=str(meta.get("agenda_item", "")),
        date=meta.get("date", ""),
        publisher=meta.get("publisher", ""),
        url=meta.get("url", ""),
        official_lang=official_lang,
        versions=sound,
        paragraphs=tuple(paragraphs),
        session_name=meta.get("session_name", {}),
    )
    return document, problems


def _official_paragraphs(doc_id: str, lang: str, report: ParsedReport):
    headings = {h.id: h for h in report.headings}
    paths = section_paths(report.blocks, report.headings)
    # A heading's own footnote (the MLS enhancement process) belongs to its first paragraph.
    pending: list[int] = []
    for block in report.blocks:
        if block.kind == "heading":
            pending.extend(block.footnotes)
            continue
        number = int(block.key)
        cited = tuple(pending) + block.footnotes
        pending = []
        yield Paragraph(
            doc=doc_id,
            number=number,
            section=render_section(paths[number], headings, {}),
            lang=lang,
            text=block.text,
            links=paragraph_links(cited, report.footnotes),
            footnotes=cited,
            notes=tuple(
                " ".join(report.footnotes[n].titles) for n in cited if not report.footnotes[n].urls
            ),
            official=True,
        )


def _version_paragraphs(
    official, report: ParsedReport, lang: str, text: VersionText, version: Version
):
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


def load_documents(knowledge_dir: Path) -> tuple[list[Document], list[str]]:
    """Every document folder under ``knowledge_dir`` (a folder with a ``meta.json``)."""
    documents: list[Document] = []
    problems: list[str] = []
    for folder in sorted(p for p in knowledge_dir.iterdir() if (p / "meta.json").is_file()):
        document, refused = load_document(folder)
        documents.append(document)
        problems.extend(refused)
    if not documents:
        raise KnowledgeError(f"{knowledge_dir}: no document folder (a folder with meta.json)")
    for line in problems:
        log.warning("refused: %s", line)
    return documents, problems
