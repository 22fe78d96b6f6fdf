"""The per-language modules: each fills the same record, and the registry names the valid codes."""

import dataclasses
from importlib import import_module

import pytest

from index.langs import KINDS, LANGUAGES, Language, language
from index.langs.language import BODIES
from index.ordinals import MAX_ORDINAL
from index.shorthand import meetings, resolved

CODES = ("en", "es", "fr", "zh", "ru", "ar")
FIELDS = {f.name for f in dataclasses.fields(Language)}


def test_the_registry_holds_the_six_languages_in_the_report_order():
    assert tuple(LANGUAGES) == CODES
    assert all(language(code).code == code for code in CODES)


@pytest.mark.parametrize("code", CODES)
def test_each_module_defines_every_field(code):
    module = import_module(f"index.langs.{code}")
    record = module.LANGUAGE
    assert isinstance(record, Language) and record.code == code
    assert {f.name for f in dataclasses.fields(record)} == FIELDS
    assert record.stopwords and record.name
    assert set(record.answer_types) == set(KINDS)
    assert set(record.meeting_names) == set(BODIES)
    # Chinese ordinals are 第 and a numeral; every other version spells 1-20.
    assert len(record.ordinals) == (0 if code == "zh" else MAX_ORDINAL)
    assert record.paragraph_words or record.paragraph_patterns
    assert record.list_words
    assert record.stem("meetings") and record.fold("Réunion")


@pytest.mark.parametrize("code", CODES)
def test_every_answer_pattern_is_compiled_case_blind(code):
    for pattern in language(code).answer_types.values():
        assert pattern.flags & 2  # re.IGNORECASE


def test_only_latin_script_languages_carry_detection_words():
    # Han, Cyrillic and Arabic script tell their language alone.
    assert {c for c, lang in LANGUAGES.items() if lang.common_words} == {"en", "es", "fr"}


def test_an_unknown_code_is_refused_naming_the_valid_ones():
    with pytest.raises(ValueError, match="'pt'.*en, es, fr, zh, ru, ar"):
        language("pt")


def test_records_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        language("en").stopwords = frozenset()  # type: ignore[misc]


@pytest.mark.parametrize("code", CODES)
def test_every_meeting_shorthand_resolves_in_every_language(code):
    found = meetings("OWG-13 ACSU-13 SFC-13 CC-13 GB13 COP13 SAC-13 AHTEG-13")
    assert {m.body for m in found} == set(BODIES)
    for meeting in found:
        assert resolved(meeting, code)
