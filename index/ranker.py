"""Stage three: a linear ranker over the features of every unit, fitted listwise by
``bench/tune.py`` (softmax over a question's units, the right paragraph as the target)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LinearRanker:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]

    @classmethod
    def from_dict(cls, data: dict) -> LinearRanker:
        return cls(*(tuple(data[k]) for k in ("features", "mean", "scale", "coef")))

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """One score per row of ``matrix`` (columns in ``features`` order); higher is better."""
        standard = (matrix - np.asarray(self.mean)) / np.asarray(self.scale)
        return standard @ np.asarray(self.coef)
