"""What a result amounts to, and the line said instead of or above the quote."""

import pytest

from bot.i18n import t
from bot.notices import notice, verdict
from index import Hit, SearchResult

HIT = Hit(26, 1.0)


@pytest.mark.parametrize(
    ("abstained", "answer", "reason", "expected"),
    [
        (False, "yes", "", "yes"),
        (True, "closest", "", "closest"),
        (True, "no", "", "no"),
        (True, "yes", "", "no"),  # a refusal not yet graded by the retrieval side
        (True, "closest", "no_words", "no"),  # emoji alone: never a paragraph
    ],
)
def test_verdict(abstained, answer, reason, expected):
    result = SearchResult("q", "en", (HIT,), abstained, reason=reason, answer=answer)
    assert verdict(result) == expected


def test_verdict_without_hits_is_no():
    assert verdict(SearchResult("", "en", (), True, reason="empty", answer="closest")) == "no"


def test_notice_hedges_the_closest_paragraph():
    searcher = None  # only a paragraph number out of range asks the searcher
    closest = SearchResult("q", "fr", (HIT,), True, answer="closest")
    assert notice(searcher, closest, "fr") == t("fr", "closest")
    refused = SearchResult("q", "fr", (HIT,), True, answer="no")
    assert notice(searcher, refused, "fr") == t("fr", "abstain")
    assert notice(searcher, SearchResult("q", "fr", (HIT,), False), "fr") == ""
