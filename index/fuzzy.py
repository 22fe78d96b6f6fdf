"""Approximate word matching (rapidfuzz) for names, acronyms and typos.

Each question word that is not in a language's vocabulary is matched to its closest vocabulary
words (``worshop`` -> ``workshop``, ``Cordoba`` -> ``córdoba``); paragraphs then score by the rare
words they share with the question, exactly or approximately, weighted by inverse document
frequency. The same corrections feed the lexical query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

MIN_LENGTH = 4
CACHE_SIZE = 20_000  # questions repeat (inline queries are retyped); the vocabulary does not change


def cutoff(word: str) -> float:
    """Short words need a closer match: one typo in five letters is already 80 %."""
    return 80.0 if len(word) >= 7 else 85.0


class FuzzyVocabulary:
    """The words of one language's paragraphs, with the paragraphs (positions) that hold them."""

    def __init__(self, docs_tokens: list[list[str]]) -> None:
        postings: dict[str, set[int]] = {}
        for pos, tokens in enumerate(docs_tokens):
            for token in tokens:
                postings.setdefault(token, set()).add(pos)
        self.postings = postings
        self.size = len(docs_tokens)
        self._words = [w for w in postings if len(w) >= MIN_LENGTH and not w.isdigit()]
        self._closest: dict[tuple[str, int], list[tuple[str, float]]] = {}

    def idf(self, word: str) -> float:
        df = len(self.postings.get(word, ()))
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def closest(self, word: str, limit: int = 2) -> list[tuple[str, float]]:
        """Exact word, else its nearest vocabulary words with their similarity in [0, 1]."""
        if word in self.postings:
            return [(word, 1.0)]
        if len(word) < MIN_LENGTH or word.isdigit() or not self._words:
            return []
        key = (word, limit)
        if key not in self._closest:
            if len(self._closest) > CACHE_SIZE:
                self._closest.clear()
            found = process.extract(
                word, self._words, scorer=fuzz.ratio, score_cutoff=cutoff(word), limit=limit
            )
            self._closest[key] = [(w, score / 100.0) for w, score, _ in found]
        return self._closest[key]

    def corrections(self, tokens: Iterable[str]) -> list[str]:
        """Vocabulary words standing in for the tokens that are not in the vocabulary."""
        out: list[str] = []
        for token in tokens:
            if token in self.postings:
                continue
            out.extend(w for w, _ in self.closest(token, limit=1))
        return out

    def scores(self, tokens: list[str]) -> np.ndarray:
        scores = np.zeros(self.size, dtype=np.float32)
        for token in dict.fromkeys(tokens):
            best = np.zeros(self.size, dtype=np.float32)
            for word, similarity in self.closest(token):
                weight = similarity * self.idf(word)
                for pos in self.postings[word]:
                    best[pos] = max(best[pos], weight)
            scores += best
        return scores
