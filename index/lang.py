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


def detect_lang(text: str, default: str = DEFAULT_LANG) -> str:
    """Script first (Han, Cyrillic, Arabic are unambiguous), then common words for Latin script."""
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
        return _latin_lang(text, default) if re.search(r"[A-Za-z]", text) else default
    if best != "latin":
        return best
    return _latin_lang(text, default)


def _latin_lang(text: str, default: str) -> str:
    lower = text.lower()
    words = _WORD.findall(lower)
    scores = {lang: sum(w in common for w in words) for lang, common in _COMMON.items()}
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
