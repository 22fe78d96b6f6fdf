"""No log line carries the token, a question or a user id, whoever writes it."""

import io
import logging

import pytest
from telegram.error import InvalidToken

from bot.logfilter import REDACTED, Redact

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"


@pytest.fixture()
def captured():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    handler.addFilter(Redact(TOKEN))
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def test_ptb_dumping_an_update_it_could_not_process_keeps_no_content(captured):
    update = {"update_id": 1, "message": {"from": {"id": 987654321}, "text": "secret question"}}
    try:
        raise ValueError("bad update")
    except ValueError:
        logging.getLogger("telegram.ext._utils.webhookhandler").critical(
            "Something went wrong processing the data received from Telegram. "
            "Received data was *not* processed! Received data was: %r",
            update,
            exc_info=True,
        )
    text = captured.getvalue()
    assert "secret question" not in text and "987654321" not in text
    assert "not* processed" in text and REDACTED in text and "ValueError" in text


def test_the_token_never_appears_in_a_message_or_a_traceback(captured):
    try:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")
    except InvalidToken as exc:
        logging.getLogger("telegram.ext.Application").error("failed: %s", exc, exc_info=True)
    logging.getLogger("httpx").warning(f"HTTP Request: POST https://api/bot{TOKEN}/getMe")
    logging.getLogger("bot.anything").error("odd %s", f"bot{TOKEN}/x")
    text = captured.getvalue()
    assert TOKEN not in text and "AAHdqTcvCH1v" not in text
    assert text.count(REDACTED) >= 3 and "InvalidToken" in text


def test_the_projects_own_lines_are_kept(captured):
    logging.getLogger("bot.handlers").info(
        "answered where=%s lang=%s paragraph=%s", "private", "en", 26
    )
    assert "answered where=private lang=en paragraph=26" in captured.getvalue()
