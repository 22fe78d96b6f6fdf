"""Lexical search: a tokenizer fit for each language, and BM25 (bm25s) over one language's texts.

Chinese is segmented with jieba plus character bigrams (jieba alone misses terms it splits
differently in the question and in the report). The other languages are split into words,
case- and accent-folded, with a light suffix stemmer (Snowball's for Russian); Arabic letters
that are written several ways (alef forms, ta marbuta, alef maksura) are unified. Numbers are
language-neutral tokens: thousands separators are dropped and Chinese 万 figures are converted
(11.65万 -> 116500).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.lang import fold_accents

log = logging.getLogger(__name__)

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万")
# 116,500 / 116.500 / 116 500 (also no-break spaces) -> 116500; 13.4 and 2024-2025 stay apart.
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[,.\u00a0\u202f\u066c ]\d{3})+)(?![\d]|[.,]\d)")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_WORD = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+", re.UNICODE)

STOPWORDS = {
    "en": set(
        "a an the of and or to in on at by for with from as is are was were be been being "
        "it its this that these those there here what which who whom whose when where why "
        "how did do does done has have had can could would should will shall may might any "
        "some so far about into than then them they their our your you we i me my he she "
        "his her not no yes if but also more most such other get got say says said tell us "
        "please".split()
    ),
    "es": set(
        "el la lo los las un una unos unas de del al y e o u a en por para con sin sobre "
        "que qué quien quién quienes quiénes cual cuál cuales cuáles cuando cuándo donde "
        "dónde como cómo cuanto cuánto cuantos cuántos cuantas cuántas se su sus es son fue "
        "fueron ha han hay este esta estos estas ese esa eso le les me mi ya muy más pero "
        "ni".split()
    ),
    "fr": set(
        "le la les l un une des de du d et ou a à au aux en dans par pour avec sans sur "
        "sous que qu qui quoi quel quelle quels quelles quand où comment combien est sont "
        "été a ont ce cet cette ces se s il elle ils elles on son sa ses leur leurs y ne "
        "pas plus t est-ce".split()
    ),
    "ru": set(
        "и в во на с со к ко по о об от до из за для при про у а но или ли не же что кто "
        "как где когда какой какая какие каких сколько это этот эта эти был была были было "
        "ее её его их он она они мы вы я бы то так также уже".split()
    ),
    "ar": set(
        "في من على الى إلى عن مع هل ما ماذا متى أين اين كيف كم من الذي التي الذين هذا هذه "
        "ذلك تلك هو هي هم و او أو ثم قد لقد كان كانت تم أي اي بين عند".split()
    ),
    "zh": set(
        "的 了 和 与 及 或 在 是 为 对 把 被 也 都 就 而 并 其 之 等 有 吗 呢 "
        "吧 啊 什么 哪 哪些 哪个 怎么 怎样 如何 多少 几 谁 是否 这 那 这个 "
        "那个 这些 那些 一个 个 讲 说 了 去 看 哪里 关于".split()
    ),
}

_AR_SUFFIXES = ("ات", "ون", "ين", "ان", "ه")
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def normalize(text: str, lang: str) -> str:
    """Case, width, digits and spelling variants folded; the text keeps its words."""
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_DIGITS).casefold()
    if lang == "zh":
        text = _WAN.sub(lambda m: _wan(m.group(1)), text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
    if lang == "ar":
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    if lang == "ru":
        text = text.replace("ё", "е")
    return fold_accents(text) if lang in ("en", "es", "fr") else text


def _wan(number: str) -> str:
    whole, _, frac = number.partition(".")
    value = int(whole) * 10000 + (int(frac.ljust(4, "0")[:4]) if frac else 0)
    return str(value)


def stem(word: str, lang: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    if lang == "en":
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
    elif lang in ("es", "fr"):
        if word.endswith("es") and len(word) > 5:
            return word[:-2]
        if word[-1] in "sx":
            return word[:-1]
    elif lang == "ru":
        return _russian().stemWord(word)
    elif lang == "ar":
        for prefix in _AR_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        for suffix in _AR_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def _russian():
    # Russian verbs and participles inflect past what a suffix list catches (одобрил /
    # одобрен): Snowball's stemmer brings them to one stem.
    import Stemmer

    return Stemmer.Stemmer("russian")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokenize(text: str, lang: str, bigrams: bool = True) -> list[str]:
    """Tokens for BM25 in ``lang``; words of other scripts inside the text are kept as words.
    ``bigrams=False`` leaves out Chinese character bigrams, for counting a question's words."""
    return list(_tokens(text, lang, bigrams))


@lru_cache(maxsize=8192)
def _tokens(text: str, lang: str, bigrams: bool) -> tuple[str, ...]:
    # Cached: one question is tokenized for several indexes, the glossary and the features.
    text = normalize(text, lang)
    stop = STOPWORDS.get(lang, set())
    tokens: list[str] = []
    if lang == "zh":
        for run in _HAN_RUN.findall(text):
            words = [w for w in _jieba().lcut_for_search(run) if w not in stop]
            tokens.extend(words)
            if bigrams:
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
            if len(run) == 1 and run not in stop:
                tokens.append(run)
        text = _HAN_RUN.sub(" ", text)
    for word in _WORD.findall(text):
        if word in stop:
            continue
        tokens.append(stem(word, lang))
    return tuple(tokens)


@lru_cache(maxsize=1)
def _bm25s():
    import bm25s

    # bm25s sets its own logger to DEBUG on import, which would print a line per index built.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


class LexicalIndex:
    """BM25 over the texts of one language; scores come back in the order of the texts."""

    def __init__(self, lang: str, bm25) -> None:
        self.lang = lang
        self._bm25 = bm25
        # bm25s keeps a token's BM25 weights per text as sparse columns; a report is small, so
        # one dense (token x text) array scores a question with a single sum.
        scores = bm25.scores
        self._vocab = bm25.vocab_dict
        self._matrix = np.zeros((len(scores["indptr"]) - 1, scores["num_docs"]), np.float32)
        for token in range(len(scores["indptr"]) - 1):
            start, end = scores["indptr"][token], scores["indptr"][token + 1]
            self._matrix[token, scores["indices"][start:end]] = scores["data"][start:end]

    @classmethod
    def build(cls, lang: str, texts: list[str]) -> LexicalIndex:
        return cls.from_tokens(lang, [tokenize(t, lang) for t in texts])

    @classmethod
    def from_tokens(cls, lang: str, docs_tokens: list[list[str]]) -> LexicalIndex:
        bm25s = _bm25s()

        bm25 = bm25s.BM25()
        bm25.index([tokens or [""] for tokens in docs_tokens], show_progress=False)
        return cls(lang, bm25)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, lang: str, folder: Path) -> LexicalIndex:
        bm25s = _bm25s()

        return cls(lang, bm25s.BM25.load(str(folder), show_progress=False))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 of each text for the tokens (a repeated token counts again, as in bm25s)."""
        ids = [self._vocab[t] for t in tokens if t and t in self._vocab]
        return self._matrix[ids].sum(axis=0)
