"""Fit the ranker and the answerability model on question files; estimate both by
cross-validation grouped by author; print the figures; with --write, save index/tuning.json.

    python bench/tune.py bench/tuning-questions.jsonl bench/dev.jsonl bench/authors/*.jsonl --write
    python bench/tune.py ... --check bench/check-questions.jsonl      # a set never fitted on
    python bench/tune.py ... --drop dense_sent                         # an ablation

Ranker: linear, fitted listwise (softmax over every unit of a question, L2), on standardised
features (``index/features.py``). Answerability: logistic regression (class-balanced, L2) over
the features of the ranker's best unit and the question model's log-odds; the question model is
itself a logistic regression over the question's e5 vector (``index/wording.py``). Groups: a
question's ``author`` field, else its file. Each group's questions are ranked and judged by
models fitted on the other groups only (the ranker, the question model and the answerability
model), and the thresholds are read from those held-out probabilities, never from in-sample
ones: "closest" from the probability above which ``--max-abstained`` of the answerable
questions fall, "no" from ``--max-refused``.
Needs the ``bench`` extra (scikit-learn, scipy).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index import load_encoder, open_index  # noqa: E402
from index.answerability import Answerability, with_products  # noqa: E402
from index.features import (  # noqa: E402
    ANSWER_FEATURES,
    RANKING_FEATURES,
    SIGNALS,
    answer_features,
    covered,
    ranking_matrix,
)
from index.ranker import LinearRanker  # noqa: E402
from index.refs import find_references  # noqa: E402
from index.shorthand import expand  # noqa: E402
from index.tuning import TUNING_FILE, Tuning  # noqa: E402
from index.wording import Wording  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GROUPS = {
    **{s: tuple(f for f in RANKING_FEATURES if f.startswith(s + "_")) for s in SIGNALS},
    "scores": tuple(f for f in RANKING_FEATURES if f.endswith(("_raw", "_z"))),
    "coverage": ("coverage",),
    "missing": ("missing",),
}


@dataclass(frozen=True)
class Row:
    """One question, as the models see it."""

    id: str
    group: str
    lang: str
    gold: tuple[int, ...]
    matrix: np.ndarray  # units x ranking features
    target: np.ndarray  # 1.0 on the gold units
    evidence: object
    decision: bool
    vector: np.ndarray  # the question's e5 vector, which the wording model reads


def read(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for r in rows:
        r.setdefault("author", path.stem)
    return rows


def prepare(searcher, questions: list[dict], shorthand: bool) -> list[Row]:
    texts = [q["q"] for q in questions]
    langs = [searcher.language(t) for t in texts]
    queries = [expand(t, lang) if shorthand else t for t, lang in zip(texts, langs, strict=True)]
    vectors = searcher.encode(queries)
    units = [n for _, n in searcher.units]
    rows = []
    for i, q in enumerate(questions):
        evidence = searcher.candidates.gather(queries[i], langs[i], vectors[i])
        target = np.array([float(n in q["gold"]) for n in units])
        rows.append(
            Row(
                q["id"],
                q["author"],
                q["lang"],
                tuple(q["gold"]),
                ranking_matrix(evidence),
                target,
                evidence,
                "decision" in evidence.asked,
                vectors[i],
            )
        )
    return rows


def fit_ranker(rows: list[Row], l2: float, keep: np.ndarray) -> LinearRanker:
    """Listwise: maximise each question's softmax probability of its gold units."""
    train = [r for r in rows if r.target.any()]
    stacked = np.vstack([r.matrix for r in train])
    mean, scale = stacked.mean(0), stacked.std(0) + 1e-9
    # Questions x units x features: every question is ranked over the same units.
    m = np.stack([((r.matrix - mean) / scale)[:, keep] for r in train])
    gold = np.stack([r.target > 0 for r in train])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = m @ w
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        pg = (p * gold).sum(axis=1) + 1e-12
        expected_gold = np.einsum("qu,quf->qf", p * gold, m) / pg[:, None]
        expected_all = np.einsum("qu,quf->qf", p, m)
        total = -np.log(pg).mean() + l2 * w @ w
        return total, -(expected_gold - expected_all).mean(axis=0) + 2 * l2 * w

    w = minimize(loss, np.zeros(keep.sum()), jac=True, method="L-BFGS-B").x
    coef = np.zeros(len(RANKING_FEATURES))
    coef[keep] = w
    return LinearRanker(RANKING_FEATURES, tuple(mean), tuple(scale), tuple(coef))


