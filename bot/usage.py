"""What the bot remembers, in one SQLite file in the data directory.

Anonymous counts (questions per language, abstentions, quoted paragraphs), the feedback a
delegate chooses to send (one vote per card, with the paragraph and the question), and each
user's chosen answer language. User ids are stored only as salted hashes; the salt is generated
once into a file only the bot's user can read. Question texts and user ids are stored nowhere
else but in the inbox (``bot/inbox.py``), and only until the answer has been sent.

The state never stands in an answer's way: a locked database waits a fraction of a second, a
read-only or full disk keeps the preferences in memory, and a corrupt file is moved aside and
started afresh. Each kind of failure is logged once, with no question and no user id.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SALT_FILE = "salt"
DB_FILE = "treatybot.sqlite3"
BUSY_TIMEOUT = 0.2  # seconds a write waits for another process's lock before giving up
# After a failed write, writes are skipped for a while: twenty answers each waiting for a lock
# another process holds would add up to seconds.
WRITE_PAUSE = 5.0
_SALT = re.compile(r"(?:[0-9a-f]{2}){16,}", re.IGNORECASE)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (lang TEXT, abstained INTEGER, count INTEGER,
    PRIMARY KEY (lang, abstained));
CREATE TABLE IF NOT EXISTS paragraphs (doc TEXT, number INTEGER, count INTEGER,
    PRIMARY KEY (doc, number));
CREATE TABLE IF NOT EXISTS votes (user TEXT, card TEXT, at REAL, vote TEXT, doc TEXT,
    number INTEGER, lang TEXT, question TEXT, PRIMARY KEY (user, card));
CREATE TABLE IF NOT EXISTS preferences (user TEXT PRIMARY KEY, lang TEXT);
"""


class SaltError(ValueError):
    """The salt file cannot be used; the message names it in one line."""


@dataclass(frozen=True)
class Stats:
    questions: dict[str, int]
    abstained: int
    top_paragraphs: list[tuple[int, int]]
    votes_up: int
    votes_down: int


