"""The knowledge folder -> documents: one folder per document, one file per language version.

A document folder holds ``meta.json`` (id, titles, session, agenda item, symbol, URL, whether it
is the primary document, its aliases, and its language versions), the official text as
extracted from the PDF with ``outline.json`` (reviewed heading levels), and one keyed file per
other language version (``index/versions.py``).

A folder that cannot be read (bad JSON, a missing field, an official text the parser cannot
follow, an id another folder already has) is refused with one line naming the folder, the file
and, where there is one, the line; the other folders are still served. So is a version file
that cannot be used, named by its document's id: the document keeps its other languages.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from index.library import choose_primary, document_names, fold_name, ordered
from index.parse import ParsedReport, paragraph_links, parse_report, render_section, section_paths
from index.records import Document, Paragraph, Version
from index.versions import (
    KnowledgeError,
    check_version,
    read_text,
    read_version_file,
    version_paragraphs,
)

log = logging.getLogger(__name__)

META = "meta.json"
OUTLINE = "outline.json"
REQUIRED = ("title", "session", "official_lang", "versions")


def knowledge_hash(knowledge_dir: Path) -> str:
    """Checksum of every file the documents are built from, so an index can tell it is stale."""
    digest = hashlib.sha256()
    for path in sorted(p for p in knowledge_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(knowledge_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_json(path: Path) -> dict:
    """A JSON object from a file, or a ``KnowledgeError`` naming the file and the line."""
    raw = read_text(path, path.name)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path.name}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}, line 1: not a JSON object")
    return data


def read_meta(folder: Path) -> tuple[dict, dict[str, Version]]:
    """The folder's manifest, checked, and its language versions."""
    meta = read_json(folder / META)
    for key in REQUIRED:
        if key not in meta:
            raise KnowledgeError(f"{META}: no {key!r}")
    if not isinstance(meta["title"], dict) or not isinstance(meta["versions"], dict):
        raise KnowledgeError(f"{META}: 'title' and 'versions' must be objects")
    if not isinstance(meta.get("primary", False), bool):
        raise KnowledgeError(f"{META}: 'primary' must be true or false")
    aliases = meta.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise KnowledgeError(f"{META}: 'aliases' must be a list of names")
    try:
        versions = {
            lang: Version(
                lang, v["file"], bool(v.get("official")), v.get("url", ""), v.get("symbol", "")
            )
            for lang, v in meta["versions"].items()
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise KnowledgeError(f"{META}: each version needs a 'file'") from exc
    if meta["official_lang"] not in versions:
        raise KnowledgeError(f"{META}: the official language has no entry in 'versions'")
    return meta, versions


def read_official(folder: Path, version: Version) -> ParsedReport:
    """The official text as the parser reads it, or a ``KnowledgeError`` naming the line."""
    outline = read_json(folder / OUTLINE)
    if not isinstance(outline.get("headings"), list) or not outline["headings"]:
        raise KnowledgeError(f"{OUTLINE}: no 'headings' list")
    raw = read_text(folder / version.file, version.file)
    try:
        return parse_report(raw, outline)
    except (KeyError, TypeError) as exc:
        raise KnowledgeError(f"{OUTLINE}: a heading lacks or mistypes {exc}") from exc
    except ValueError as exc:
        # The parser says "line 12: ..." where it knows the line.
        where = ", " if str(exc).startswith("line ") else ": "
        raise KnowledgeError(f"{version.file}{where}{exc}") from exc


def load_document(folder: Path) -> tuple[Document, list[str]]:
    """A document with every sound language version, and one line per refused version; a
    ``KnowledgeError`` when the folder itself cannot be used."""
    meta, versions = read_meta(folder)
    doc_id = str(meta.get("id") or folder.name)
    official_lang = meta["official_lang"]
    report = read_official(folder, versions[official_lang])
    paragraphs = list(_official_paragraphs(doc_id, official_lang, report))
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
            problems.append(f"{doc_id}/{exc}")
            continue
        sound[lang] = version
        paragraphs.extend(
            version_paragraphs(paragraphs[: len(numbers)], report, lang, text, version)
        )
    document = Document(
        id=doc_id,
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
        primary=meta.get("primary", False),
        aliases=tuple(meta.get("aliases", ())),
    )
    return document, problems


def _official_paragraphs(doc_id: str, lang: str, report: ParsedReport) -> Iterator[Paragraph]:
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


def load_documents(knowledge_dir: Path) -> tuple[list[Document], list[str]]:
    """Every usable document folder under ``knowledge_dir`` (a folder with a ``meta.json``),
    and one line per refused folder or version, each also logged."""
    documents: list[Document] = []
    problems: list[str] = []
    folders: dict[str, str] = {}
    for folder in sorted(p for p in knowledge_dir.iterdir() if (p / META).is_file()):
        try:
            document, refused = load_document(folder)
        except KnowledgeError as exc:
            problems.append(f"{folder.name}/{exc}")
            continue
        if document.id in folders:
            problems.append(
                f"{folder.name}/{META}: id {document.id!r} is already {folders[document.id]}'s"
            )
            continue
        folders[document.id] = folder.name
        documents.append(document)
        problems.extend(refused)
    for line in problems:
        log.warning("refused: %s", line)
    if not documents and problems:
        raise KnowledgeError(f"{knowledge_dir}: every document folder was refused")
    if not documents:
        raise KnowledgeError(f"{knowledge_dir}: no document folder (a folder with {META})")
    _warn_on_ambiguity(documents)
    return documents, problems


def _warn_on_ambiguity(documents: list[Document]) -> None:
    """One line for each choice the deployer left to a rule: which document is primary, and
    which document a name two of them share means."""
    primary, how = choose_primary(documents)
    if how == "most paragraphs":
        marked = sum(d.primary for d in documents)
        log.warning(
            '%d documents are marked "primary": true; %s, with the most paragraphs, is primary',
            marked,
            primary.id,
        )
    owners: dict[str, str] = {}
    for document in ordered(documents):
        for name in document_names(document):
            first = owners.setdefault(fold_name(name), document.id)
            if first != document.id:
                log.warning("%r names both %s and %s: it means %s", name, first, document.id, first)
