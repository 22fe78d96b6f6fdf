"""The SQLite state: private, hashed, and never in an answer's way (locked, read-only, corrupt)."""

import logging
import os
import sqlite3
import stat
import time

import pytest

from bot.usage import BUSY_TIMEOUT, DB_FILE, SALT_FILE, SaltError, Usage


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_salt_and_files_are_private_and_stable(tmp_path):
    data = tmp_path / "data"
    first = Usage(data)
    assert mode(data) == 0o700 and mode(data / SALT_FILE) == 0o600
    assert mode(data / DB_FILE) == 0o600
    key = first.user_key(1001)
    first.close()
    assert Usage(data).user_key(1001) == key != str(1001)


@pytest.mark.parametrize("salt", ["", "a", "abc123", "zz" * 20, "0123456789abcdef" * 2 + "0"])
def test_a_short_or_garbled_salt_is_refused_in_one_line(tmp_path, salt):
    (tmp_path / SALT_FILE).write_text(salt)
    with pytest.raises(SaltError) as raised:
        Usage(tmp_path)
    assert str(tmp_path / SALT_FILE) in str(raised.value) and "\n" not in str(raised.value)


def test_a_salt_path_that_is_a_directory_is_refused_in_one_line(tmp_path):
    (tmp_path / SALT_FILE).mkdir()
    with pytest.raises(SaltError, match="cannot read the salt file"):
        Usage(tmp_path)


def test_counts_preferences_and_feedback(tmp_path):
    usage = Usage(tmp_path)
    usage.count_question("en", False, "doc", 26)
    usage.count_question("en", False, "doc", 26)
    usage.count_question("fr", True, None, None)
    usage.set_language(7, "fr")
    usage.set_language(7, "ar")
    usage.add_feedback(7, "1:10", "down", "doc", 26, "ar", "why?")
    stats = usage.stats()
    assert stats.questions == {"en": 2, "fr": 1} and stats.abstained == 1
    assert stats.top_paragraphs == [(26, 2)] and (stats.votes_up, stats.votes_down) == (0, 1)
    assert usage.language(7) == "ar" and usage.language(8) is None
    dump = "\n".join(usage._db.iterdump())
    assert "'7'" not in dump and ", 7," not in dump  # ids only as hashes


def test_one_vote_per_user_per_card(tmp_path):
    usage = Usage(tmp_path)
    for _ in range(200):
        usage.add_feedback(7, "1:10", "up", "doc", 26, "en", "q")
    usage.add_feedback(7, "1:10", "down", "doc", 26, "en", "q")  # changed their mind
    usage.add_feedback(8, "1:10", "up", "doc", 26, "en", "q")
    usage.add_feedback(7, "1:11", "up", "doc", 27, "en", "q")
    stats = usage.stats()
    assert (stats.votes_up, stats.votes_down) == (2, 1)


def test_a_locked_database_costs_a_fraction_of_a_second_and_one_warning(tmp_path, caplog):
    usage = Usage(tmp_path)
    other = sqlite3.connect(tmp_path / DB_FILE)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        with caplog.at_level(logging.WARNING, logger="bot.usage"):
            started = time.perf_counter()
            for _ in range(3):
                usage.count_question("en", False, "doc", 26)
            assert time.perf_counter() - started < 3 * BUSY_TIMEOUT + 1
        assert len(caplog.records) == 1 and "counts" in caplog.records[0].getMessage()
        usage.set_language(7, "fr")
        assert usage.language(7) == "fr"  # kept in memory meanwhile
    finally:
        other.rollback()
        other.close()


def test_a_corrupt_database_is_moved_aside_and_started_afresh(tmp_path, caplog):
    (tmp_path / DB_FILE).write_bytes(b"SQLite format 2\x00" + b"\xff" * 4000)
    with caplog.at_level(logging.WARNING, logger="bot.usage"):
        usage = Usage(tmp_path)
    assert [p.name for p in tmp_path.glob(f"{DB_FILE}.corrupt-*")]
    assert any("moved aside" in r.getMessage() for r in caplog.records)
    usage.count_question("en", False, "doc", 1)
    assert usage.stats().questions == {"en": 1}


def test_a_read_only_database_keeps_answering_with_preferences_in_memory(
    tmp_path, monkeypatch, caplog
):
    Usage(tmp_path).close()
    connect = sqlite3.connect

    def read_only(path, *args, **kwargs):  # as a read-only mount or a full disk would be
        return connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr("bot.usage.sqlite3.connect", read_only)
    with caplog.at_level(logging.WARNING, logger="bot.usage"):
        usage = Usage(tmp_path)
        for _ in range(3):
            usage.count_question("en", False, "doc", 1)
            usage.add_feedback(7, "1:10", "up", "doc", 1, "en", "q")
        usage.set_language(7, "fr")
    assert usage.language(7) == "fr"
    kinds = [r.getMessage() for r in caplog.records]
    assert len(kinds) == len(set(kinds)) <= 4  # one line per kind of failure, not per call


def test_a_directory_where_the_database_should_be_is_memory_only(tmp_path, caplog):
    (tmp_path / DB_FILE).mkdir()
    with caplog.at_level(logging.WARNING, logger="bot.usage"):
        usage = Usage(tmp_path)
    usage.count_question("en", False, "doc", 1)
    usage.set_language(7, "ar")
    assert usage.language(7) == "ar" and usage.stats() is None
    assert len(caplog.records) == 1
