import string

import pytest

from bot.i18n import TABLES, pick, t
from index import LANGS


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_same_keys_and_placeholders_as_english(lang):
    english = TABLES["en"]
    table = TABLES[lang]
    assert list(table) == list(english)
    for key, template in english.items():
        assert fields(table[key]) == fields(template), f"{lang}.{key}"
        assert "<" not in table[key] or key == "help", "no HTML in the tables"


def test_pick_and_fallback():
    assert pick("fr-CA") == "fr" and pick("pt-BR") == "en" and pick(None, "zh-hans") == "zh"
    assert t("xx", "sources") == "Sources"
    assert t("es", "out_of_range", document="X", first=1, last=77, number=99).endswith("99.")
