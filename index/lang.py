"""Which of the six UN languages a text is written in, from its script and its common words."""

from __future__ import annotations

import re
import unicodedata

LANGS = ("en", "es", "fr", "zh", "ru", "ar")
DEFAULT_LANG = "en"

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Latin-script words starting in lower case: names and acronyms (GLIS, Genesys) say nothing
# about the language of a question written around them.
_LATIN = re.compile(r"(?<![A-Za-z\u00c0-\u024f])[a-z\u00df-\u00ff][A-Za-z\u00c0-\u024f]*")
_WORD = re.compile(r"[a-z\u00c0-\u024f']+")

# Frequent function words, and the accented letters each Latin-script language uses.
_COMMON = {
    "en": set(
        "the of and to in is was were what which who when where how did does do many much "
        "for on with by this that are be has have been from at its it an a can there any "
        "about under so far their new".split()
    ),
    "es": set(
        "el la los las de del y en que qué se por para con un una es fue fueron cuál cuáles "
        "quién quiénes cuándo dónde cómo cuántos cuántas al lo su sus sobre este esta ya "
        "también hay".split()
    ),
    "fr": set(
        "le la les de des du et en que qui quoi est été sont a ont un une pour par avec au "
        "aux sur ce cette quel quelle quels quelles quand où comment combien dans il elle "
        "se s'est qu'est-ce d'".split()
    ),
}
_ACCENTS = {"es": set("ñáíóúü¿¡"), "fr": set("àâçèêëîïôûùœ")}


def detect_lang(
    text: str, default: str = DEFAULT_LANG, vocabularies: dict[str, frozenset[str]] | None = None
) -> str:
    """Script first (Han, Cyrillic, Arabic are unambiguous), then common words for Latin script,
    and words that only one language's ``vocabularies`` (e.g. the report's versions) hold."""
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


def fold_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
