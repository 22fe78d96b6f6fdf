"""No log line carries the bot token, a question or a user id, whoever writes it.

The project's own records name paragraphs, languages and timings only. Libraries are another
matter: python-telegram-bot logs the whole received update when it cannot process it ("Received
data was *not* processed!"), its InvalidToken message quotes the token, and httpx logs request
URLs, which hold the token. A filter on every handler of the root logger therefore (1) keeps a
library record's format string but replaces its arguments, except exceptions, which are kept as
their type and redacted text, and (2) removes anything shaped like a bot token from every
message and traceback.
"""

from __future__ import annotations

import logging
import re

# 123456789:AA... (a bot id, a colon, 35 characters); also the token as the bot was given it.
_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}\b")
_LIBRARIES = ("telegram", "httpx", "httpcore", "tornado", "apscheduler")
REDACTED = "[redacted]"


class Redact(logging.Filter):
    def __init__(self, token: str = "") -> None:
        super().__init__()
        self._token = token

    def redact(self, text: str) -> str:
        if self._token:
            text = text.replace(self._token, REDACTED)
        return _TOKEN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(_LIBRARIES) and record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(self._keep(arg) for arg in args)
        record.msg = self.redact(str(record.msg))
        if record.args:
            record.args = tuple(
                self.redact(a) if isinstance(a, str) else a
                for a in (record.args if isinstance(record.args, tuple) else (record.args,))
            )
        if record.exc_info:
            # Formatted here and redacted (a handler that ran first may have cached it whole);
            # handlers print exc_text as it is.
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True

    def _keep(self, arg: object) -> object:
        """An exception as its type and redacted message; anything else (an update, a dict of
        received data, a user id) replaced."""
        if isinstance(arg, BaseException):
            return f"{type(arg).__name__}: {self.redact(str(arg))}"
        return REDACTED


def install(token: str = "") -> Redact:
    """Put the filter on every handler of the root logger (and on the root logger itself)."""
    redact = Redact(token)
    root = logging.getLogger()
    for where in (root, *root.handlers):
        for old in [f for f in where.filters if isinstance(f, Redact)]:
            where.removeFilter(old)
        where.addFilter(redact)
    return redact
