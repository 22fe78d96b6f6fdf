"""Lines of standard input, read as bytes: a line that is not UTF-8 is reported and skipped,
the others still read (``treatybot ask`` from a pipe, ``treatybot chat``)."""

from __future__ import annotations

from typing import TextIO


def undecodable(exc: UnicodeDecodeError) -> str:
    """What is wrong with a line that is not UTF-8, in a few words."""
    return f"not valid UTF-8 (its byte {exc.start + 1} is 0x{exc.object[exc.start]:02x})"


def read_line(stream: TextIO) -> str | UnicodeDecodeError | None:
    """The next line without its end, decoded from the bytes (``None`` at the end; the error
    when it is not UTF-8, so that one bad line is reported and the others still read)."""
    buffer = getattr(stream, "buffer", None)
    raw = buffer.readline() if buffer is not None else stream.readline()
    if not raw:
        return None
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc
    return raw.rstrip("\n").rstrip("\r")
