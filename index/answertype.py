"""What a question asks for (a count or amount, a date, a place, a document, a person) and
what a paragraph gives.

A question that asks "how many", "when", "in which document" or "who is the chair" is not
answered by a paragraph that holds no figure, no date, no document symbol or no person's name,
however close its topic ("How much did Norway give?" against the paragraph that thanks Norway):
the abstention model reads that mismatch, and among close paragraphs the one that gives the kind
of answer asked ranks a little higher. A question on what the Governing Body is asked to do is
answered by the paragraph that opens with the document's invitation formula. A question is read
with its own language's patterns (``index/langs/``) only: each language keeps its interrogatives
in one place, and a question is not taken to ask for what another language's word would ask.
"""

from __future__ import annotations

import re
import unicodedata

from index.langs import language
from index.langs.language import COUNT, DATE, DECISION, DOCUMENT, PERSON, PLACE

__all__ = ["COUNT", "DATE", "DECISION", "DOCUMENT", "PERSON", "PLACE", "asked", "given"]

_RESOLUTION = r"\d+/\d{4}"  # 17/2023
_YEAR_RANGE = r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2,4}\s*年?"  # the biennium, 2024-2025
# Digits that are not a count or an amount: document and resolution symbols, years and year
# ranges, days and months, ordinals, annex, agenda item and article numbers.
_NOT_A_COUNT = re.compile(
    r"[A-Za-z][A-Za-z0-9./-]*\d[A-Za-z0-9./-]*"
    r"|\d+(?:\.\d+)*\s*号"
    rf"|{_RESOLUTION}|{_YEAR_RANGE}"
    r"|(?:19|20)\d{2}\s*年?"
    r"|\d{1,2}(?:\s*[-–至]\s*\d{1,2})?\s*[月日]"
    r"|(?:第|附件|议题)\s*\d+(?:\.\d+)*"
    r"|\d+(?:\.\d+)*\s*条"
)
# Small counts are written in Chinese numerals ("两次罗马线下会议", two meetings in Rome); not
# ordinals (第十次), and "一" only in "一次", since "一个/一份/一场" mostly mean "a".
_HAN_COUNT = re.compile(
    r"(?<![第一二三四五六七八九十百千两])(?:[两二三四五六七八九十百千][一二三四五六七八九十百千]*|一(?=次))"
    r"(?:个|名|份|项|次|家|位|场|轮|种|类|批)"
)
_NOT_A_DATE = re.compile(f"{_RESOLUTION}|{_YEAR_RANGE}")
_DATE = re.compile(r"\d{1,2}\s*月|(?:19|20)\d{2}\s*年")
# A document symbol, or a report named by its title (《…报告》, 《…》第三份报告).
_DOCUMENT = re.compile(r"IT/GB-|\d\s*号文件|《[^》]*报告》|》第[一二三四五六七八九十]+份报告")
# A meeting held online has its answer to "where".
_ONLINE = re.compile(r"线上|在线|网上|网络会议|视频会议")
# A person is named with a title or an honorific; the report names offices, never holders.
_PERSON = re.compile(r"先生|女士|博士|阁下|教授|大使")
# The formula that opens what a document asks of the Governing Body ("The GB is invited to:").
_DECISION = re.compile(r"提请管理机构")


def asked(question: str, lang: str) -> frozenset[str]:
    """The kinds of answer the question, written in ``lang``, asks for (empty for most)."""
    text = unicodedata.normalize("NFKC", question)
    own = language(lang)
    kinds = {kind for kind, pattern in own.answer_types.items() if pattern.search(text)}
    # "Where can I read/find ..." asks for a document or a page, not a place.
    if PLACE in kinds and own.where_to_read.search(text):
        kinds.discard(PLACE)
    return frozenset(kinds)


def given(official_text: str, places: tuple[str, ...] = ()) -> frozenset[str]:
    """The kinds of answer a paragraph's official (Chinese) text holds: a figure that counts
    something (in digits or in Chinese numerals), a date (a month, or a year that is not the
    biennium's range), a place (one of ``places``, the glossary's Chinese place names, or
    "online"), a document symbol or a report's title, a person's name, what the Governing Body
    is invited to do."""
    kinds = set()
    if _ONLINE.search(official_text) or any(place in official_text for place in places):
        kinds.add(PLACE)
    if re.search(r"\d", _NOT_A_COUNT.sub(" ", official_text)) or _HAN_COUNT.search(official_text):
        kinds.add(COUNT)
    if _DATE.search(_NOT_A_DATE.sub(" ", official_text)):
        kinds.add(DATE)
    if _DOCUMENT.search(official_text):
        kinds.add(DOCUMENT)
    if _PERSON.search(official_text):
        kinds.add(PERSON)
    if _DECISION.search(official_text):
        kinds.add(DECISION)
    return frozenset(kinds)
