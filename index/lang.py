"""Which of the six UN languages a text is written in, from its script and its common words.

The words and letters that tell the Latin-script languages apart are each language's own
(``index/langs/``); the script ranges are ``index/script.py``'s.
"""

from __future__ import annotations

import re

from index.langs import LANGUAGES
from index.refs import reference_language
from index.script import ARABIC, CYRILLIC, HAN, LATIN

LANGS = tuple(LANGUAGES)
DEFAULT_LANG = "en"

_HAN = re.compile(f"[{HAN}]")
_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_ARABIC = re.compile(f"[{ARABIC}]")
# Latin-script words starting in lower case: names and acronyms (GLIS, Genesys) say nothing
# about the language of a question written around them.
_LATIN = re.compile(f"(?<![{LATIN}])[a-z\u00df-\u00ff][{LATIN}]*")
_WORD = re.compile(r"[a-z\u00c0-\u024f']+")

# Frequent function words, and the accented letters each Latin-script language uses.
_COMMON = {code: lang.common_words for code, lang in LANGUAGES.items() if lang.common_words}
_ACCENTS = {code: lang.accents for code, lang in LANGUAGES.items() if lang.accents}


def detect_lang(
    text: str, default: str = DEFAULT_LANG, vocabularies: dict[str, frozenset[str]] | None = None
) -> str:
    """A paragraph reference alone by its word for "paragraph"; else script first (Han,
    Cyrillic, Arabic are unambiguous), then common words for Latin script,
    and words that only one language's ``vocabularies`` (e.g. the report's versions) hold.
    Always one of ``LANGS``: a ``default`` outside them (a Telegram ``language_code`` such as
    "de") is read as English, since every later stage needs one of the six."""
    if default not in LANGUAGES:
        default = DEFAULT_LANG
    # A reference alone ("paragraphe 77") has no other word to tell its language by.
    referenced = reference_language(text)
    if referenced:
        return referenced
    counts = {
        "zh": len(_HAN.findall(text)),
        "ru": len(_CYRILLIC.findall(text)),
        "ar": len(_ARABIC.findall(text)),
        "latin": sum(len(w) for w in _LATIN.findall(text)),
    }
    # A Han character carries about a word's worth of meaning; weigh it against Latin letters.
    weighted = {
        "zh": counts["zh"] * 3,
        "ru": counts["ru"],
        "ar": counts["ar"],
        "latin": counts["latin"],
    }
    best = max(weighted, key=lambda k: weighted[k])
    if weighted[best] == 0:
        has_latin = re.search(r"[A-Za-z]", text)
        return _latin_lang(text, default, vocabularies) if has_latin else default
    if best != "latin":
        return best
    return _latin_lang(text, default, vocabularies)


def latin_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _latin_lang(text: str, default: str, vocabularies: dict[str, frozenset[str]] | None) -> str:
    lower = text.lower()
    words = _WORD.findall(lower)
    scores = {lang: sum(w in common for w in words) for lang, common in _COMMON.items()}
    if vocabularies:
        # A keyword query ("ATTM notifiés nombre base de données") has few function words;
        # its content words tell, when only one language's vocabulary holds them.
        content = [w for w in words if not any(w in common for common in _COMMON.values())]
        for lang in scores:
            own = vocabularies.get(lang, frozenset())
            others = [v for code, v in vocabularies.items() if code != lang and code in scores]
            scores[lang] += sum(w in own and not any(w in v for v in others) for w in content)
    for lang, letters in _ACCENTS.items():
        scores[lang] += sum(ch in letters for ch in lower)
    best = max(scores, key=lambda k: scores[k])
    # In a short text one shared word ("para 99") is too little to overrule the user's settings.
    weak = scores[best] < 2 and len(words) <= 3
    if (weak and default in scores) or scores.get(default) == scores[best]:
        return default
    return best if scores[best] else default
