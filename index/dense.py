"""Dense evidence from FAISS: the question's cosine to every version of every paragraph, and to
every sentence of every version.

Both sets of vectors are L2-normalised, so ``IndexFlatIP.search`` returns cosines; a paragraph's
score is the best of its versions, and its sentence score the best of its versions' sentences.
A sentence that matches the question well is evidence a whole paragraph dilutes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DenseScores:
    paragraph: np.ndarray  # per unit: best version's cosine
    sentence: np.ndarray  # per unit: best sentence's cosine over its versions
    sentences: np.ndarray  # per sentence: its cosine


class DenseIndex:
    """FAISS over paragraph versions and over their sentences.

    ``unit_of``: each version's paragraph unit; ``sentence_of``: each sentence's version.
    """

    def __init__(self, versions, sentences, unit_of: np.ndarray, sentence_of: np.ndarray) -> None:
        self.versions = versions
        self.sentences = sentences
        self._unit_of = unit_of
        self._sentence_unit = unit_of[sentence_of]
        self._units = int(unit_of.max(initial=-1)) + 1

    def search(self, vector: np.ndarray) -> DenseScores:
        per_version = _all_scores(self.versions, vector)
        per_sentence = _all_scores(self.sentences, vector)
        paragraph = np.full(self._units, -1.0)
        np.maximum.at(paragraph, self._unit_of, per_version)
        sentence = np.full(self._units, -1.0)
        np.maximum.at(sentence, self._sentence_unit, per_sentence)
        return DenseScores(paragraph, sentence, per_sentence)


def _all_scores(index, vector: np.ndarray) -> np.ndarray:
    """Every stored vector's inner product with ``vector``, in storage order."""
    n = index.ntotal
    scores = np.full(n, -1.0)
    if n:
        found, ids = index.search(np.ascontiguousarray(vector[None], dtype=np.float32), n)
        scores[ids[0]] = found[0]
    return scores
