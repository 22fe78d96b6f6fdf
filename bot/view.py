"""What an answer shows, decided once for the three renderers: Telegram HTML (``bot/cards.py``),
plain text (``bot/terminal.py``) and JSON (``bot/json_result.py``).

A view reads only the search result and the records its hits carry (their versions and their
document); a paragraph asked for by number comes from the index's library, looked up by key.
No renderer asks the searcher anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import t
from bot.marks import Marks, highlights
from bot.notices import CLOSEST, NO, UNSEARCHED, verdict
from index import Document, Hit, Library, Link, Paragraph, SearchResult

ALTERNATIVES = 4  # paragraphs offered as buttons under a card
OTHERS = 2  # paragraphs named besides the quote (or instead of it)


@dataclass(frozen=True)
class DocumentView:
    """A document as a reader sees it listed: its title, the name it is cited by, its link, its
    paragraphs, and the short name ``/para`` takes for it."""

    doc: str
    title: str  # in the reader's language
    name: str  # as cited: the symbol, else the title
    url: str  # may be empty: no link is invented
    first: int
    last: int
    handle: str  # what a delegate types to name it (an alias, else the symbol, else the id)


@dataclass(frozen=True)
class QuoteView:
    """One paragraph as shown to a reader: the official text, the reader's version when it is
    another, the marks, the sources and the citation."""

    doc: str
    number: int
    lang: str  # the reader's language
    section: str  # the section path in the reader's version
    official: Paragraph
    reader: Paragraph | None  # None when the reader reads the official text
    versions: dict[str, Paragraph]
    marks: Marks
    title: str  # the document's title in the reader's language
    url: str  # the document's (or this version's) own link; may be empty
    links: tuple[Link, ...]
    notes: tuple[str, ...]
    citation: str
    numbers: tuple[int, ...]  # the document's paragraphs, for previous/next
    name: str = ""  # the document as cited: its symbol, else its title
    # Other documents that have a paragraph of this number, offered as buttons under a
    # paragraph asked for by a bare number (which went to the primary document).
    elsewhere: tuple[DocumentView, ...] = ()

    @property
    def shown(self) -> Paragraph:
        return self.reader or self.official


@dataclass(frozen=True)
class AnswerView:
    """The reply to a question: a quote (an answer, or the closest paragraph under a hedge), or
    a notice with the nearest paragraphs."""

    lang: str
    verdict: str  # "yes", "closest" or "no"
    notice: str  # said above a "closest" quote, or instead of a quote; "" for an answer
    cut: bool
    unsearched: bool  # empty, wordless or out of range: nothing to offer
    quote: QuoteView | None = None
    # The paragraphs offered besides the quote: for "no", the two nearest; else the next two.
    others: tuple[QuoteView, ...] = ()
    alternatives: tuple[int, ...] = ()  # the card's "other matches" buttons


def cited_name(document: Document, lang: str, version_lang: str = "") -> str:
    """What a citation names: the version's symbol, else the document's, else its title in the
    reader's language."""
    version = document.versions.get(version_lang)
    symbol = (version.symbol if version and version.symbol else "") or document.symbol
    return symbol or document.title_in(lang)


def citation(document: Document, lang: str, version_lang: str, number: int) -> str:
    """The one citation line, in the reader's language: "IT/GB-11/25/18, para. 26",
    "IT/GB-11/25/18, párr. 26", "IT/GB-11/25/18，第26段"... (the forms are the i18n tables')."""
    return t(lang, "cite", name=cited_name(document, lang, version_lang), number=number)


def document_view(document: Document, lang: str) -> DocumentView:
    version = document.versions.get(document.official_lang)
    numbers = document.numbers or (0,)
    handle = next((a for a in document.aliases if a.strip()), "") or document.symbol or document.id
    return DocumentView(
        doc=document.id,
        title=document.title_in(lang),
        name=cited_name(document, lang, document.official_lang),
        url=document.url or (version.url if version else ""),
        first=min(numbers),
        last=max(numbers),
        handle=handle,
    )


def document_views(library: Library, lang: str) -> list[DocumentView]:
    """Every document, the primary first, for ``/docs`` and the empty inline query."""
    return [document_view(d, lang) for d in library.documents]


