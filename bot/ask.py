"""What ``treatybot ask`` and ``treatybot eval`` print: answers to the question typed or to one
question per line of standard input (as text or JSON), and a question file's scores as tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.json_result import result_json
from bot.stdin import read_line, undecodable
from bot.terminal import bold_for, render_answer, terminal_width
from bot.view import answer_view
from index import Searcher, SearchResult, read_questions, summarise

BATCH = 32  # lines of standard input searched together, answered before the next are read


def typed_question(words: list[str]) -> str | None:
    """The question typed after ``ask`` (its words joined), or None to read standard input."""
    if not words:
        return None
    question = " ".join(words)
    try:
        question.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the question is not valid UTF-8 text") from None
    return question


def ask_lines(searcher: Searcher, as_json: bool) -> int:
    """One question per line of standard input, answered in order, a batch at a time; a line
    that is not UTF-8 is reported (a JSON error object, or one line on stderr) and skipped."""
    number, skipped = 0, 0
    while True:
        batch: list[tuple[int, str | UnicodeDecodeError]] = []
        while len(batch) < BATCH and (line := read_line(sys.stdin)) is not None:
            number += 1
            batch.append((number, line))
        questions = [q for _, q in batch if isinstance(q, str)]
        results = iter(searcher.search_many(questions) if questions else ())
        for n, line in batch:
            if isinstance(line, str):
                print_answers([next(results)], as_json)
                continue
            skipped += 1
            if as_json:
                print(json.dumps({"line": n, "error": undecodable(line)}), flush=True)
            else:
                print(f"treatybot: line {n} is {undecodable(line)}; skipped", file=sys.stderr)
        if len(batch) < BATCH:
            return 1 if skipped else 0


def print_answers(results: list[SearchResult], as_json: bool) -> None:
    bold, width = bold_for(sys.stdout), terminal_width()
    for result in results:
        if as_json:
            print(json.dumps(result_json(result), ensure_ascii=False), flush=True)
        else:
            print(render_answer(answer_view(result, result.lang), bold, width), flush=True)


def read_question_file(path: Path) -> list:
    try:
        return read_questions(path)
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        byte = exc.object[exc.start]
        raise ValueError(f"{path}, line {line}: not valid UTF-8 (byte 0x{byte:02x})") from exc
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from exc


def evaluate(searcher: Searcher, questions: list, as_json: bool) -> int:
    results = searcher.search_many([q.q for q in questions])
    rankings = [[] if r.abstained else [h.number for h in r.hits] for r in results]
    summary = summarise(questions, rankings)
    if as_json:
        print(json.dumps(summary, indent=1))
        return 0
    print(_table("overall", {"all": summary["overall"]}))
    print(_table("language", summary["by_lang"]))
    print(_table("type", summary["by_type"]))
    print(f"answerable-only top-1: {summary['answerable_top1']:.3f}")
    print(
        f"no-answer abstained: {summary['no_answer_abstained']}/{summary['no_answer_total']}; "
        f"answerable abstained: {summary['answerable_abstained']}/{summary['answerable_total']}"
    )
    return 0


def _table(title: str, rows: dict[str, dict]) -> str:
    lines = [f"| {title} | n | top-1 | recall@3 | MRR |", "|---|---:|---:|---:|---:|"]
    for name, m in rows.items():
        lines.append(
            f"| {name} | {m['n']} | {m['top1']:.3f} | {m['recall3']:.3f} | {m['mrr']:.3f} |"
        )
    return "\n".join(lines) + "\n"
