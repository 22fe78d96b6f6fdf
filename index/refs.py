"""Paragraph references in six languages: ``para 26``, ``¶26``, ``第26段``, ``пункт 26``.

A reference may name several paragraphs (``paras 26 and 27``, ``párrs. 26-28``, ``第26、27段``),
and Chinese may write the number in Chinese numerals (``第二十六段``).
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_HAN_NUMBER = r"[一二三四五六七八九十百零两]{1,5}"
_NUMBER = rf"(?:\d{{1,4}}|{_HAN_NUMBER})"
_SEPARATOR = r"\s*(?:,|、|，|-|–|—|至|到|和|及|与|and|to|y|e|et|à|и|или|و)\s*"
# More numbers after the first: "26, 27 and 28", "26-28", "26 y 27", "26 et 27", "26 и 27"
# (not a year: "para 12 and 2024" names one paragraph).
_NUMBERS = rf"({_NUMBER}(?:{_SEPARATOR}(?:\d{{1,3}}|{_HAN_NUMBER}))*)(?![\d.])"
_DIGIT_NUMBERS = rf"(\d{{1,4}}(?:{_SEPARATOR}\d{{1,3}})*)(?![\d.])"
_PATTERNS = [
    # English, Spanish, French, Russian: a word for "paragraph" before the numbers.
    r"(?<![\w])(?P<word>paras?|paragraphs?|par|párrafos?|parrafos?|párrs?|parrs?|parágrafos?|"
    r"paragraphes?|§§?|¶¶?|пункт(?:а|е|у|ом|ы|ов|ах|ам|ами)?|пп?|абзац(?:а|е|ы|ах)?)"
    rf"(?P<dot>\.?)\s*(?:n(?:o|°|º)?\.?\s*)?{_NUMBERS}",
    # Chinese: 第26段 / 第 26 段 / 26段 / 第二十六段 / 第26、27段; Chinese numerals only after
    # 第, since "一段" is also "a stretch (of time)".
    rf"第\s*{_NUMBERS}\s*段",
    rf"{_DIGIT_NUMBERS}\s*段",
    # Arabic: الفقرة 26 / فقرة 26 / الفقرتين 26 و27.
    rf"(?:ال)?فقر(?:ة|ه|ات|تين|تان)\s*(?:رقم\s*)?{_NUMBERS}",
]
_REFERENCE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*[#¶§]?\s*(\d{1,4})\s*[.?!]?\s*$")
_ONE_NUMBER = re.compile(_NUMBER)
_RANGE = re.compile(rf"({_NUMBER})\s*(?:-|–|—|至|到|to)\s*({_NUMBER})")
MAX_RANGE = 10  # "paras 26-28" names each; a wider span is more likely a typo than a request


# Also words: Spanish "para" is "for" ("presupuesto para 2026-2027"), French "par" is "by"
# ("ratifié par 154 pays"). Outside English they refer to a paragraph only with a dot ("par.")
# or as the whole question ("para 26").
_AMBIGUOUS = {"para", "par"}


def find_references(text: str, lang: str = "en") -> list[int]:
    """Paragraph numbers the text, written in ``lang``, asks for, in order, each once (range
    not checked here)."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    bare = _BARE_NUMBER.match(text)
    if bare:
        return [int(bare.group(1))]
    found: list[int] = []
    for m in _REFERENCE.finditer(text):
        word = m.group("word")
        if (
            word is not None
            and word.lower() in _AMBIGUOUS
            and lang != "en"
            and not m.group("dot")
            and m.group(0) != text.strip(" ?.!¿¡")
        ):
            continue
        numbers = next(
            g for i, g in enumerate(m.groups(), 1) if g and i not in _REFERENCE.groupindex.values()
        )
        for number in _expand(numbers):
            if number not in found:
                found.append(number)
    return found


def _expand(numbers: str) -> list[int]:
    spans = {m.start(): m for m in _RANGE.finditer(numbers)}
    out: list[int] = []
    position = 0
    for m in _ONE_NUMBER.finditer(numbers):
        if m.start() < position:
            continue
        span = spans.get(m.start())
        first = _value(m.group())
        if span is not None:
            last = _value(span.group(2))
            if 0 <= last - first <= MAX_RANGE:
                out.extend(range(first, last + 1))
                position = span.end()
                continue
        out.append(first)
    return out


def _value(number: str) -> int:
    """``26`` or Chinese numerals up to the hundreds: ``二十六`` 26, ``十`` 10, ``一百零三`` 103."""
    if number.isdigit():
        return int(number)
    total, current = 0, 0
    for char in number:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _HAN_DIGITS[char]
    return total + current
