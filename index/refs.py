"""Paragraph references in six languages: ``para 26``, ``¶26``, ``第26段``, ``пункт 26``.

A reference may name several paragraphs (``paras 26 and 27``, ``párrs. 26-28``, ``第26、27段``),
and Chinese may write the number in Chinese numerals (``第二十六段``). Each language's words for
"paragraph", "and" and "to" are its own (``index/langs/``); a question is read with all six
languages' words, since a delegate types "para 26" or "¶26" whatever language the rest is in.
A question may also name a document by its symbol (``IT/GB-11/25/6 para 3``): ``find_symbols``
finds the strings shaped like one, for the library to say whether it holds that document.
"""

from __future__ import annotations

import re
import unicodedata

from index.langs import LANGUAGES
from index.script import han_value, western_digits

_HAN_NUMBER = r"[一二三四五六七八九十百零两]{1,5}"
_NUMBER = rf"(?:\d{{1,4}}|{_HAN_NUMBER})"
_LIST_WORDS = [w for lang in LANGUAGES.values() for w in lang.list_words]
_SEPARATOR = r"\s*(?:" + "|".join([",", "、", "，", "-", "–", "—", *_LIST_WORDS]) + r")\s*"
# More numbers after the first: "26, 27 and 28", "26-28", "26 y 27", "26 et 27", "26 и 27"
# (not a year: "para 12 and 2024" names one paragraph).
_NUMBERS = rf"({_NUMBER}(?:{_SEPARATOR}(?:\d{{1,3}}|{_HAN_NUMBER}))*)(?![\d.])"
_DIGIT_NUMBERS = rf"(\d{{1,4}}(?:{_SEPARATOR}\d{{1,3}})*)(?![\d.])"
_WORDS = ["§§?", "¶¶?", *(w for lang in LANGUAGES.values() for w in lang.paragraph_words)]
_PATTERNS = [
    # A word for "paragraph" before the numbers (English, Spanish, French, Russian).
    rf"(?<![\w])(?P<word>{'|'.join(_WORDS)})(?P<dot>\.?)\s*(?:n(?:o|°|º)?\.?\s*)?{_NUMBERS}",
    # Where the word follows the numbers or wraps them (Chinese 第26段, Arabic الفقرة 26).
    *(
        pattern.replace("{numbers}", _NUMBERS).replace("{digits}", _DIGIT_NUMBERS)
        for lang in LANGUAGES.values()
        for pattern in lang.paragraph_patterns
    ),
]
_REFERENCE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*[#¶§]?\s*(\d{1,4})\s*[.?!]?\s*$")
_ONE_NUMBER = re.compile(_NUMBER)
_RANGE_WORDS = [w for lang in LANGUAGES.values() for w in lang.range_words]
_RANGE = re.compile(rf"({_NUMBER})\s*(?:{'|'.join(['-', '–', '—', *_RANGE_WORDS])})\s*({_NUMBER})")
MAX_RANGE = 10  # "paras 26-28" names each; a wider span is more likely a typo than a request


# A UN or FAO document symbol: capitals, then at least two more parts after slashes, with a
# figure somewhere (IT/GB-11/25/6, IT/GB-11/25/6/Inf.1, CGRFA-19/23/3); a sentence's full stop
# after it is not part of it.
_SYMBOL = re.compile(
    r"(?<![\w/.-])(?=[^\s]*\d)[A-Z]{2,}[A-Za-z0-9.-]*(?:/[A-Za-z0-9][A-Za-z0-9.-]*){2,}"
)


# English's short forms are also words: Spanish "para" is "for" ("presupuesto para 2026-2027"),
# French "par" is "by" ("ratifié par 154 pays"). Outside English they refer to a paragraph only
# with a dot ("par.") or as the whole question ("para 26").
_AMBIGUOUS = {"para", "par"}


def find_references(text: str, lang: str = "en") -> list[int]:
    """Paragraph numbers the text, written in ``lang``, asks for, in order, each once (range
    not checked here)."""
    text = western_digits(unicodedata.normalize("NFKC", text))
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
        first = han_value(m.group())
        if span is not None:
            last = han_value(span.group(2))
            if 0 <= last - first <= MAX_RANGE:
                out.extend(range(first, last + 1))
                position = span.end()
                continue
        out.append(first)
    return out


def find_symbols(text: str) -> list[str]:
    """The document symbols the text writes, in order."""
    text = unicodedata.normalize("NFKC", text)
    return [m.group(0).rstrip(".-") for m in _SYMBOL.finditer(text)]


def reference_language(text: str) -> str | None:
    """The language of a text that is only a paragraph reference ("paragraphe 77", "párrafo
    77"): the one language whose word for "paragraph" it uses, or None (no such text, a word
    several languages share, or one every language types: "para 26", "¶26"). Chinese, Russian
    and Arabic references are told by their script."""
    text = western_digits(unicodedata.normalize("NFKC", text)).strip(" ?.!¿¡")
    m = _REFERENCE.match(text)
    if not m or m.end() != len(text) or not m.group("word"):
        return None
    word = m.group("word").lower()
    if word in _AMBIGUOUS:
        return None
    langs = [
        code
        for code, language in LANGUAGES.items()
        if any(re.fullmatch(w, word, re.IGNORECASE) for w in language.paragraph_words)
    ]
    return langs[0] if len(langs) == 1 else None
