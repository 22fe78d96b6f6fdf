"""What a search result amounts to (an answer, the closest paragraph, or nothing) and the sentence
said instead of or above a quote: one wording for the chat and the terminal, free of Telegram so
the terminal stays quick to start."""

from __future__ import annotations

from bot.i18n import t
from index import Searcher, SearchResult

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


def notice(searcher: Searcher, result: SearchResult, lang: str) -> str:
    """Plain text, or '' when the result is an answer. For ``closest``, the hedge said above the
    paragraph; for ``no``, the notice said instead of it."""
    if result.reason == "empty":
        return t(lang, "empty", example=t(lang, "example_1"))
    if result.reason == "no_words":
        return t(lang, "no_words")
    if result.reason == "out_of_range":
        numbers = searcher.document().numbers
        return t(lang, "out_of_range", first=min(numbers), last=max(numbers), number=result.refs[0])
    if result.abstained:
        return t(lang, "closest" if verdict(result) == CLOSEST else "abstain")
    return ""
