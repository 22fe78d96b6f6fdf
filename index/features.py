"""Stage two: what the ranker and the answerability model read.

Ranking: for each signal, its raw score, its z-score among the question's units, and its
reciprocal rank (scores carry how far apart two paragraphs are, which ranks alone lose); then
coverage and missing constraints as they are. Answerability: how the best
unit stands out, how much of the question it covers, whether it holds what was asked, and
how a question worded like this one tends to fare (``index/wording.py``).
"""

from __future__ import annotations

import numpy as np

from index.candidates import Evidence

SIGNALS = ("dense", "dense_sent", "lex", "lex_zh", "lex_other", "fuzzy")
# Answer-type fit is left to the answerability model ("unmet"): as a ranking feature it moved a
# paragraph that holds some figure above the one on the question's topic, and an unanswerable
# "how many" question then found a paragraph that seemed to answer it (held out by author, the
# ranker without it refused 118 of 298 unanswerable questions against 100, answerable top-1
# 0.917 against 0.920).
PLAIN = ("coverage", "coverage_idf", "missing")
RANKING_FEATURES = (
    tuple(f"{signal}_{kind}" for signal in SIGNALS for kind in ("raw", "z", "rr")) + PLAIN
)
ANSWER_FEATURES = (
    "margin",
    "score",
    "dense_z",
    "dense_sent_z",
    "lex_z",
    "coverage",
    "coverage_idf",
    "unknown",
    "missing",
    "unmet",
    "wording",
)


def zscores(scores: np.ndarray) -> np.ndarray:
    sd = float(scores.std())
    return (scores - scores.mean()) / sd if sd > 0 else np.zeros_like(scores)


def reciprocal_ranks(scores: np.ndarray) -> np.ndarray:
    """1 for the best unit, 1/2 for the next...; 0 where a signal found nothing (score <= 0)."""
    order = np.argsort(-scores, kind="stable")
    rr = np.zeros(len(scores))
    rr[order] = 1.0 / np.arange(1, len(scores) + 1)
    rr[scores <= 0] = 0.0
    return rr


def ranking_matrix(evidence: Evidence) -> np.ndarray:
    """One row per unit, one column per name in ``RANKING_FEATURES``."""
    columns = []
    for signal in SIGNALS:
        scores = evidence.lists[signal]
        columns += [scores, zscores(scores), reciprocal_ranks(scores)]
    columns += [evidence.lists[name] for name in PLAIN]
    return np.column_stack(columns)


def covered(evidence: Evidence, top: int) -> bool:
    """Whether unit ``top`` holds at least one of the question's words (or a form of a Treaty
    term it names): one it does not is never quoted (``Answerability.decide``)."""
    return bool(evidence.lists["coverage"][top] > 0)


def answer_features(
    evidence: Evidence, scores: np.ndarray, top: int, wording: float
) -> dict[str, float]:
    """What the answerability model reads about the ranker's best unit ``top``, and
    ``wording``: the log-odds that a question worded like this one is not answered, read from
    its vector alone (``index/wording.py``; NaN, read as the average question, without the
    model)."""
    lists = evidence.lists
    others = np.delete(scores, top)
    lex = max(zscores(lists["lex"])[top], zscores(lists["lex_zh"])[top])
    return {
        "margin": float(scores[top] - others.max()) if others.size else 0.0,
        "score": float(scores[top]),
        "dense_z": float(zscores(lists["dense"])[top]),
        "dense_sent_z": float(zscores(lists["dense_sent"])[top]),
        "lex_z": float(lex),
        "coverage": float(lists["coverage"][top]),
        "coverage_idf": float(lists["coverage_idf"][top]),
        "unknown": float(evidence.unknown),
        "missing": float(lists["missing"][top]),
        # Asks "how many", "when", "who chairs"... of a paragraph that cannot say.
        "unmet": float(bool(evidence.asked) and not lists["fits"][top]),
        "wording": float(wording),
    }
