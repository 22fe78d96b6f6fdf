"""Stage four: does the best paragraph answer? A logistic model over a few features of the
ranker's best unit gives the probability that the report has no answer; two thresholds, chosen
by ``bench/tune.py`` on questions the model was not fitted on, split it three ways."""

from __future__ import annotations

import math
from dataclasses import dataclass

YES, CLOSEST, NO = "yes", "closest", "no"


@dataclass(frozen=True)
class Answerability:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    # No-answer probability from which the best paragraph is only the closest, then nothing.
    closest: float
    no: float

    @classmethod
    def from_dict(cls, data: dict) -> Answerability:
        vectors = (tuple(data[k]) for k in ("features", "mean", "scale", "coef"))
        return cls(*vectors, data["intercept"], data["closest"], data["no"])

    def probability(self, values: dict[str, float]) -> float:
        """The probability that the report does not answer; a missing (NaN) feature counts as
        the average question's."""
        z = self.intercept + sum(
            c * (values[name] - m) / s
            for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
            if not math.isnan(values[name])
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))

    def decide(self, probability: float) -> str:
        if probability < self.closest:
            return YES
        return CLOSEST if probability < self.no else NO
