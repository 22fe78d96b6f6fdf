"""The sentence that replaces an answer (empty question, no paragraph 99, nothing found): one
wording for the chat and the terminal, free of Telegram so the terminal stays quick to start."""

from __future__ import annotations

from bot.i18n import t
from index import Searcher, SearchResult


def notice(searcher: Searcher, result: SearchResult, lang: str) -> str:
    """Plain text, or '' when the result is an answer."""
    if result.reason == "empty":
        return t(lang, "empty", example=t(lang, "example_1"))
    if result.reason == "no_words":
        return t(lang, "no_words")
    if result.reason == "out_of_range":
        numbers = searcher.document().numbers
        return t(lang, "out_of_range", first=min(numbers), last=max(numbers), number=result.refs[0])
    if result.abstained:
        return t(lang, "abstain")
    return ""
