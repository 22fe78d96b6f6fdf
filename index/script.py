"""Writing-system facts every stage shares: the code points of each script, the Arabic-Indic
digits, Chinese numerals and accent folding.

They are written once here because a range typed in four modules drifts: one copy forgets the
compatibility ideographs, another the Persian digits, and the stages then disagree on what a
Chinese word or a figure is. Language detection, the tokenizer, shorthand splitting, paragraph
references and ordinals all read them from here.
"""

from __future__ import annotations

import unicodedata

# Character-class bodies, for use inside ``[...]``.
# CJK unified ideographs with extension A, and the compatibility ideographs.
HAN = "\u3400-\u9fff\uf900-\ufaff"
CYRILLIC = "\u0400-\u04ff"
# Arabic, its supplement and its presentation forms (A and B).
ARABIC = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# Basic Latin letters and Latin-1 / Latin Extended-A and -B letters (é, ñ, œ, ş).
LATIN = "A-Za-z\u00c0-\u024f"

# Arabic-Indic and Persian digits, as Arabic questions and texts may write figures.
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Chinese numerals: 零 to 九 are their position; 两 is the "two" of counts (两次).
HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits written as 0-9."""
    return text.translate(ARABIC_DIGITS)


def fold_accents(text: str) -> str:
    """``text`` without combining marks: ``réunión`` -> ``reunion``."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def han_numeral(n: int) -> str:
    """1-99 in Chinese numerals, as the report writes meeting numbers (十三, 二十)."""
    tens, units = divmod(n, 10)
    digits = "一二三四五六七八九"
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")
    return head + (digits[units - 1] if units else "")


def han_value(numerals: str) -> int:
    """Chinese numerals up to the hundreds as a number: ``二十六`` 26, ``十`` 10, ``一百零三``
    103; digits are read as digits."""
    if numerals.isdigit():
        return int(numerals)
    total, current = 0, 0
    for char in numerals:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = HAN_DIGITS[char]
    return total + current