def private_dir(path: Path) -> None:
    """The data directory, readable by the bot's user alone."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        path.chmod(0o700)
    except OSError:
        log.warning("cannot restrict the data directory's permissions")


def load_salt(data_dir: Path) -> bytes:
    """The salt, created on first use with permissions for the bot's user alone. A salt that is
    not at least 32 hex characters would make the stored hashes guessable: refused."""
    path = data_dir / SALT_FILE
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return _new_salt(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise SaltError(f"cannot read the salt file {path}: {type(exc).__name__}") from exc
    if not _SALT.fullmatch(text):
        raise SaltError(
            f"the salt file {path} is not at least 32 hex characters: restore it, or remove it "
            "to start afresh (stored preferences and feedback are then orphaned)"
        )
    return bytes.fromhex(text)


def _new_salt(path: Path) -> bytes:
    salt = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_salt(path.parent)
    except OSError as exc:  # a read-only data directory: hashes for this run only
        log.warning("cannot write the salt file (%s): user hashes change at restart", exc.strerror)
        return salt
    with os.fdopen(fd, "w") as fh:
        fh.write(salt.hex())
    return salt


class Usage:
    """Thread-safe; meant to be called off the event loop (``Services.state``)."""

    def __init__(self, data_dir: Path) -> None:
        private_dir(data_dir)
        self._salt = load_salt(data_dir)
        self._lock = threading.Lock()
        self._path = data_dir / DB_FILE
        self._memory: dict[str, str] = {}  # preferences, when the file cannot take them
        self._warned: set[str] = set()
        self._paused_until = 0.0
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        for attempt in range(2):
            try:
                db = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT, check_same_thread=False)
                # WAL without a sync per commit keeps each write short (a crash may lose the
                # last counts, never corrupt the file).
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                with db:
                    db.executescript(_SCHEMA)
                for suffix in ("", "-wal", "-shm"):
                    _private_file(self._path.with_name(self._path.name + suffix))
                return db
            except sqlite3.DatabaseError as exc:
                if attempt or not _corrupt(exc):
                    self._warn("open", f"state kept in memory: {exc}")
                    return None
                aside = self._path.with_name(f"{self._path.name}.corrupt-{int(time.time())}")
                os.replace(self._path, aside)
                log.warning("corrupt database moved aside to %s; starting a fresh one", aside.name)
        return None

    def _warn(self, kind: str, message: str) -> None:
        if kind not in self._warned:
            self._warned.add(kind)
            log.warning("%s", message)

    def _write(self, kind: str, statements: Callable[[sqlite3.Connection], Any]) -> bool:
        """Run a write; a failure is logged once per kind and the caller goes on."""
        if self._db is None or time.monotonic() < self._paused_until:
            return False
        try:
            with self._lock, self._db:
                statements(self._db)
            return True
        except sqlite3.Error as exc:
            self._paused_until = time.monotonic() + WRITE_PAUSE
            self._warn(kind, f"could not store {kind} ({type(exc).__name__}: {exc}); answering on")
            return False

    def user_key(self, user_id: int) -> str:
        """A stable salted hash of a Telegram user id (what is stored instead of the id)."""
        return hashlib.sha256(self._salt + str(user_id).encode()).hexdigest()

    def owner_tag(self, user_id: int) -> str:
        """Eight hex digits for a card's buttons: enough to tell the asker from others."""
        return self.user_key(user_id)[:8]

    @property
    def salt(self) -> bytes:
        return self._salt

    def count_question(
        self, lang: str, abstained: bool, doc: str | None, number: int | None
    ) -> None:
        def count(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT INTO questions VALUES (?, ?, 1) ON CONFLICT(lang, abstained) "
                "DO UPDATE SET count = count + 1",
                (lang, int(abstained)),
            )
            if number is not None and not abstained:
                db.execute(
                    "INSERT INTO paragraphs VALUES (?, ?, 1) ON CONFLICT(doc, number) "
                    "DO UPDATE SET count = count + 1",
                    (doc or "", number),
                )

        self._write("counts", count)

    def add_feedback(
        self, user_id: int, card: str, vote: str, doc: str, number: int, lang: str, question: str
    ) -> None:
        """One vote per user per card (``card``: the message it is on): a second tap changes it."""
        row = (self.user_key(user_id), self._card_key(card), time.time(), vote, doc, number, lang)
        self._write(
            "feedback",
            lambda db: db.execute(
                "INSERT OR REPLACE INTO votes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*row, question)
            ),
        )

    def _card_key(self, card: str) -> str:
        return hashlib.sha256(self._salt + card.encode()).hexdigest()[:16]

    def set_language(self, user_id: int, lang: str) -> None:
        key = self.user_key(user_id)
        self._memory[key] = lang
        self._write(
            "preferences",
            lambda db: db.execute(
                "INSERT INTO preferences VALUES (?, ?) ON CONFLICT(user) DO UPDATE SET lang = ?",
                (key, lang, lang),
            ),
        )

    def language(self, user_id: int) -> str | None:
        key = self.user_key(user_id)
        if key in self._memory or self._db is None:
            return self._memory.get(key)
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT lang FROM preferences WHERE user = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            self._warn("preferences-read", f"could not read preferences ({exc}); answering on")
            return None
        return row[0] if row else None

    def stats(self, top: int = 5) -> Stats | None:
        """The counts, or None when the database cannot be read."""
        if self._db is None:
            return None
        try:
            with self._lock:
                per_lang = self._db.execute(
                    "SELECT lang, SUM(count) FROM questions GROUP BY lang ORDER BY SUM(count) DESC"
                ).fetchall()
                abstained = self._db.execute(
                    "SELECT COALESCE(SUM(count), 0) FROM questions WHERE abstained = 1"
                ).fetchone()[0]
                paragraphs = self._db.execute(
                    "SELECT number, count FROM paragraphs ORDER BY count DESC, number LIMIT ?",
                    (top,),
                ).fetchall()
                votes = dict(
                    self._db.execute("SELECT vote, COUNT(*) FROM votes GROUP BY vote").fetchall()
                )
        except sqlite3.Error as exc:
            self._warn("stats", f"could not read the counts ({exc})")
            return None
        return Stats(
            {lang: int(n) for lang, n in per_lang},
            int(abstained),
            [(int(n), int(c)) for n, c in paragraphs],
            int(votes.get("up", 0)),
            int(votes.get("down", 0)),
        )

    def close(self) -> None:
        if self._db is not None:
            with self._lock:
                self._db.close()


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _private_file(path: Path) -> None:
    try:
        path.chmod(0o600)
    except FileNotFoundError:
        pass
    except OSError:
        log.warning("cannot restrict %s's permissions", path.name)
