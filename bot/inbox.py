"""The updates the bot owes an answer, and the answers already sent for them, in the state file.

An update is stored here before Telegram is told it arrived (the next ``getUpdates`` offset, or
the webhook's 200), and its text is dropped as soon as it has been handled: a crash or an outage
in between never loses a question. Each API call a handler makes is numbered within its update;
when an update is handled again (after a network failure, or after a restart), the calls that
already went through are answered from here instead of being made twice.

Sync and thread-safe; meant to be called off the event loop (``bot/delivery.py``).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

BUSY_TIMEOUT = 0.2
GIVE_UP_AFTER = 15 * 60  # seconds an answer keeps being retried (Telegram's own limit is 24 h)
MAX_BACKOFF = 30.0
# Handled updates are remembered (without their text) as long as Telegram may send them again.
KEEP_HANDLED = 24 * 3600
GAVE_UP = -1.0  # what ``postpone`` returns once retrying has gone on for GIVE_UP_AFTER
_SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (update_id INTEGER PRIMARY KEY, body TEXT, received REAL,
    attempts INTEGER, due REAL, handled REAL);
CREATE TABLE IF NOT EXISTS outbox (update_id INTEGER, seq INTEGER, result TEXT,
    PRIMARY KEY (update_id, seq));
"""


class Inbox:
    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = self._open(path)
        if self._db is None:  # a read-only or full disk: retries still work, for this run
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.executescript(_SCHEMA)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection | None:
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            # Survives the process being killed; a power cut may lose the last few updates.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA secure_delete=ON")  # a handled question's text is overwritten
            with db:
                db.executescript(_SCHEMA)
            return db
        except sqlite3.Error as exc:
            log.warning("updates cannot be stored (%s): an answer is lost if the bot stops", exc)
            return None

    def store(self, update_id: int, body: str, now: float) -> bool:
        """Keep an update until it is handled; False if it is already known (Telegram sent it
        again, or it is being handled). Raises ``sqlite3.Error`` if it cannot be stored."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO inbox VALUES (?, ?, ?, 0, ?, NULL)",
                (update_id, body, now, now),
            )
        return cursor.rowcount == 1

    def handled(self, update_id: int, now: float) -> None:
        """Forget the update's text and its recorded calls; remember its id (Telegram may still
        send it again until the next ``getUpdates`` acknowledges it)."""
        with self._lock, self._db:
            self._db.execute(
                "UPDATE inbox SET body = NULL, due = NULL, handled = ? WHERE update_id = ?",
                (now, update_id),
            )
            self._db.execute("DELETE FROM outbox WHERE update_id = ?", (update_id,))

    def postpone(self, update_id: int, body: str, now: float) -> float:
        """Try again later, backing off: the delay, or ``GAVE_UP`` once retrying has gone on for
        ``GIVE_UP_AFTER`` (the update is then handled, unanswered). An update that could not be
        stored on arrival (a locked disk) is stored now."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO inbox VALUES (?, ?, ?, 0, ?, NULL)",
                (update_id, body, now, now),
            )
            received, attempts = self._db.execute(
                "SELECT received, attempts FROM inbox WHERE update_id = ?", (update_id,)
            ).fetchone()
        if now - received > GIVE_UP_AFTER:
            self.handled(update_id, now)
            return GAVE_UP
        delay = min(MAX_BACKOFF, 2.0**attempts)
        with self._lock, self._db:
            self._db.execute(
                "UPDATE inbox SET attempts = attempts + 1, due = ?, handled = NULL "
                "WHERE update_id = ?",
                (now + delay, update_id),
            )
        return delay

    def due(self, now: float, limit: int = 50) -> list[tuple[int, str]]:
        """Updates not yet handled whose time has come, oldest first."""
        with self._lock:
            return self._db.execute(
                "SELECT update_id, body FROM inbox WHERE handled IS NULL AND due <= ? "
                "ORDER BY update_id LIMIT ?",
                (now, limit),
            ).fetchall()

    def sent(self, update_id: int, seq: int) -> str | None:
        """The result of an update's ``seq``-th call, if it already went through."""
        with self._lock:
            row = self._db.execute(
                "SELECT result FROM outbox WHERE update_id = ? AND seq = ?", (update_id, seq)
            ).fetchone()
        return row[0] if row else None

    def record(self, update_id: int, seq: int, result: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO outbox VALUES (?, ?, ?)", (update_id, seq, result)
            )

    def forget_old(self, now: float) -> None:
        with self._lock, self._db:
            self._db.execute(
                "DELETE FROM inbox WHERE handled IS NOT NULL AND handled < ?",
                (now - KEEP_HANDLED,),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
