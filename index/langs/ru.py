"""Russian: the working translation's words, and the words of Russian questions.

Stemmer: Snowball's (PyStemmer "russian"): verbs and participles inflect past what a suffix list
catches (одобрил / одобрен), and Snowball brings them to one stem. ё is read as е, as most texts
write it. The script alone tells Russian from the other languages, so it has no detection words.
"""

from __future__ import annotations

import re

from index.langs.language import (
    COUNT,
    DATE,
    DECISION,
    DOCUMENT,
    PERSON,
    PLACE,
    Language,
    patterns,
    snowball,
)


def fold_yo(text: str) -> str:
    """ё written as е."""
    return text.replace("ё", "е")


_GB = r"(?:руководящ\w* орган\w*)"

LANGUAGE = Language(
    code="ru",
    name="Russian",
    stopwords=frozenset(
        "и в во на с со к ко по о об от до из за для при про у а но или ли не же что кто "
        "как где когда какой какая какие каких сколько это этот эта эти был была были было "
        "ее её его их он она они мы вы я бы то так также уже".split()
    ),
    stem=snowball("russian"),
    fold=fold_yo,
    common_words=frozenset(),
    accents=frozenset(),
    paragraph_words=("пункт(?:а|е|у|ом|ы|ов|ах|ам|ами)?", "пп?", "абзац(?:а|е|ы|ах)?"),
    paragraph_patterns=(),
    list_words=("и", "или"),
    range_words=(),
    # Stems: the case and gender endings vary (тринадцатое совещание, тринадцатой сессии).
    ordinals=(
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
    ),
    meeting_names={
        "owg": "совещание Рабочей группы",
        "acsu": "совещание технического комитета по сохранению и устойчивому использованию",
        "sfc": "совещание Комитета по финансированию",
        "cc": "совещание Комитета по соблюдению",
        "gb": "сессия Руководящего органа",
        "cop": "совещание Конференции Сторон",
        "sac": "совещание Научно-консультативного комитета по Глобальной информационной системе",
        "tegfr": "совещание Группы экспертов по правам фермеров",
    },
    answer_types=patterns(
        **{
            COUNT: r"\bсколько\b|\bкаков[аоы]? (?:число|количество|сумма|объ[её]м)\b"
            r"|\bкакое (?:число|количество)\b",
            DATE: r"\bкогда\b|\bв какой день\b|\bкрайний срок\b|\bв каком (?:году|месяце)\b"
            r"|\bкакого числа\b|\bкак(?:ая|ой) дат",
            DOCUMENT: r"\bкак(?:ой|ом|ого) (?:документ|доклад)",
            PLACE: r"\bгде\b|\bв как(?:ом|ой) (?:городе|месте|стране)\b|\bкакой город\b"
            r"|\bместо проведения\b",
            # секретар(?!иат): the Secretary, not the Secretariat.
            PERSON: r"\bкто (?:является |был |была |были )?"
            r"(?:сопредседател|председател|секретар(?!иат)|директор|генеральн|глав|руководител)"
            r"|\bкто (?:возглавляет|председательствует|председательствовал|избран|был избран"
            r"|назначен)"
            r"|\bкак зовут\b|\bимя (?:секретар(?!иат)|председател|директор)",
            DECISION: rf"\b{_GB}\s+предлагается|\bпредлагается\s+(?:сделать\s+)?{_GB}"
            rf"|\bчто (?:должен|просят) (?:сделать )?{_GB}|испрашиваемые",
        }
    ),
    where_to_read=re.compile(r"найти|прочитать|прочесть|ознакомиться|посмотреть", re.IGNORECASE),
)
