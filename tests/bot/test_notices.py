"""What a result amounts to, and the line said instead of or above the quote."""

import pytest

from bot.i18n import t
from bot.notices import verdict
from bot.view import notice
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
    closest = SearchResult("q", "fr", (HIT,), True, answer="closest")
    assert notice(closest, "fr") == t("fr", "closest")
    refused = SearchResult("q", "fr", (HIT,), True, answer="no")
    assert notice(refused, "fr") == t("fr", "abstain")
    assert notice(SearchResult("q", "fr", (HIT,), False), "fr") == ""
