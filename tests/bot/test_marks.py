"""Marks: which spans, cleaned whatever arrives, put between escaped pieces."""

import html

import pytest

from bot import cards
from bot.marks import clean, highlights, mark, unmark, within
from index import Hit, SearchResult
from tests.fake import bold_texts, parse_html, utf16_len


def test_clean_sorts_clips_merges_and_drops():
    assert clean([(8, 12), (0, 3), (2, 5), (5, 6), (20, 40), (7, 7), (-3, 1)], 30) == (
        (0, 6),
        (8, 12),
        (20, 30),
    )
    assert clean(None, 10) == () and clean([(4, 2)], 10) == ()


def test_within_cuts_and_shifts():
    assert within(((2, 6), (8, 20)), 5, 10) == ((0, 1), (3, 5))
    assert within(((2, 4),), 4, 10) == ()


@pytest.mark.parametrize(
    "span",
    [(0, 3), (2, 3), (3, 5), (4, 9), (9, 10), (10, 16), (0, 27), (16, 17), (17, 27)],
)
def test_a_mark_never_cuts_an_entity(span):
    text = "R&D <b> & Co. 5 > 3 \"q\" 'x'"
    markup = mark(text, [span], cards.esc, cards.BOLD)
    plain, _ = parse_html(markup, strict=True)
    assert plain == text  # nothing else altered, nothing cut
    assert bold_texts(markup) == [text[span[0] : span[1]]]
    assert unmark(markup, html.unescape, cards.BOLD) == (text, (span,))


def test_marks_count_in_utf16_like_telegram():
    text = "🌱 Seeds & 种子: 11.65万份."
    start = text.index("种子")
    markup = mark(text, [(start, len(text))], cards.esc, cards.BOLD)
    assert bold_texts(markup) == [text[start:]]
    assert utf16_len(parse_html(markup)[0]) == utf16_len(text)


def test_nothing_is_marked_for_a_paragraph_asked_by_number_or_no_answer():
    hit = Hit(26, 1.0, highlights={"en": ((0, 5),)})
    found = SearchResult("q", "en", (hit,), False)
    assert highlights(found, hit) == {"en": ((0, 5),)}
    assert highlights(SearchResult("para 26", "en", (hit,), False, refs=(26,)), hit) == {}
    assert highlights(SearchResult("q", "en", (hit,), True, answer="no"), hit) == {}
    closest = SearchResult("q", "en", (hit,), True, answer="closest")
    assert highlights(closest, hit) == {"en": ((0, 5),)}
