"""What the bot remembers, in one SQLite file in the data directory.

Anonymous counts (questions per language, abstentions, quoted paragraphs), the feedback a
delegate chooses to send (vote, paragraph and question), and each user's chosen answer language.
User ids are stored only as salted hashes; the salt is generated once into a file that only the
bot's user can read. Question texts are never stored otherwise.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SALT_FILE = "salt"
DB_FILE = "treatybot.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (lang TEXT, abstained INTEGER, count INTEGER,
    PRIMARY KEY (lang, abstained));
CREATE TABLE IF NOT EXISTS paragraphs (doc TEXT, number INTEGER, count INTEGER,
    PRIMARY KEY (doc, number));
CREATE TABLE IF NOT EXISTS feedback (at REAL, user TEXT, vote TEXT, doc TEXT, number INTEGER,
    lang TEXT, question TEXT);
CREATE TABLE IF NOT EXISTS preferences (user TEXT PRIMARY KEY, lang TEXT);
"""


@dataclass(frozen=True)
class Stats:
    questions: dict[str, int]
    abstained: int
    top_paragraphs: list[tuple[int, int]]
    votes_up: int
    votes_down: int


def load_salt(data_dir: Path) -> bytes:
    """The salt, created on first use with permissions for the bot's user alone."""
    path = data_dir / SALT_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text().strip())
    with os.fdopen(fd, "w") as fh:
        fh.write(salt.hex())
    return salt


class Usage:
    """Thread-safe: handlers run concurrently, and writes are tiny."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._salt = load_salt(data_dir)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(data_dir / DB_FILE, check_same_thread=False)
        # Writes happen on the event loop: WAL without a sync per commit keeps each one short
        # (a crash may lose the last counts, never corrupt the file).
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._lock, self._db:
            self._db.executescript(_SCHEMA)

    def user_key(self, user_id: int) -> str:
        """A stable salted hash of a Telegram user id (what is stored instead of the id)."""
        return hashlib.sha256(self._salt + str(user_id).encode()).hexdigest()

    def owner_tag(self, user_id: int) -> str:
        """Eight hex digits for a card's buttons: enough to tell the asker from others."""
        return self.user_key(user_id)[:8]

    def count_question(
        self, lang: str, abstained: bool, doc: str | None, number: int | None
    ) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO questions VALUES (?, ?, 1) ON CONFLICT(lang, abstained) "
                "DO UPDATE SET count = count + 1",
                (lang, int(abstained)),
            )
            if number is not None and not abstained:
                self._db.execute(
                    "INSERT INTO paragraphs VALUES (?, ?, 1) ON CONFLICT(doc, number) "
                    "DO UPDATE SET count = count + 1",
                    (doc or "", number),
                )

    def add_feedback(
        self, user_id: int, vote: str, doc: str, number: int, lang: str, question: str
    ) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?)",
                (time.time(), self.user_key(user_id), vote, doc, number, lang, question),
            )

    def set_language(self, user_id: int, lang: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO preferences VALUES (?, ?) ON CONFLICT(user) DO UPDATE SET lang = ?",
                (self.user_key(user_id), lang, lang),
            )

    def language(self, user_id: int) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT lang FROM preferences WHERE user = ?", (self.user_key(user_id),)
            ).fetchone()
        return row[0] if row else None

    def stats(self, top: int = 5) -> Stats:
        with self._lock:
            per_lang = self._db.execute(
                "SELECT lang, SUM(count) FROM questions GROUP BY lang ORDER BY SUM(count) DESC"
            ).fetchall()
            abstained = self._db.execute(
                "SELECT COALESCE(SUM(count), 0) FROM questions WHERE abstained = 1"
            ).fetchone()[0]
            paragraphs = self._db.execute(
                "SELECT number, count FROM paragraphs ORDER BY count DESC, number LIMIT ?", (top,)
            ).fetchall()
            votes = dict(
                self._db.execute("SELECT vote, COUNT(*) FROM feedback GROUP BY vote").fetchall()
            )
        return Stats(
            {lang: int(n) for lang, n in per_lang},
            int(abstained),
            [(int(n), int(c)) for n, c in paragraphs],
            int(votes.get("up", 0)),
            int(votes.get("down", 0)),
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()
