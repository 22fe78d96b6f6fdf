"""Ordinal numbers as the report's versions write them ("thirteenth", "decimotercera", "第十三次"),
read back as numbers, and written for a meeting number a delegate types ("OWG-13").

A meeting is named by its ordinal in every version, never by its digits: each language's table
(``index/langs/``) lets a question's "13" meet a paragraph's "thirteenth" and its "тринадцатое".
"""

from __future__ import annotations

import re
from functools import cache

from index.langs import language
from index.lexical import normalize
from index.script import han_numeral

MAX_ORDINAL = 20

_ZH_VALUE = {han_numeral(n): n for n in range(1, 100)}
_ZH_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})\s*[次届]")


@cache
def _patterns(lang: str) -> list[tuple[re.Pattern, int]]:
    out = []
    for n, forms in enumerate(language(lang).ordinals, start=1):
        for form in forms:
            if lang == "ru":
                pattern = rf"(?<!\w){re.escape(form)}\w*"
            elif lang == "ar":
                # Arabic writes "and", "for" and "by" onto the word: والثاني عشر, للاجتماع.
                pattern = rf"(?<![\w-])[وبلف]?{re.escape(form)}(?![\w-])"
            else:
                pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
            out.append((re.compile(pattern), n))
    # Longer forms first, so "الحادي عشر" is read before "الحادي" could be.
    return sorted(out, key=lambda pn: -len(pn[0].pattern))


def ordinals(text: str, lang: str) -> set[int]:
    """The ordinal numbers written in ``text`` (a version in ``lang``), as integers."""
    found: set[int] = set()
    if lang == "zh":
        for m in _ZH_ORDINAL.finditer(text):
            value = m.group(1)
            found.add(int(value) if value.isdigit() else _ZH_VALUE.get(value, 0))
        return found - {0}
    folded = normalize(text, lang)
    for pattern, n in _patterns(lang):
        if pattern.search(folded):
            found.add(n)
            folded = pattern.sub(" ", folded)
    return found


def ordinal_word(n: int, lang: str, feminine: bool = False) -> str:
    """The ordinal for meeting ``n`` in ``lang`` (its first spelling; Arabic's feminine one
    when asked), or the digits."""
    if lang == "zh":
        return f"第{han_numeral(n)}次"
    forms = language(lang).ordinals
    if not 1 <= n <= len(forms):
        return str(n)
    spellings = forms[n - 1]
    if lang == "ru":
        # The table holds stems; a meeting (совещание) is neuter: тринадцатое, третье.
        return spellings[0] + ("ье" if n == 3 else "ое")
    return spellings[-1] if feminine and lang == "ar" else spellings[0]