def scores_of(ranker: LinearRanker, row: Row) -> np.ndarray:
    scores = ranker.score(row.matrix)
    if row.decision:
        scores = scores + row.evidence.lists["fits"] * (1.0 + float(np.ptp(scores)))
    return scores


def features_of(
    ranker: LinearRanker, rows: list[Row], drop: set[str], wording: np.ndarray
) -> np.ndarray:
    out = []
    for r, w in zip(rows, wording, strict=True):
        s = scores_of(ranker, r)
        values = answer_features(r.evidence, s, int(np.argmax(s)), w)
        out.append([0.0 if n in drop else values[n] for n in ANSWER_FEATURES])
    return np.array(out)


def fit_answerability(x: np.ndarray, y: np.ndarray, c: float) -> Answerability:
    """Logistic regression over the standardised features and their pairwise products; the
    products' own standardisation is folded into the coefficients, so that the bot computes
    only ``with_products`` and a dot product."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    terms = np.array([with_products(z) for z in np.nan_to_num((x - mean) / scale)])
    t_mean, t_scale = terms.mean(0), terms.std(0) + 1e-9
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit((terms - t_mean) / t_scale, y)
    coef = model.coef_[0] / t_scale
    return Answerability(
        ANSWER_FEATURES,
        tuple(mean),
        tuple(scale),
        tuple(coef),
        float(model.intercept_[0] - coef @ t_mean),
        0.5,
        1.0,
    )


def probabilities(model: Answerability, x: np.ndarray) -> np.ndarray:
    return np.array([model.probability(dict(zip(ANSWER_FEATURES, v, strict=True))) for v in x])


def threshold(p_answerable: np.ndarray, share: float) -> float:
    """The probability above which at most ``share`` of the answerable questions fall."""
    ordered = np.sort(p_answerable)
    return float(ordered[-int(share * len(ordered)) - 1]) + 1e-6


def fit_wording(rows: list[Row], pool: np.ndarray, c: float, model: str = "") -> Wording:
    """Logistic regression (class-balanced, L2) over the e5 vectors of the questions ``pool``
    (positions in ``rows``): is the question one the report does not answer?"""
    vectors = np.stack([rows[i].vector for i in pool])
    unanswered = np.array([0 if rows[i].gold else 1 for i in pool])
    fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    fitted.fit(vectors, unanswered)
    return Wording(model, tuple(float(c) for c in fitted.coef_[0]), float(fitted.intercept_[0]))


def logits(wording: Wording, rows: list[Row], positions: np.ndarray) -> np.ndarray:
    return np.array([wording.logit(rows[i].vector) for i in positions])


def wording_logits(
    rows: list[Row], groups: np.ndarray, c: float, excluded: str | None = None
) -> np.ndarray:
    """Each question's wording log-odds from a model fitted on other authors' questions only
    (and not on the group ``excluded``, the one held out): no question is read by a model that
    saw it or its author's, as no question of the bot's users will be."""
    out = np.full(len(rows), np.nan)
    for g in dict.fromkeys(groups):
        if g == excluded:
            continue
        own = np.flatnonzero(groups == g)
        pool = np.flatnonzero((groups != g) & (groups != excluded))
        out[own] = logits(fit_wording(rows, pool, c), rows, own)
    return out


def cross_validate(rows, args, keep, drop):
    """Out-of-fold top unit and no-answer probability per question, one fold per group."""
    top = np.zeros(len(rows), dtype=int)
    prob = np.zeros(len(rows))
    groups = np.array([r.group for r in rows])
    y = np.array([0 if r.gold else 1 for r in rows])
    for g in dict.fromkeys(groups):
        held = np.flatnonzero(groups == g)
        train = np.flatnonzero(groups != g)
        ranker = fit_ranker([rows[i] for i in train], args.l2, keep)
        wording = wording_logits(rows, groups, args.wording_c, excluded=g)
        wording[held] = logits(fit_wording(rows, train, args.wording_c), rows, held)
        x = features_of(ranker, rows, drop, wording)
        model = fit_answerability(x[train], y[train], args.c)
        prob[held] = probabilities(model, x[held])
        for i in held:
            top[i] = int(np.argmax(scores_of(ranker, rows[i])))
    return top, refuse_uncovered(rows, top, prob)


def refuse_uncovered(rows: list[Row], top: np.ndarray, prob: np.ndarray) -> np.ndarray:
    """Probability 1 where the best unit holds none of the question's words: the bot refuses
    those whatever the model says (``Answerability.decide``)."""
    held = np.array([covered(r.evidence, t) for r, t in zip(rows, top, strict=True)])
    return np.where(held, prob, 1.0)


def own_thresholds(
    prob: np.ndarray, answerable: np.ndarray, groups: np.ndarray, share: float
) -> np.ndarray:
    """Abstained or not, each group judged at the threshold the other groups' held-out
    probabilities give: the pooled threshold has also seen the group's own answerable ones."""
    out = np.zeros(len(prob), dtype=bool)
    for g in dict.fromkeys(groups):
        mine = groups == g
        out[mine] = prob[mine] >= threshold(prob[answerable & ~mine], share)
    return out


