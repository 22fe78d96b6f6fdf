"""``treatybot chat``: the bot in a terminal. Questions from the keyboard (or one per line from
a pipe) get the answers the bot gives, as plain text; ``/lang``, ``/para`` and ``/help`` work
as in a private chat."""

from __future__ import annotations

import sys

from bot.addresses import read_para_args
from bot.i18n import TABLES, t
from bot.stdin import read_line, undecodable
from bot.terminal import bold_for, paragraph_lines, render_answer, terminal_width
from bot.view import answer_view, out_of_range, quote_view
from bot.wrap import wrap
from index import Searcher

QUIT = frozenset({"quit", "exit", "/quit", "/exit"})


def chat(searcher: Searcher, width: int | None = None) -> int:
    """Questions from the keyboard (or one per line from a pipe), answers as the bot gives them;
    ``/lang xx``, ``/para N`` and ``/help`` as in a private chat, ``quit`` or ``exit`` to end."""
    interactive = sys.stdin.isatty()
    bold = bold_for(sys.stdout)
    width = width or terminal_width()
    chosen: str | None = None  # set by /lang
    lang = "en"  # what the terminal speaks: the chosen language, else the last question's
    if interactive:
        _say(t(lang, "terminal_help", languages=_languages()), width)
    number = 0
    while True:
        if interactive:
            _say(t(lang, "terminal_prompt"), width)
        line = read_line(sys.stdin)
        number += 1
        if line is None:
            return 0
        if isinstance(line, UnicodeDecodeError):
            print(f"treatybot: line {number} is {undecodable(line)}; skipped", file=sys.stderr)
            continue
        text = line.strip()
        if not text:
            if interactive:
                return 0
            continue
        if text.lower() in QUIT:
            return 0
        if text.startswith("/"):
            chosen = _command(searcher, text, lang, chosen, bold, width)
            lang = chosen or lang
            continue
        result = searcher.search(text)
        lang = chosen or result.lang
        print(render_answer(answer_view(result, lang), bold, width), flush=True)


def _command(
    searcher: Searcher,
    text: str,
    lang: str,
    chosen: str | None,
    bold: tuple[str, str],
    width: int,
) -> str | None:
    """A terminal command; returns the chosen language (changed by ``/lang xx``)."""
    name, _, arg = text.partition(" ")
    name, arg = name.lower(), arg.strip()
    if name == "/lang":
        code = arg.lower().replace("_", "-").split("-")[0]
        if code in TABLES:
            _say(t(code, "lang_set"), width)
            return code
        _say(t(lang, "terminal_lang_usage", languages=_languages()), width)
    elif name == "/para":
        library = searcher.library
        request = read_para_args(arg.split(), library)
        if not request.numbers:
            _say(t(lang, "para_usage"), width)
        if request.unknown:
            _say(t(lang, "unknown_document", name=request.unknown), width)
            return chosen
        for n in dict.fromkeys(request.numbers[:5]):
            doc = library.locate(n, request.doc)
            if doc is None:
                _say(out_of_range(library.document(request.doc), lang, n), width)
                continue
            view = quote_view(library.versions(n, doc), library.document(doc), lang)
            print("\n".join(paragraph_lines(view, bold, width)) + "\n", flush=True)
    else:
        _say(t(lang, "terminal_help", languages=_languages()), width)
    return chosen


def _languages() -> str:
    return ", ".join(f"{code} {t(code, 'language_name')}" for code in TABLES)


def _say(text: str, width: int) -> None:
    print("\n".join(wrap(text, width)), flush=True)
