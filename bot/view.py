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


def citation(document: Document, lang: str, reader_lang: str, number: int) -> str:
    """How to cite the paragraph: the version's symbol, else the document's, else its title;
    the session; the paragraph number."""
    version = document.versions.get(reader_lang)
    symbol = (version.symbol if version and version.symbol else "") or document.symbol
    title = document.title.get(lang) or document.title.get("en") or document.id
    session = document.session_name.get(lang) or document.session
    return f"{symbol or title}, {session}, para. {number}"


def quote_view(
    versions: dict[str, Paragraph], document: Document, lang: str, marks: Marks | None = None
) -> QuoteView:
    """A paragraph's view for a reader of ``lang`` from its versions (official first)."""
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
        title=document.title.get(lang) or document.title.get("en") or document.id,
        url=(version.url if version and version.url else "") or document.url,
        links=shown.links,
        notes=shown.notes,
        citation=citation(document, lang, shown.lang, official.number),
        numbers=document.numbers,
    )


def hit_view(result: SearchResult, hit: Hit, lang: str) -> QuoteView:
    return quote_view(hit.versions, hit.document, lang, highlights(result, hit))


def answer_view(result: SearchResult, lang: str) -> AnswerView:
    kind = verdict(result)
    unsearched = result.reason in UNSEARCHED or not result.hits
    text = notice(result, lang)
    if unsearched:
        return AnswerView(lang, NO, text, result.cut, True)
    alternatives = tuple(h.number for h in result.hits[:ALTERNATIVES])
    if kind == NO:
        nearest = tuple(hit_view(result, h, lang) for h in result.hits[:OTHERS])
        return AnswerView(lang, NO, text, result.cut, False, None, nearest, alternatives)
    quote = hit_view(result, result.hits[0], lang)
    others = tuple(hit_view(result, h, lang) for h in result.hits[1 : 1 + OTHERS])
    return AnswerView(lang, kind, text, result.cut, False, quote, others, alternatives)


def notice(result: SearchResult, lang: str) -> str:
    """Plain text, or '' when the result is an answer. For ``closest``, the hedge said above the
    paragraph; for ``no``, the notice said instead of it."""
    if result.reason == "empty" or (result.reason not in UNSEARCHED and not result.hits):
        return t(lang, "empty", example=t(lang, "example_1"))
    if result.reason == "no_words":
        return t(lang, "no_words")
    if result.reason == "out_of_range":
        document = next((h.document for h in result.hits if h.document), None)
        numbers = document.numbers if document else (0,)
        return t(lang, "out_of_range", first=min(numbers), last=max(numbers), number=result.refs[0])
    if result.abstained:
        return t(lang, "closest" if verdict(result) == CLOSEST else "abstain")
    return ""


def section_views(library: Library, lang: str) -> list[QuoteView]:
    """The first paragraph of each section (the deepest heading above it), in order."""
    document = library.document()
    views, seen = [], set()
    for number in document.numbers:
        versions = library.versions(number)
        section = versions[document.official_lang].section
        if section not in seen:
            seen.add(section)
            views.append(quote_view(versions, document, lang))
    return views