def quote_view(
    versions: dict[str, Paragraph],
    document: Document,
    lang: str,
    marks: Marks | None = None,
    elsewhere: tuple[Document, ...] = (),
) -> QuoteView:
    """A paragraph's view for a reader of ``lang`` from its versions (official first);
    ``elsewhere``: other documents to offer that have a paragraph of the same number."""
    official = versions.get(document.official_lang) or next(iter(versions.values()))
    reader = versions.get(lang)
    reader = None if reader is None or reader is official else reader
    shown = reader or official
    version = document.versions.get(shown.lang)
    return QuoteView(
        doc=document.id,
        number=official.number,
        lang=lang,
        section=shown.section_path,
        official=official,
        reader=reader,
        versions=versions,
        marks=dict(marks or {}),
        title=document.title_in(lang),
        url=(version.url if version and version.url else "") or document.url,
        links=shown.links,
        notes=shown.notes,
        citation=citation(document, lang, shown.lang, official.number),
        numbers=document.numbers,
        name=cited_name(document, lang, shown.lang),
        elsewhere=tuple(document_view(d, lang) for d in elsewhere),
    )


def hit_view(
    result: SearchResult, hit: Hit, lang: str, library: Library | None = None
) -> QuoteView:
    """A hit's view; with the ``library``, a paragraph asked for by a bare number offers the
    other documents that have that number."""
    elsewhere: tuple[Document, ...] = ()
    if library is not None and "reference" in hit.evidence and not result.named:
        elsewhere = tuple(d for doc in hit.also_in if (d := library.document(doc)))
    return quote_view(hit.versions, hit.document, lang, highlights(result, hit), elsewhere)


def answer_view(result: SearchResult, lang: str, library: Library | None = None) -> AnswerView:
    kind = verdict(result)
    unsearched = result.reason in UNSEARCHED or not result.hits
    text = notice(result, lang)
    if unsearched:
        return AnswerView(lang, NO, text, result.cut, True)
    # A card's buttons move within its document: its other matches are the best hits of it.
    doc = result.hits[0].doc
    alternatives = tuple(h.number for h in result.hits[:ALTERNATIVES] if h.doc == doc)
    if kind == NO:
        nearest = tuple(hit_view(result, h, lang) for h in result.hits[:OTHERS])
        return AnswerView(lang, NO, text, result.cut, False, None, nearest, alternatives)
    quote = hit_view(result, result.hits[0], lang, library)
    others = tuple(hit_view(result, h, lang) for h in result.hits[1 : 1 + OTHERS])
    return AnswerView(lang, kind, text, result.cut, False, quote, others, alternatives)


def notice(result: SearchResult, lang: str) -> str:
    """Plain text, or '' when the result is an answer. For ``closest``, the hedge said above the
    paragraph; for ``no``, the notice said instead of it."""
    if result.reason == "empty" or (result.reason not in UNSEARCHED and not result.hits):
        return t(lang, "empty", example=t(lang, "example_1"))
    if result.reason == "no_words":
        return t(lang, "no_words")
    if result.reason == "unknown_document":
        return t(lang, "unknown_document", name=result.named)
    if result.reason == "out_of_range":
        document = result.document or next((h.document for h in result.hits if h.document), None)
        return out_of_range(document, lang, result.refs[0])
    if result.abstained:
        return t(lang, "closest" if verdict(result) == CLOSEST else "abstain")
    return ""


def out_of_range(document: Document | None, lang: str, number: int) -> str:
    """The notice for a paragraph number ``document`` does not have."""
    if document is None:
        return t(lang, "out_of_range", document="", first=0, last=0, number=number)
    numbers = document.numbers or (0,)
    name = cited_name(document, lang, document.official_lang)
    return t(
        lang, "out_of_range", document=name, first=min(numbers), last=max(numbers), number=number
    )


def section_views(library: Library, lang: str) -> list[QuoteView]:
    """The first paragraph of each section (the deepest heading above it) of each document, in
    library order."""
    views = []
    for document in library.documents:
        seen = set()
        for number in document.numbers:
            versions = library.versions(number, document.id)
            section = versions[document.official_lang].section
            if section not in seen:
                seen.add(section)
                views.append(quote_view(versions, document, lang))
    return views
