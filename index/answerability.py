"""Stage four: does the best paragraph answer? A logistic model over a few features of the
ranker's best unit and of the question (``index/wording.py``), and over every product of two of
them, gives the probability that the report has no answer; two thresholds, chosen by
``bench/tune.py`` on questions the model was not fitted on, split it three ways.

The products let the model weigh combinations: a figure the paragraph lacks counts for more
when the paragraph otherwise covers the question well. Held out by author they refused 46% of
the unanswerable questions where the features alone refused 40%, at the same 3% of answerable
ones (``bench/tune.py``; a gradient-boosted model on the same features did no better)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

YES, CLOSEST, NO = "yes", "closest", "no"


CLIP = 3.0  # standard deviations: a product of two outliers would otherwise swamp the rest


def with_products(z: Sequence[float]) -> list[float]:
    """Standardised features, clipped to +-CLIP, then the product of each pair (squares
    included): a question scored far beyond anything seen in fitting is read as a strong one,
    not extrapolated from a square."""
    z = [min(max(v, -CLIP), CLIP) for v in z]
    n = len(z)
    return [*z, *(z[i] * z[j] for i in range(n) for j in range(i, n))]


@dataclass(frozen=True)
class Answerability:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]  # one per term of ``with_products``
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
        z = [
            0.0 if math.isnan(values[name]) else (values[name] - m) / s
            for name, m, s in zip(self.features, self.mean, self.scale, strict=True)
        ]
        logit = self.intercept + sum(
            c * t for c, t in zip(self.coef, with_products(z), strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(logit, 60.0), -60.0)))

    def decide(self, probability: float, covered: bool = True) -> str:
        """Answer, closest or no. A paragraph that holds none of the question's words (nor a
        form of a Treaty term it names) is neither the answer nor close, whatever the model
        says: "Who won the World Cup?" shares no word with the report. Of 999 answerable
        questions held out, none had such a best paragraph; of 502 unanswerable, 14 did."""
        if not covered:
            return NO
        if probability < self.closest:
            return YES
        return CLOSEST if probability < self.no else NO
