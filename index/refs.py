"""Paragraph references in six languages: ``para 26``, ``¶26``, ``第26段``, ``пункт 26``."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = r"(\d{1,4})"
_PATTERNS = [
    # English, Spanish, French, Russian: a word for "paragraph" before the number.
    rf"(?<![\w])(?:paras?|paragraphs?|par|párrafos?|parrafos?|paragraphes?|§|¶|"
    rf"пункт(?:а|е|у|ом|ы|ов)?|п|абзац(?:а|е|ы)?)\.?\s*(?:n(?:o|°|º)?\.?\s*)?{_NUMBER}(?!\d)",
    # Chinese: 第26段 / 第 26 段 / 26段.
    rf"第?\s*{_NUMBER}\s*段",
    # Arabic: الفقرة 26 / فقرة 26.
    rf"(?:ال)?فقر(?:ة|ه|ات)\s*(?:رقم\s*)?{_NUMBER}(?!\d)",
]
_REFERENCE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*[#¶§]?\s*(\d{1,4})\s*[.?!]?\s*$")


def find_references(text: str) -> list[int]:
    """Paragraph numbers the text asks for, in order, each once (range not checked here)."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    bare = _BARE_NUMBER.match(text)
    if bare:
        return [int(bare.group(1))]
    found: list[int] = []
    for m in _REFERENCE.finditer(text):
        number = int(next(g for g in m.groups() if g is not None))
        if number not in found:
            found.append(number)
    return found
