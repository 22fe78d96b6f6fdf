"""What a search result amounts to: an answer, the closest paragraph, or nothing. Free of
Telegram, so the terminal stays quick to start."""

from __future__ import annotations

from index import SearchResult

YES, CLOSEST, NO = "yes", "closest", "no"
UNSEARCHED = ("empty", "no_words", "out_of_range")


def verdict(result: SearchResult) -> str:
    """``yes`` (the best hit answers), ``closest`` (on topic, but maybe not this question's
    answer) or ``no``. A refusal that still says ``yes`` is read as ``no``: the retrieval side
    may refuse before it grades how close the best paragraph is."""
    if not result.abstained:
        return YES
    if result.reason in UNSEARCHED or not result.hits:
        return NO
    return CLOSEST if result.answer == CLOSEST else NO
