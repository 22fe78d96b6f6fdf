"""Stage four's reading of the question alone: a logistic model over the question's e5 vector,
fitted by ``bench/tune.py`` on questions the report does and does not answer, gives the log-odds
that a question worded like this one is one it does not answer.

Delegates who cannot find something ask about the same gaps, and in the same ways (a name, an
amount for one country, what a future session will decide), in every language. Held out by
author, this log-odds as the answerability model's eleventh feature let it refuse 67% of the
unanswerable questions, where the share of unanswered among the 20 nearest fitted questions let
it refuse 61% and neither 51%, at the same 3% of answerable ones. It is evidence about the
documents the questions were written against: a new document calls for questions on it and a
refit.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Wording:
    """The question model's weights over one encoder's vectors."""

    model: str  # the encoder whose vectors the weights read ("" for none)
    coef: tuple[float, ...]
    intercept: float

    @classmethod
    def empty(cls) -> Wording:
        return cls("", (), 0.0)

    @classmethod
    def from_dict(cls, data: dict) -> Wording:
        """The fitted file's entry; ``ValueError`` unless it is a model name, a list of finite
        weights and a finite intercept."""
        coef, intercept = data["coef"], float(data["intercept"])
        if not isinstance(data["model"], str) or not isinstance(coef, list):
            raise ValueError("the question model's entry is malformed")
        weights = tuple(float(c) for c in coef)
        if not all(math.isfinite(w) for w in (*weights, intercept)):
            raise ValueError("the question model's weights are not all finite")
        return cls(data["model"], weights, intercept)

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
        }

    def for_encoder(self, model: str, dim: int) -> Wording:
        """These weights, if they were fitted on the vectors of the encoder ``model`` (of size
        ``dim``); else none (they would read another space), which the answerability model
        takes as the average question, with one warning."""
        if not self.coef or (self.model == model and len(self.coef) == dim):
            return self
        log.warning(
            "the question model was fitted on vectors of %s, not of %s: answerability goes "
            "without it until bench/tune.py refits with this encoder",
            self.model,
            model,
        )
        return Wording.empty()

    def logit(self, vector: np.ndarray) -> float:
        """Log-odds that the question is one the report does not answer; NaN without weights
        for vectors of this size."""
        if len(self.coef) != len(vector):
            return math.nan
        return float(np.dot(np.asarray(self.coef), vector) + self.intercept)
