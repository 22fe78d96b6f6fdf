"""The records that flow from the knowledge folder to the bot: documents, paragraphs, hits."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Footnote:
    number: int
    titles: tuple[str, ...]
    urls: tuple[str, ...]

    @property
    def links(self) -> tuple[Link, ...]:
        """One link per URL; a footnote with fewer titles than URLs reuses its last title."""
        if not self.titles:
            return tuple(Link(url, url) for url in self.urls)
        return tuple(
            Link(self.titles[min(i, len(self.titles) - 1)], url) for i, url in enumerate(self.urls)
        )


@dataclass(frozen=True)
class Heading:
    id: str
    level: int
    text: str
    numeral: str = ""


@dataclass(frozen=True)
class Paragraph:
    """One language version of one numbered paragraph."""

    doc: str
    number: int
    section: tuple[str, ...]
    lang: str
    text: str
    links: tuple[Link, ...] = ()
    footnotes: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    official: bool = True

    @property
    def section_path(self) -> str:
        return SECTION_SEPARATOR.join(self.section)


@dataclass(frozen=True)
class Version:
    """A language version of a document: the official text or a working translation."""

    lang: str
    file: str
    official: bool
    url: str = ""
    symbol: str = ""


@dataclass(frozen=True)
class Document:
    """One folder of the knowledge: its manifest (``meta.json``) and its paragraphs.

    ``primary`` is what the manifest says; ``Library.primary`` is the one document a bare
    reference means. ``aliases`` are short names a delegate may use for it ("report").
    """

    id: str
    title: dict[str, str]
    symbol: str
    session: str
    agenda_item: str
    date: str
    publisher: str
    url: str
    official_lang: str
    versions: dict[str, Version] = field(default_factory=dict)
    paragraphs: tuple[Paragraph, ...] = ()
    session_name: dict[str, str] = field(default_factory=dict)
    primary: bool = False
    aliases: tuple[str, ...] = ()

    def paragraph(self, number: int, lang: str | None = None) -> Paragraph | None:
        lang = lang or self.official_lang
        for p in self.paragraphs:
            if p.number == number and p.lang == lang:
                return p
        return None

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.paragraphs if p.lang == self.official_lang)

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, else in English, else in the official language, else the id."""
        return (
            self.title.get(lang)
            or self.title.get("en")
            or self.title.get(self.official_lang)
            or self.id
        )

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.lang for p in self.paragraphs))


Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """A ranked paragraph: its number, score and the evidence behind it, and what a caller needs
    to show it without asking the index again: its document (``doc``, its id, and ``document``,
    its record), its ``versions`` (language -> record, the official one first) and ``also_in``,
    the other documents that have a paragraph of the same number (in ``Library.documents``
    order), for a caller to offer them.

    ``highlights`` maps a language version to the character spans, in that version's ``text``,
    of the sentences that best answer the question (empty for a paragraph asked for by number).
    """

    number: int
    score: float
    evidence: dict[str, float] = field(default_factory=dict)
    doc: str = ""
    highlights: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    versions: dict[str, Paragraph] = field(default_factory=dict, repr=False)
    document: Document | None = field(default=None, repr=False, compare=False)
    also_in: tuple[str, ...] = ()
