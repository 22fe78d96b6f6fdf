"""The documents and their paragraphs, looked up by key: what a hit points to and the bot shows.

Positions are ids: paragraph version ``i`` is ``paragraphs[i]``; a unit is one numbered
paragraph of one document, all its language versions together.
"""

from __future__ import annotations

import numpy as np

from index.records import Document, Paragraph


class Library:
    def __init__(self, documents: list[Document], paragraphs: list[Paragraph]) -> None:
        self.documents = documents
        self.paragraphs = paragraphs
        self.units: list[tuple[str, int]] = list(
            dict.fromkeys((p.doc, p.number) for p in paragraphs)
        )
        self._index = {u: i for i, u in enumerate(self.units)}
        unit_of = self._index
        self.unit_of = np.array([unit_of[(p.doc, p.number)] for p in paragraphs], dtype=np.int64)
        self.numbers = frozenset(n for _, n in self.units)
        self._versions: list[dict[str, Paragraph]] = [{} for _ in self.units]
        self._positions: list[dict[str, int]] = [{} for _ in self.units]
        for i, (p, unit) in enumerate(zip(paragraphs, self.unit_of, strict=True)):
            self._versions[int(unit)][p.lang] = p
            self._positions[int(unit)][p.lang] = i
        self._by_doc = {d.id: d for d in documents}

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.lang for p in self.paragraphs))

    def document(self, doc: str | None = None) -> Document | None:
        if doc is None:
            return self.documents[0] if self.documents else None
        return self._by_doc.get(doc)

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
        document = self.document(doc)
        unit = self._index.get((document.id, number)) if document else None
        return {} if unit is None else self.unit_versions(unit)

    def paragraph(
        self, number: int, lang: str | None = None, doc: str | None = None
    ) -> Paragraph | None:
        document = self.document(doc)
        p = document.paragraph(number, lang) if document else None
        return p or (document.paragraph(number) if document else None)
