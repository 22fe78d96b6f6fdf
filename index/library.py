"""The documents and their paragraphs, looked up by key: what a hit points to and the bot shows.

Positions are ids: paragraph version ``i`` is ``paragraphs[i]``; a unit is one numbered
paragraph of one document, all its language versions together, keyed ``(doc, number)``. Two
documents may both have a paragraph 3: a number alone names a paragraph of the primary document
(or, where it has none, of the first document that does), so every lookup takes the document's id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from index.records import Document, Paragraph
from index.script import HAN

# What a document name may not be glued to: "IT/GB-11/25/6" is not "IT/GB-11/25/6/Inf.1" or
# "IT/GB-11/25/6.2", and "report" is not "reports".
_BEFORE = r"(?<![\w/.-])"
_AFTER = r"(?![\w/-]|\.\d)"
_HAN_CHAR = re.compile(f"[{HAN}]")


def choose_primary(documents: Sequence[Document]) -> tuple[Document, str]:
    """The primary document, and how it was chosen: ``"marked"`` (the one whose ``meta.json``
    says ``"primary": true``), ``"only"`` (the only document), or, when several or none are
    marked, ``"most paragraphs"``: among the marked ones (or all), the one with the most
    paragraphs, then the smallest id. Never the folders' name order: a folder added beside the
    report must not change which document ``para 26`` means."""
    if not documents:
        raise ValueError("no documents: a library needs at least one")
    marked = [d for d in documents if d.primary]
    if len(marked) == 1:
        return marked[0], "marked"
    if len(documents) == 1:
        return documents[0], "only"
    return min(marked or documents, key=lambda d: (-len(d.numbers), d.id)), "most paragraphs"


def ordered(documents: Sequence[Document]) -> list[Document]:
    """The order of ``Library.documents``: the primary first, then by id."""
    primary, _ = choose_primary(documents)
    return sorted(documents, key=lambda d: (d is not primary, d.id))


def document_names(document: Document) -> tuple[str, ...]:
    """What a delegate may call a document: its id, symbol, its versions' symbols, its aliases."""
    names = [document.id, document.symbol, *(v.symbol for v in document.versions.values())]
    return tuple(dict.fromkeys(n for n in [*names, *document.aliases] if n.strip()))


def fold_name(name: str) -> str:
    """A name as compared: width, case and runs of spaces folded."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class Library:
    """``documents`` in a fixed order, the primary first, then by id; the paragraphs by key."""

    def __init__(self, documents: list[Document], paragraphs: list[Paragraph]) -> None:
        self.documents = ordered(documents)
        self.primary = self.documents[0]
        self.paragraphs = paragraphs
        self.units: list[tuple[str, int]] = list(
            dict.fromkeys((p.doc, p.number) for p in paragraphs)
        )
        self._index = {u: i for i, u in enumerate(self.units)}
        self.unit_of = np.array(
            [self._index[(p.doc, p.number)] for p in paragraphs], dtype=np.int64
        )
        self._versions: list[dict[str, Paragraph]] = [{} for _ in self.units]
        self._positions: list[dict[str, int]] = [{} for _ in self.units]
        for i, (p, unit) in enumerate(zip(paragraphs, self.unit_of, strict=True)):
            self._versions[int(unit)][p.lang] = p
            self._positions[int(unit)][p.lang] = i
        self._by_doc = {d.id: d for d in self.documents}
        order = {d.id: i for i, d in enumerate(self.documents)}
        holders: dict[int, list[str]] = {}
        for doc, number in self.units:
            holders.setdefault(number, []).append(doc)
        self._holders = {
            n: tuple(sorted(docs, key=lambda d: order.get(d, len(order))))
            for n, docs in holders.items()
        }
        # A name two documents share means the first of them, in library order.
        self._names: dict[str, str] = {}
        for d in self.documents:
            for name in document_names(d):
                self._names.setdefault(fold_name(name), d.id)
        self._named = _names_pattern(self._names)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.lang for p in self.paragraphs))

    def document(self, doc: str | None = None) -> Document | None:
        """The document of id ``doc`` (None if there is none); with no id, the primary."""
        if doc is None:
            return self.primary
        return self._by_doc.get(doc)

    def resolve(self, name: str) -> str | None:
        """The id of the document called ``name`` (its id, symbol or an alias, in any case and
        width), or None."""
        return self._names.get(fold_name(name))

    def named_in(self, text: str) -> tuple[str, str] | None:
        """The document a question names, as ``(doc id, the name as written)``: the longest
        known name in the text (the first of equally long ones), or None."""
        if self._named is None:
            return None
        found = [
            (doc, m.group(0))
            for m in self._named.finditer(unicodedata.normalize("NFKC", text))
            if (doc := self._names.get(fold_name(m.group(0))))
        ]
        return max(found, key=lambda f: len(f[1]), default=None)

    def holders(self, number: int) -> tuple[str, ...]:
        """The documents that have a paragraph ``number``, in ``documents`` order."""
        return self._holders.get(number, ())

    def locate(self, number: int, doc: str | None = None) -> str | None:
        """The document a reference to paragraph ``number`` goes to: ``doc`` if it has that
        paragraph; with no ``doc``, the primary if it has it, else the first other document that
        does; None where no document asked has it."""
        if doc is not None:
            return doc if (doc, number) in self._index else None
        return next(iter(self.holders(number)), None)

    def unit(self, doc: str, number: int) -> int | None:
        """The position of paragraph ``number`` of document ``doc`` among ``units``."""
        return self._index.get((doc, number))

    def unit_versions(self, unit: int) -> dict[str, Paragraph]:
        """Every language version of a unit, the document's official language first."""
        found = self._versions[unit]
        document = self._by_doc.get(self.units[unit][0])
        official = document.official_lang if document else ""
        return dict(sorted(found.items(), key=lambda kv: kv[0] != official))

    def unit_positions(self, unit: int) -> dict[str, int]:
        """Each language version's position among ``paragraphs``."""
        return self._positions[unit]

    def versions(self, number: int, doc: str | None = None) -> dict[str, Paragraph]:
        """Every language version of paragraph ``number`` of ``doc`` (the primary by default),
        official first; empty where that document has no such paragraph."""
        unit = self.unit(doc or self.primary.id, number)
        return {} if unit is None else self.unit_versions(unit)

    def paragraph(
        self, number: int, lang: str | None = None, doc: str | None = None
    ) -> Paragraph | None:
        """Paragraph ``number`` of ``doc`` (the primary by default) in ``lang``, else in the
        official language; None where that document has no such paragraph."""
        document = self.document(doc)
        if document is None:
            return None
        return document.paragraph(number, lang) or document.paragraph(number)


def _names_pattern(names: dict[str, str]) -> re.Pattern | None:
    """One pattern for every name, longest first; Chinese names match anywhere, the others as
    whole words."""
    if not names:
        return None
    parts = []
    for name in sorted(names, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(word) for word in name.split())
        parts.append(escaped if _HAN_CHAR.search(name) else f"{_BEFORE}{escaped}{_AFTER}")
    return re.compile("|".join(parts), re.IGNORECASE)
