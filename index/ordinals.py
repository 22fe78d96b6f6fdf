"""Ordinal numbers as the report's versions write them ("thirteenth", "decimotercera", "第十三次"),
read back as numbers, and written for a meeting number a delegate types ("OWG-13").

A meeting is named by its ordinal in every version, never by its digits: these tables let a
question's "13" meet a paragraph's "thirteenth" and its "тринадцатое".
"""

from __future__ import annotations

import re
from functools import cache

from index.lexical import normalize

MAX_ORDINAL = 20

# One spelling per number and gender the translations use; matching is on normalised words.
_WORDS: dict[str, list[tuple[str, ...]]] = {
    "en": [
        ("first",),
        ("second",),
        ("third",),
        ("fourth",),
        ("fifth",),
        ("sixth",),
        ("seventh",),
        ("eighth",),
        ("ninth",),
        ("tenth",),
        ("eleventh",),
        ("twelfth",),
        ("thirteenth",),
        ("fourteenth",),
        ("fifteenth",),
        ("sixteenth",),
        ("seventeenth",),
        ("eighteenth",),
        ("nineteenth",),
        ("twentieth",),
    ],
    "es": [
        ("primera", "primer", "primero"),
        ("segunda", "segundo"),
        ("tercera", "tercer", "tercero"),
        ("cuarta", "cuarto"),
        ("quinta", "quinto"),
        ("sexta", "sexto"),
        ("septima", "septimo"),
        ("octava", "octavo"),
        ("novena", "noveno"),
        ("decima", "decimo"),
        ("undecima", "undecimo", "decimoprimera"),
        ("duodecima", "duodecimo", "decimosegunda"),
        ("decimotercera", "decimotercero"),
        ("decimocuarta", "decimocuarto"),
        ("decimoquinta", "decimoquinto"),
        ("decimosexta", "decimosexto"),
        ("decimoseptima", "decimoseptimo"),
        ("decimoctava", "decimoctavo"),
        ("decimonovena", "decimonoveno"),
        ("vigesima", "vigesimo"),
    ],
    "fr": [
        ("premiere", "premier"),
        ("deuxieme", "seconde", "second"),
        ("troisieme",),
        ("quatrieme",),
        ("cinquieme",),
        ("sixieme",),
        ("septieme",),
        ("huitieme",),
        ("neuvieme",),
        ("dixieme",),
        ("onzieme",),
        ("douzieme",),
        ("treizieme",),
        ("quatorzieme",),
        ("quinzieme",),
        ("seizieme",),
        ("dix-septieme",),
        ("dix-huitieme",),
        ("dix-neuvieme",),
        ("vingtieme",),
    ],
    # Stems: the case and gender endings vary (тринадцатое совещание, тринадцатой сессии).
    "ru": [
        ("перв",),
        ("втор",),
        ("трет",),
        ("четверт", "четвёрт"),
        ("пят",),
        ("шест",),
        ("седьм",),
        ("восьм",),
        ("девят",),
        ("десят",),
        ("одиннадцат",),
        ("двенадцат",),
        ("тринадцат",),
        ("четырнадцат",),
        ("пятнадцат",),
        ("шестнадцат",),
        ("семнадцат",),
        ("восемнадцат",),
        ("девятнадцат",),
        ("двадцат",),
    ],
    "ar": [
        ("الاول", "الاولي"),
        ("الثاني", "الثانيه"),
        ("الثالث", "الثالثه"),
        ("الرابع", "الرابعه"),
        ("الخامس", "الخامسه"),
        ("السادس", "السادسه"),
        ("السابع", "السابعه"),
        ("الثامن", "الثامنه"),
        ("التاسع", "التاسعه"),
        ("العاشر", "العاشره"),
        ("الحادي عشر", "الحاديه عشره"),
        ("الثاني عشر", "الثانيه عشره"),
        ("الثالث عشر", "الثالثه عشره"),
        ("الرابع عشر", "الرابعه عشره"),
        ("الخامس عشر", "الخامسه عشره"),
        ("السادس عشر", "السادسه عشره"),
        ("السابع عشر", "السابعه عشره"),
        ("الثامن عشر", "الثامنه عشره"),
        ("التاسع عشر", "التاسعه عشره"),
        ("العشرون",),
    ],
}
_ZH_DIGITS = "一二三四五六七八九"


def zh_numeral(n: int) -> str:
    """1-99 in Chinese numerals, as the report writes meeting numbers (十三, 二十)."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _ZH_DIGITS[tens - 1] + "十")
    return head + (_ZH_DIGITS[units - 1] if units else "")


_ZH_VALUE = {zh_numeral(n): n for n in range(1, 100)}
_ZH_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})\s*[次届]")


@cache
def _patterns(lang: str) -> list[tuple[re.Pattern, int]]:
    out = []
    for n, forms in enumerate(_WORDS.get(lang, ()), start=1):
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
        return f"第{zh_numeral(n)}次"
    forms = _WORDS.get(lang, ())
    if not 1 <= n <= len(forms):
        return str(n)
    spellings = forms[n - 1]
    if lang == "ru":
        # The table holds stems; a meeting (совещание) is neuter: тринадцатое, третье.
        return spellings[0] + ("ье" if n == 3 else "ое")
    return spellings[-1] if feminine and lang == "ar" else spellings[0]
