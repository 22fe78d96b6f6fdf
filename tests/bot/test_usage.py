import os
import stat

from bot.usage import SALT_FILE, Usage


def test_salt_is_private_and_stable(tmp_path):
    first = Usage(tmp_path)
    mode = stat.S_IMODE(os.stat(tmp_path / SALT_FILE).st_mode)
    assert mode == 0o600
    key = first.user_key(1001)
    first.close()
    assert Usage(tmp_path).user_key(1001) == key != str(1001)


def test_counts_preferences_and_feedback(tmp_path):
    usage = Usage(tmp_path)
    usage.count_question("en", False, "doc", 26)
    usage.count_question("en", False, "doc", 26)
    usage.count_question("fr", True, None, None)
    usage.set_language(7, "fr")
    usage.set_language(7, "ar")
    usage.add_feedback(7, "down", "doc", 26, "ar", "why?")
    stats = usage.stats()
    assert stats.questions == {"en": 2, "fr": 1} and stats.abstained == 1
    assert stats.top_paragraphs == [(26, 2)] and (stats.votes_up, stats.votes_down) == (0, 1)
    assert usage.language(7) == "ar" and usage.language(8) is None
    dump = "\n".join(usage._db.iterdump())
    assert "'7'" not in dump and ", 7," not in dump  # ids only as hashes
