"""The fitted parameters: one JSON file written by ``bench/tune.py``, with its provenance (the
question files and the cross-validated figures). Its feature names are checked against the code
when it is loaded: a model fitted on other features would score nonsense silently."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from index.answerability import Answerability, with_products
from index.features import ANSWER_FEATURES, RANKING_FEATURES
from index.ranker import LinearRanker
from index.wording import Wording

TUNING_FILE = Path(__file__).with_name("tuning.json")


class TuningMismatch(ValueError):
    """The fitted file does not match the code; the message says what to run."""


@dataclass(frozen=True)
class Tuning:
    ranker: LinearRanker
    answerability: Answerability
    provenance: dict
    wording: Wording

    @classmethod
    def untrained(cls) -> Tuning:
        """Reciprocal ranks summed, never a refusal: what ``bench/tune.py`` starts from."""
        n = len(RANKING_FEATURES)
        coef = tuple(1.0 if name.endswith("_rr") else 0.0 for name in RANKING_FEATURES)
        ranker = LinearRanker(RANKING_FEATURES, (0.0,) * n, (1.0,) * n, coef)
        m = len(ANSWER_FEATURES)
        terms = len(with_products([0.0] * m))
        never = Answerability(
            ANSWER_FEATURES, (0.0,) * m, (1.0,) * m, (0.0,) * terms, -60.0, 0.5, 1.0
        )
        return cls(ranker, never, {"written_by": "untrained"}, Wording.empty())

    @classmethod
    def load(cls, path: Path = TUNING_FILE) -> Tuning:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tuning = cls(
                LinearRanker.from_dict(data["ranker"]),
                Answerability.from_dict(data["answerability"]),
                data.get("provenance", {}),
                Wording.from_dict(data["wording"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise TuningMismatch(
                f"{path} is unreadable: refit it with bench/tune.py --write"
            ) from exc
        for name, fitted, code in (
            ("ranker", tuning.ranker.features, RANKING_FEATURES),
            ("answerability", tuning.answerability.features, ANSWER_FEATURES),
        ):
            if tuple(fitted) != tuple(code):
                raise TuningMismatch(
                    f"{path}: its {name} was fitted on other features than the code computes; "
                    "refit it with bench/tune.py --write"
                )
        return tuning
