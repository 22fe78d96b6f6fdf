"""Lexical search: a tokenizer fit for each language, and BM25 (bm25s) over one language's texts.

Chinese is segmented with jieba plus character bigrams (jieba alone misses terms it splits
differently in the question and in the report). The other languages are split into words,
case-folded, their spelling variants folded (accents; Arabic alef forms, ta marbuta, alef
maksura; Russian ё) and stemmed; the stopwords, folds and stemmers are each language's own
(``index/langs/``). Numbers are language-neutral tokens: thousands separators are dropped and
Chinese 万 figures are converted (11.65万 -> 116500).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.langs import language
from index.script import HAN, western_digits

log = logging.getLogger(__name__)

_HAN_RUN = re.compile(f"[{HAN}]+")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万")
# 116,500 / 116.500 / 116 500 (also no-break spaces) -> 116500; 13.4 and 2024-2025 stay apart.
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[,.\u00a0\u202f\u066c ]\d{3})+)(?![\d]|[.,]\d)")
_WORD = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+", re.UNICODE)


def normalize(text: str, lang: str) -> str:
    """Case, width, digits and spelling variants folded; the text keeps its words."""
    text = western_digits(unicodedata.normalize("NFKC", text)).casefold()
    if lang == "zh":
        text = _WAN.sub(lambda m: _wan(m.group(1)), text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
    return language(lang).fold(text)


def _wan(number: str) -> str:
    whole, _, frac = number.partition(".")
    value = int(whole) * 10000 + (int(frac.ljust(4, "0")[:4]) if frac else 0)
    return str(value)


def stem(word: str, lang: str) -> str:
    """``word`` (normalized) by ``lang``'s stemmer; figures and words of three letters or fewer
    are kept whole, as they have no ending to spare (``gas``, ``fao``)."""
    if word.isdigit() or len(word) <= 3:
        return word
    return language(lang).stem(word)


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
    stop = language(lang).stopwords
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