def report(title: str, rows: list[Row], top: np.ndarray, prob, closest: float, units) -> None:
    """Top-1 over answerable questions and the abstention, overall and per group and language."""
    print(f"\n{title}\n")
    print("| set | top-1 (eval) | answerable top-1 | answerable abstained | no-answer abstained |")
    print("|---|---:|---:|---:|---:|")
    by: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by["all"].append(i)
        by[f"group {r.group}"].append(i)
        by[f"lang {r.lang}"].append(i)
    for name, idx in by.items():
        ans = [i for i in idx if rows[i].gold]
        na = [i for i in idx if not rows[i].gold]
        right = [units[top[i]] in rows[i].gold for i in ans]
        abstained = [prob[i] >= closest for i in idx]
        score = sum(
            (not a) and units[top[i]] in rows[i].gold if rows[i].gold else a
            for i, a in zip(idx, abstained, strict=True)
        )
        print(
            f"| {name} | {score / len(idx):.3f} | {np.mean(right) if ans else 0:.3f} "
            f"| {sum(prob[i] >= closest for i in ans)}/{len(ans)} "
            f"| {sum(prob[i] >= closest for i in na)}/{len(na)} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--index-dir", type=Path, default=REPO / ".cache" / "bench-index")
    parser.add_argument("--check", type=Path, help="a question file never fitted on, to score")
    parser.add_argument("--max-abstained", type=float, default=0.03)
    parser.add_argument("--max-refused", type=float, default=0.005)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--c", type=float, default=0.3, help="answerability's inverse L2")
    parser.add_argument("--drop", default="", help=f"feature groups to leave out: {list(GROUPS)}")
    parser.add_argument("--no-shorthand", action="store_true")
    parser.add_argument("--wording-c", type=float, default=10.0, help="its inverse L2")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--dump", type=Path, help="write each question's held-out result here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    dropped = [g for g in args.drop.split(",") if g]
    unknown = [g for g in dropped if g not in GROUPS and g not in ANSWER_FEATURES]
    if unknown:
        parser.error(f"unknown groups {unknown}: choose from {list(GROUPS)} or {ANSWER_FEATURES}")
    keep = np.array([not any(f in GROUPS.get(g, ()) for g in dropped) for f in RANKING_FEATURES])
    drop = {g for g in dropped if g in ANSWER_FEATURES}

    searcher = open_index(REPO / "knowledge", args.index_dir, load_encoder(), Tuning.untrained())
    units = [n for _, n in searcher.units]
    questions = [q for path in args.files for q in read(path)]
    # A paragraph reference is answered before any model: nothing to learn from it.
    questions = [q for q in questions if not find_references(q["q"], q["lang"])]
    rows = prepare(searcher, questions, not args.no_shorthand)
    y = np.array([0 if r.gold else 1 for r in rows])
    answerable = y == 0

    top, prob = cross_validate(rows, args, keep, drop)
    closest = threshold(prob[answerable], args.max_abstained)
    refused = threshold(prob[answerable], args.max_refused)
    curve = ", ".join(
        f"{share:.0%}: {np.mean(prob[~answerable] >= threshold(prob[answerable], share)):.0%}"
        for share in (0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2)
    )
    print(f"held out, no-answer abstained when at most x% of answerable are: {curve}")
    groups = np.array([r.group for r in rows])
    own = own_thresholds(prob, answerable, groups, args.max_abstained)
    print(
        "held out, each group's threshold read from the other groups' probabilities only: "
        f"answerable abstained {np.sum(own & answerable)}/{np.sum(answerable)}, "
        f"no-answer abstained {np.sum(own & ~answerable)}/{np.sum(~answerable)}"
    )
    report(
        f"Held out, grouped by author ({len(set(r.group for r in rows))} groups; "
        f"thresholds {closest:.3f} / {refused:.3f})",
        rows,
        top,
        prob,
        closest,
        units,
    )

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for r, t, p, q in zip(rows, top, prob, questions, strict=True):
                record = {"id": r.id, "q": q["q"], "gold": r.gold, "top": units[t], "p": p}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    ranker = fit_ranker(rows, args.l2, keep)
    x = features_of(ranker, rows, drop, wording_logits(rows, groups, args.wording_c))
    fitted = fit_answerability(x, y, args.c)
    wording = fit_wording(rows, np.arange(len(rows)), args.wording_c, searcher.encoder.model_id)
    model = Answerability(
        fitted.features,
        fitted.mean,
        fitted.scale,
        fitted.coef,
        fitted.intercept,
        closest,
        max(refused, closest),
    )
    print("\nranker:", {n: round(c, 2) for n, c in zip(RANKING_FEATURES, ranker.coef) if c})
    print("answerability:", {n: round(c, 2) for n, c in zip(ANSWER_FEATURES, model.coef)})
    if args.check:
        check = read(args.check)
        check = [q for q in check if not find_references(q["q"], q["lang"])]
        check_rows = prepare(searcher, check, not args.no_shorthand)
        check_top = np.array([int(np.argmax(scores_of(ranker, r))) for r in check_rows])
        check_wording = logits(wording, check_rows, np.arange(len(check_rows)))
        check_prob = refuse_uncovered(
            check_rows,
            check_top,
            probabilities(model, features_of(ranker, check_rows, drop, check_wording)),
        )
        report(
            f"{args.check.name}, never fitted on", check_rows, check_top, check_prob, closest, units
        )
    if args.write:
        ans = rows_summary(rows, top, prob, closest, units)
        data = {
            "provenance": {
                "written_by": "bench/tune.py",
                "files": [str(p) for p in args.files],
                "groups": sorted({r.group for r in rows}),
                "questions": len(rows),
                "held_out_by_author": ans,
            },
            "ranker": {
                "features": list(RANKING_FEATURES),
                "mean": [round(v, 6) for v in ranker.mean],
                "scale": [round(v, 6) for v in ranker.scale],
                "coef": [round(v, 6) for v in ranker.coef],
            },
            "answerability": {
                "features": list(ANSWER_FEATURES),
                "mean": [round(v, 6) for v in model.mean],
                "scale": [round(v, 6) for v in model.scale],
                "coef": [round(v, 6) for v in model.coef],
                "intercept": round(model.intercept, 6),
                "closest": round(model.closest, 6),
                "no": round(model.no, 6),
            },
            "wording": wording.to_dict(),
        }
        TUNING_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TUNING_FILE}")
    return 0


def rows_summary(rows, top, prob, closest, units) -> dict:
    ans = [i for i, r in enumerate(rows) if r.gold]
    na = [i for i, r in enumerate(rows) if not r.gold]
    return {
        "answerable_top1": round(float(np.mean([units[top[i]] in rows[i].gold for i in ans])), 4),
        "answerable_abstained": round(float(np.mean([prob[i] >= closest for i in ans])), 4),
        "no_answer_abstained": round(float(np.mean([prob[i] >= closest for i in na])), 4),
    }


if __name__ == "__main__":
    sys.exit(main())
