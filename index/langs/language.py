"""What the retrieval stages know about one language, as one frozen record.

Each of ``en.py`` ... ``ar.py`` fills a ``Language``; the stages read these fields, not tables of
their own, so adding a word for "paragraph" or a stopword is a change to one language's module.
The answer kinds are named here because the language modules key their patterns by them and
``index/answertype.py`` reads them back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

COUNT = "count"
DATE = "date"
DOCUMENT = "document"
PERSON = "person"
PLACE = "place"
DECISION = "decision"
KINDS = (COUNT, DATE, DOCUMENT, PERSON, PLACE, DECISION)

# The bodies a meeting shorthand names (``index/shorthand.py`` holds their acronyms).
BODIES = ("owg", "acsu", "sfc", "cc", "gb", "cop", "sac", "tegfr")


@dataclass(frozen=True)
class Language:
    """One language's words and rules, as the stages use them."""

    code: str
    name: str
    # Tokenizer: words BM25 drops, how words are stemmed, spellings folded to one (after case).
    stopwords: frozenset[str]
    stem: Callable[[str], str]
    fold: Callable[[str], str]
    # Detection: frequent words and letters that tell a Latin-script language from the others
    # (empty where the script alone tells).
    common_words: frozenset[str]
    accents: frozenset[str]
    # Paragraph references: regex alternatives for a word that precedes the numbers ("párrafo"),
    # whole patterns with ``{numbers}`` / ``{digits}`` for where it follows or wraps them
    # (第26段), and the words between numbers of a list ("y") or a range ("to").
    paragraph_words: tuple[str, ...]
    paragraph_patterns: tuple[str, ...]
    list_words: tuple[str, ...]
    range_words: tuple[str, ...]
    # Ordinals 1-20 as the report's version writes them, each number's spellings (Russian:
    # stems); empty for Chinese, whose ordinals are 第 and a numeral.
    ordinals: tuple[tuple[str, ...], ...]
    # What the report calls each body of ``BODIES`` (a meeting of it), short.
    meeting_names: Mapping[str, str]
    # One pattern per answer kind of ``KINDS``: the question asks for that kind of answer.
    answer_types: Mapping[str, re.Pattern[str]]
    # Words that make "where" ask for a document, not a place ("where can I read ...").
    where_to_read: re.Pattern[str]


def patterns(**kinds: str) -> dict[str, re.Pattern[str]]:
    """Each kind's pattern compiled case-blind, as questions are typed in any case."""
    return {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in kinds.items()}


def snowball(algorithm: str) -> Callable[[str], str]:
    """Snowball's stemmer for ``algorithm`` (PyStemmer), loaded on the first word it stems."""

    @cache
    def stemmer():
        import Stemmer

        return Stemmer.Stemmer(algorithm)

    def stem(word: str) -> str:
        return stemmer().stemWord(word)

    stem.__qualname__ = f"snowball({algorithm!r})"
    return stem


def unchanged(word: str) -> str:
    """No stemming: Chinese words come from jieba whole."""
    return word
