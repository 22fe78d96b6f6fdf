"""Arabic: the working translation's words, and the words of Arabic questions.

Stemmer: a light one: the article and a clitic before it (وال, بال, لل, ال) and a plural or
feminine ending (ات, ون, ين, ان, ه) come off when three letters remain. Letters written several
ways (alef forms, ta marbuta, alef maksura) and the short-vowel marks and tatweel are folded
first. The script alone tells Arabic from the other languages, so it has no detection words.

The light stemmer is kept against Snowball's Arabic stemmer (PyStemmer "arabic", given the same
folded words). Both measured with ``bench/tune.py`` refitted on each tokenizer, held out by
author (8 groups, 1,021 questions), commit b92c688:

| stemmer | answerable top-1 | answerable abstained | unanswerable abstained | ar questions |
|---|---:|---:|---:|---|
| light (kept) | 0.920 | 21/723 | 100/298 | 0.843, 3/108, 17/48 |
| Snowball | 0.920 | 21/723 | 96/298 | 0.852, 3/108, 15/48 |

Snowball finds a little more on Arabic questions but refuses fewer unanswerable ones, here and
overall.
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
)

_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ات", "ون", "ين", "ان", "ه")


def fold_letters(text: str) -> str:
    """Vowel marks and tatweel dropped; alef forms, ta marbuta and alef maksura unified."""
    return _MARKS.sub("", text).translate(_LETTERS)


def light_stem(word: str) -> str:
    """One article prefix and one ending off, each only if three letters remain."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# The official name, and those delegates also write ("governing organ", "presiding organ").
_GB = r"(?:الهيئة الرئاسية|(?:ال)?جهاز (?:ال)?(?:رئاسي|رئاسة|[اإأ]دارة))"

LANGUAGE = Language(
    code="ar",
    name="Arabic",
    stopwords=frozenset(
        "في من على الى إلى عن مع هل ما ماذا متى أين اين كيف كم من الذي التي الذين هذا هذه "
        "ذلك تلك هو هي هم و او أو ثم قد لقد كان كانت تم أي اي بين عند".split()
    ),
    stem=light_stem,
    fold=fold_letters,
    common_words=frozenset(),
    accents=frozenset(),
    paragraph_words=(),
    # الفقرة 26 / فقرة 26 / الفقرتين 26 و27.
    paragraph_patterns=(r"(?:ال)?فقر(?:ة|ه|ات|تين|تان)\s*(?:رقم\s*)?{numbers}",),
    list_words=("و",),
    range_words=(),
    # Folded spellings (ه for ة, ي for ى), masculine then feminine.
    ordinals=(
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
    ),
    # The noun first: ``index/shorthand.py`` puts the ordinal after it (الاجتماع الثالث عشر).
    meeting_names={
        "owg": "الاجتماع للفريق العامل",
        "acsu": "الاجتماع للجنة الفنية المعنية بالصون والاستخدام المستدام",
        "sfc": "الاجتماع للجنة التمويل",
        "cc": "الاجتماع للجنة الامتثال",
        "gb": "الدورة للهيئة الرئاسية",
        "cop": "الاجتماع لمؤتمر الأطراف",
        "sac": "الاجتماع للجنة الاستشارية العلمية المعنية بالنظام العالمي للمعلومات",
        "tegfr": "الاجتماع لفريق الخبراء المعني بحقوق المزارعين",
    },
    answer_types=patterns(
        **{
            COUNT: r"(?:^|\s)[بو]?كم\b|\bما (?:هو |هي )?(?:عدد|مقدار|حجم|مبلغ)",
            DATE: r"متى|الموعد النهائي|ما (?:هو )?موعد"
            r"|في أي (?:عام|سنة|شهر|تاريخ|يوم)|ما (?:هو )?تاريخ",
            DOCUMENT: r"أي (?:وثيقة|تقرير)",
            PLACE: r"أين|في أي (?:مدينة|بلد|دولة|مكان)|مكان انعقاد",
            PERSON: r"من (?:هو|هي|هم) (?:ال)?(?:رئيس|أمين|الأمين|مدير|المدير|رؤساء)"
            r"|من (?:يرأس|ترأس|انتخب|انتُخب|عين)|ما اسم (?:ال)?(?:رئيس|أمين|مدير)",
            DECISION: rf"(?:المطلوب|مطلوب|يطلب|يُطلب) من {_GB}|{_GB} مدعوة"
            r"|التوجيهات المطلوبة",
        }
    ),
    where_to_read=re.compile(r"يمكن(?:ني)? (?:الاطلاع|قراءة|العثور|إيجاد)|أجد", re.IGNORECASE),
)
