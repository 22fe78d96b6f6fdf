"""Fit the fusion weights and the abstention model on question files; print how they score.

    python bench/tune.py bench/tuning-questions.jsonl ../shared/eval/dev.jsonl --write

Weights: a small grid over how much each kind of evidence counts, chosen by top-1 on the
answerable questions of all files together; among the many that tie, the one whose abstention
scores best on held-out questions (below). Abstention: a logistic regression (L2, balanced
classes) over the features ``Searcher.features`` computes, with the threshold set so that at most
``--max-abstained`` of the answerable questions are abstained. ``--write`` saves
``index/tuning.json``; without it nothing changes. ``--cross-validate`` also estimates how the
abstention does on questions it was not fitted on: five folds, five shuffles, each held-out
question scored by a model (and threshold) fitted on the other folds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index import load_encoder, open_index, read_questions  # noqa: E402
from index.fuse import AbstentionModel  # noqa: E402
from index.search import TUNING_FILE, Tuning, fused_scores  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GRID = {
    "lex": [0.3, 0.5, 0.75, 1.0],
    "lex_zh": [0.0, 0.3, 0.6],
    "lex_other": [0.0, 0.2, 0.4],
    "fuzzy": [0.3, 0.6, 1.0],
    "rrf_k": [5, 10, 20],
    "answer_bonus": [0.0, 0.02, 0.05],
}


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 200) -> tuple:
    """Newton's method on the L2-regularised, class-balanced log loss; x is standardised."""
    n, d = x.shape
    weight = np.where(y == 1, n / (2 * y.sum()), n / (2 * (n - y.sum())))
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ beta))
        grad = xb.T @ (weight * (p - y)) + penalty * beta
        hess = (xb * (weight * p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def fit_abstention(
    names: list[str], x: np.ndarray, y: np.ndarray, l2: float, max_abstained: float
) -> AbstentionModel:
    """The logistic model on features ``x`` (y = 1: no answer), with the threshold that
    abstains at most ``max_abstained`` of the answerable rows."""
    mean, scale = np.nanmean(x, 0), np.nanstd(x, 0) + 1e-9
    x = np.where(np.isnan(x), mean, x)  # missing counts as average, as at query time
    coef, intercept = fit_logistic((x - mean) / scale, y, l2)
    model = AbstentionModel(names, mean.tolist(), scale.tolist(), coef.tolist(), intercept, 0.5)
    probs = np.sort([model.probability(dict(zip(names, row, strict=True))) for row in x[y == 0]])
    threshold = float(probs[-int(max_abstained * len(probs)) - 1]) + 1e-6
    return replace(model, threshold=threshold)


def held_out_abstained(
    names: list[str], x: np.ndarray, y: np.ndarray, l2: float, max_abstained: float
) -> np.ndarray:
    """For each row, the share of shuffles in which a model fitted on the other folds (and its
    threshold) abstains on it: five folds, five shuffles."""
    shuffles, folds = 5, 5
    abstained = np.zeros(len(y))
    for seed in range(shuffles):
        order = np.random.default_rng(seed).permutation(len(y))
        for held in np.array_split(order, folds):
            train = np.setdiff1d(order, held)
            model = fit_abstention(names, x[train], y[train], l2, max_abstained)
            for i in held:
                probability = model.probability(dict(zip(names, x[i], strict=True)))
                abstained[i] += probability >= model.threshold
    return abstained / shuffles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--index-dir", type=Path, default=REPO / ".cache" / "bench-index")
    parser.add_argument("--max-abstained", type=float, default=0.02)
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--cross-validate", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    searcher = open_index(REPO / "knowledge", args.index_dir, load_encoder())
    questions = [(path.name, q) for path in args.files for q in read_questions(path)]
    questions = [(name, q) for name, q in questions if q.type != "para-ref"]
    vectors = searcher.encoder.encode_query([q.q for _, q in questions])
    evidence = []
    for (name, q), vector in zip(questions, vectors, strict=True):
        lang = searcher.language(q.q)
        evidence.append((name, q, lang, searcher.evidence(q.q, lang, vector)))

    def top1(tuning, rows):
        best = [int(np.argmax(fused_scores(ev, tuning))) for _, _, _, ev in rows]
        return [searcher.units[i][1] in q.gold for i, (_, q, _, _) in zip(best, rows, strict=True)]

    def mrr(tuning, rows):
        total = 0.0
        for _, q, _, ev in rows:
            order = np.argsort(-fused_scores(ev, tuning), kind="stable")
            ranked = [searcher.units[i][1] for i in order]
            total += next((1 / (r + 1) for r, n in enumerate(ranked) if n in q.gold), 0.0)
        return total

    answerable = [row for row in evidence if row[1].gold]
    correct_of = {id(row): i for i, row in enumerate(answerable)}
    y = np.array([0.0 if q.gold else 1.0 for _, q, _, _ in evidence])

    def features(tuning) -> tuple[list[str], np.ndarray]:
        searcher.tuning = tuning
        rows = []
        for _, q, lang, ev in evidence:
            fused = fused_scores(ev, tuning)
            rows.append(searcher.features(q.q, lang, ev, fused, int(np.argmax(fused))))
        names = list(rows[0])
        return names, np.array([[r[n] for n in names] for r in rows])

    def held_out_score(tuning) -> float:
        """What the eval counts, on questions the abstention was not fitted on: unanswerable
        ones abstained, answerable ones answered with the right paragraph first."""
        names, x = features(tuning)
        abstained = held_out_abstained(names, x, y, args.l2, args.max_abstained)
        hits = top1(tuning, answerable)
        right = np.array([hits[correct_of[id(row)]] if row[1].gold else 0 for row in evidence])
        return float(np.sum(abstained * (y == 1)) + np.sum((1 - abstained) * right))

    scored = []
    for lex, zh, other, fuzzy, k, bonus in itertools.product(*GRID.values()):
        weights = {"dense": 1.0, "lex": lex, "lex_zh": zh, "lex_other": other, "fuzzy": fuzzy}
        tuning = replace(Tuning.load(), weights=weights, rrf_k=k, answer_bonus=bonus)
        scored.append((sum(top1(tuning, answerable)), mrr(tuning, answerable), tuning))
    # Top-1 first; among equals (there are many), the weights whose abstention does best on
    # held-out questions, then the ranking that puts the answer higher (MRR).
    most = max(s[0] for s in scored)
    tied = [(held_out_score(t), m, t) for top, m, t in scored if top == most]
    held, _, tuning = max(tied, key=lambda s: s[:2])
    print(
        f"weights {tuning.weights} rrf_k {tuning.rrf_k} answer_bonus {tuning.answer_bonus}: "
        f"top-1 {most}/{len(answerable)} answerable ({len(tied)} weightings tie; this one "
        f"scores {held:.1f}/{len(evidence)} held out)"
    )

    names, x = features(tuning)
    rows = [dict(zip(names, row, strict=True)) for row in x]
    model = fit_abstention(names, x, y, args.l2, args.max_abstained)
    probs = np.array([model.probability(r) for r in rows])
    threshold = model.threshold
    print(f"threshold {threshold:.3f}")
    print("| file | no-answer abstained | answerable abstained | answerable top-1 |")
    print("|---|---:|---:|---:|")
    for name in dict.fromkeys(n for n, _, _, _ in evidence):
        idx = [i for i, row in enumerate(evidence) if row[0] == name]
        na = [i for i in idx if y[i] == 1]
        ans = [i for i in idx if y[i] == 0]
        hits = top1(tuning, [evidence[i] for i in ans])
        print(
            f"| {name} | {sum(probs[i] >= threshold for i in na)}/{len(na)} "
            f"| {sum(probs[i] >= threshold for i in ans)}/{len(ans)} | {sum(hits)}/{len(ans)} |"
        )
    print("coefficients:", {n: round(c, 3) for n, c in zip(names, model.coef, strict=True)})
    if args.cross_validate:
        abstained = held_out_abstained(names, x, y, args.l2, args.max_abstained)
        files = np.array([name for name, _, _, _ in evidence])
        print("held out (5 folds x 5 shuffles, mean abstained):")
        print("| file | no-answer abstained | answerable abstained |")
        print("|---|---:|---:|")
        for name in dict.fromkeys(files):
            na, ans = (files == name) & (y == 1), (files == name) & (y == 0)
            print(
                f"| {name} | {abstained[na].sum():.1f}/{na.sum()} "
                f"| {abstained[ans].sum():.1f}/{ans.sum()} |"
            )
    if args.write:
        data = {
            "comment": "Written by bench/tune.py from: " + ", ".join(p.name for p in args.files),
            "weights": tuning.weights,
            "rrf_k": tuning.rrf_k,
            "answer_bonus": tuning.answer_bonus,
            "abstention": {
                "features": names,
                "mean": [round(v, 6) for v in model.mean],
                "scale": [round(v, 6) for v in model.scale],
                "coef": [round(v, 6) for v in model.coef],
                "intercept": round(model.intercept, 6),
                "threshold": round(model.threshold, 6),
            },
        }
        TUNING_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TUNING_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
