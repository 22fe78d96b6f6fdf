"""Scoring a question file (the format of the eval set) exactly as its README says.

An abstention is an empty ranking. Answerable questions score top-1, recall@3 and MRR; a
no-answer question (``gold == []``) scores 1 on all three when the system abstains, else 0.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

METRICS = ("top1", "recall3", "mrr")


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    q: str
    gold: tuple[int, ...]
    type: str


def read_questions(path: Path) -> list[Question]:
    questions = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            questions.append(
                Question(d["id"], d["lang"], d["q"], tuple(int(g) for g in d["gold"]), d["type"])
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}, line {lineno}: not a question record ({exc})") from exc
    return questions


def score_one(gold: tuple[int, ...], ranking: list[int]) -> dict[str, float]:
    if not gold:
        hit = 1.0 if not ranking else 0.0
        return {"top1": hit, "recall3": hit, "mrr": hit}
    top1 = 1.0 if ranking[:1] and ranking[0] in gold else 0.0
    recall3 = len(set(gold) & set(ranking[:3])) / len(gold)
    mrr = next((1.0 / (i + 1) for i, n in enumerate(ranking) if n in gold), 0.0)
    return {"top1": top1, "recall3": recall3, "mrr": mrr}


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {m: sum(r[m] for r in rows) / len(rows) for m in METRICS} | {"n": len(rows)}


def summarise(questions: list[Question], rankings: list[list[int]]) -> dict:
    """Overall, per language and per type, plus the abstention shares and answerable-only top-1."""
    rows = [score_one(q.gold, r) for q, r in zip(questions, rankings)]
    by_lang: dict[str, list] = defaultdict(list)
    by_type: dict[str, list] = defaultdict(list)
    for q, row in zip(questions, rows):
        by_lang[q.lang].append(row)
        by_type[q.type].append(row)
    answerable = [(q, r, row) for q, r, row in zip(questions, rankings, rows) if q.gold]
    no_answer = [(q, r) for q, r in zip(questions, rankings) if not q.gold]
    return {
        "overall": _mean(rows),
        "by_lang": {k: _mean(v) for k, v in sorted(by_lang.items())},
        "by_type": {k: _mean(v) for k, v in sorted(by_type.items())},
        "answerable_top1": (
            sum(row["top1"] for _, _, row in answerable) / len(answerable) if answerable else 0.0
        ),
        "no_answer_abstained": sum(1 for _, r in no_answer if not r),
        "no_answer_total": len(no_answer),
        "answerable_abstained": sum(1 for _, r, _ in answerable if not r),
        "answerable_total": len(answerable),
    }
