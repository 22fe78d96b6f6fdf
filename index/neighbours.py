"""Stage four's memory: the questions the models were fitted on, as e5 vectors, each with
whether the report answered it. A new question's ``share`` is the share of unanswered ones among
its ``K`` nearest fitted questions (FAISS inner product).

Delegates who cannot find something ask about the same gaps in the report, in every language
and wording: held out by author (no question's own author among its neighbours), this share let
the answerability model refuse 60% of the unanswerable questions where it refused 44%, at the
same 3% of answerable ones (``bench/tune.py``). It is evidence about the documents the questions
were written against: a new document calls for questions on it and a refit.
"""

from __future__ import annotations

import base64
import logging
import math

import numpy as np

log = logging.getLogger(__name__)

# Neighbours read, each counting the same: a near-miss question ("how many in 2024 alone?") is
# the nearest neighbour of the one the report answers ("how many so far?"), so no single
# neighbour may decide. Held out by author, 20 equal neighbours did as well as 10 or 20 weighted
# by closeness.
K = 20


class Neighbours:
    """Fitted questions' vectors (L2-normalised, from the encoder named ``model``) and labels."""

    def __init__(
        self,
        model: str,
        vectors: np.ndarray,
        unanswered: np.ndarray,
        k: int = K,
    ) -> None:
        import faiss

        self.model = model
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.unanswered = np.asarray(unanswered, dtype=np.float64)
        self.k = k
        self._index = faiss.IndexFlatIP(self.vectors.shape[1]) if self.vectors.ndim == 2 else None
        if self._index is not None and len(self.vectors):
            self._index.add(self.vectors)

    @classmethod
    def empty(cls) -> Neighbours:
        return cls("", np.zeros((0, 0)), np.zeros(0))

    def for_encoder(self, model: str) -> Neighbours:
        """These questions, if the encoder ``model`` embedded them; else none (their vectors
        would not be comparable with its), which the answerability model reads as the average
        question, with one warning."""
        if self.model in ("", model):
            return self
        log.warning(
            "the fitted questions were embedded by %s, not by %s: answerability goes without "
            "them until bench/tune.py refits with this encoder",
            self.model,
            model,
        )
        return Neighbours.empty()

    def shares(self, vectors: np.ndarray) -> np.ndarray:
        """Per query vector, the share of unanswered among its ``k`` nearest fitted questions;
        NaN when there are none, or their vectors are of another size."""
        vectors = np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)
        index = self._index
        if index is None or not index.ntotal or vectors.shape[1] != index.d:
            return np.full(len(vectors), math.nan)
        _, ids = index.search(vectors, min(self.k, index.ntotal))
        return self.unanswered[ids].mean(axis=1)

    def share(self, vector: np.ndarray) -> float:
        return float(self.shares(vector)[0])

    def to_dict(self) -> dict:
        """For the fitted file: vectors as base64 float16, a float32 copy's 2 bytes per value
        (the labels' order is the vectors')."""
        return {
            "model": self.model,
            "k": self.k,
            "dim": int(self.vectors.shape[1]) if self.vectors.ndim == 2 else 0,
            "unanswered": "".join(str(int(u)) for u in self.unanswered),
            "vectors": base64.b64encode(self.vectors.astype("<f2").tobytes()).decode("ascii"),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Neighbours:
        unanswered = np.array([c == "1" for c in data["unanswered"]], dtype=np.float64)
        raw = np.frombuffer(base64.b64decode(data["vectors"]), dtype="<f2")
        vectors = raw.astype(np.float32).reshape(len(unanswered), int(data["dim"]))
        return cls(data["model"], vectors, unanswered, int(data["k"]))
