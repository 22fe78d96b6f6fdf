"""The inbox: what is owed an answer, for how long, and what was already sent."""

import os

import pytest

from bot.inbox import GAVE_UP, GIVE_UP_AFTER, KEEP_HANDLED, MAX_BACKOFF, Inbox


def test_an_update_is_stored_once_and_its_text_dropped_once_handled(tmp_path):
    inbox = Inbox(tmp_path / "state.sqlite3")
    assert inbox.store(7, '{"q": "secret"}', 100.0)
    assert not inbox.store(7, '{"q": "secret"}', 101.0)  # Telegram sent it again
    assert inbox.due(100.0) == [(7, '{"q": "secret"}')]
    inbox.record(7, 0, '{"message_id": 1}')
    inbox.handled(7, 102.0)
    assert inbox.due(1e9) == [] and inbox.sent(7, 0) is None
    assert not inbox.store(7, '{"q": "secret"}', 103.0)  # still known, without its text
    inbox.forget_old(102.0 + KEEP_HANDLED + 1)
    assert inbox.store(7, "{}", 200.0)  # forgotten after a day: new again
    inbox.close()


def test_retries_back_off_then_give_up(tmp_path):
    inbox = Inbox(tmp_path / "state.sqlite3")
    inbox.store(1, "{}", 0.0)
    delays = [inbox.postpone(1, "{}", 10.0) for _ in range(8)]
    assert delays[:3] == [1.0, 2.0, 4.0] and max(delays) == MAX_BACKOFF
    assert inbox.due(10.5) == [] and inbox.due(10.0 + MAX_BACKOFF) == [(1, "{}")]
    assert inbox.postpone(1, "{}", GIVE_UP_AFTER + 1) == GAVE_UP
    assert inbox.due(1e9) == []
    inbox.close()


def test_an_update_that_could_not_be_stored_is_stored_when_postponed(tmp_path):
    inbox = Inbox(tmp_path / "state.sqlite3")
    assert inbox.postpone(5, '{"x": 1}', 50.0) == 1.0
    assert inbox.due(51.0) == [(5, '{"x": 1}')]
    inbox.close()


def test_calls_are_remembered_by_update_and_number(tmp_path):
    inbox = Inbox(tmp_path / "state.sqlite3")
    inbox.store(3, "{}", 0.0)
    inbox.record(3, 0, "true")
    assert inbox.sent(3, 0) == "true" and inbox.sent(3, 1) is None and inbox.sent(4, 0) is None
    inbox.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_keeps_the_inbox_in_memory(tmp_path, caplog):
    tmp_path.chmod(0o500)
    try:
        inbox = Inbox(tmp_path / "state.sqlite3")
        assert inbox.store(1, "{}", 0.0) and inbox.due(0.0) == [(1, "{}")]
        inbox.close()
    finally:
        tmp_path.chmod(0o700)
    assert "cannot be stored" in caplog.text


def test_a_folder_where_the_file_should_be_keeps_the_inbox_in_memory(tmp_path, caplog):
    (tmp_path / "state.sqlite3").mkdir()
    inbox = Inbox(tmp_path / "state.sqlite3")
    assert inbox.store(1, "{}", 0.0) and inbox.due(0.0) == [(1, "{}")]
    inbox.close()
    assert "cannot be stored" in caplog.text
