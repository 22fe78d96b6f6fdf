"""Fusion of ranked lists into one paragraph ranking, and the decision to abstain.

Every list is a score per paragraph (position); a list that found nothing is all zeros and adds
nothing. Fusion works on ranks (weighted reciprocal rank fusion), so lists on different scales
(cosines, BM25 sums, fuzzy weights) combine without calibration; the weights say how much each
kind of evidence is trusted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def ranks(scores: np.ndarray) -> np.ndarray:
    """1 for the best score; positions with no evidence (score <= 0) get rank 0."""
    order = np.argsort(-scores, kind="stable")
    out = np.zeros(len(scores), dtype=np.int64)
    out[order] = np.arange(1, len(scores) + 1)
    out[scores <= 0] = 0
    return out


def weighted_rrf(lists: dict[str, np.ndarray], weights: dict[str, float], k: int) -> np.ndarray:
    """Sum over lists of weight / (k + rank); a small k lets the first ranks dominate."""
    fused = np.zeros(len(next(iter(lists.values()))), dtype=np.float64)
    for name, scores in lists.items():
        weight = weights.get(name, 0.0)
        if weight == 0.0:
            continue
        r = ranks(scores)
        fused += np.where(r > 0, weight / (k + r), 0.0)
    return fused


def normalised(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max(initial=0.0))
    return scores / top if top > 0 else np.zeros_like(scores)


def zscore(scores: np.ndarray, i: int) -> float:
    """How far position ``i`` stands above the others, in standard deviations."""
    sd = float(scores.std())
    return float((scores[i] - scores.mean()) / sd) if sd > 0 else 0.0


@dataclass(frozen=True)
class AbstentionModel:
    """Logistic regression over named features: the probability that the report has no answer.

    e5's cosines are compressed (most pairs 0.75-0.85), so no raw score says "unrelated"; the
    model reads how far the best paragraph stands out in each kind of evidence instead.
    """

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        """A missing feature (NaN: e.g. no version in the question's language) counts as the
        average question's, so it neither raises nor lowers the probability."""
        z = self.intercept + sum(
            c * (values[name] - m) / s
            for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
            if not math.isnan(values[name])
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))
