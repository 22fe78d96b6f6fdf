"""The bot's own words in the six UN languages: one table per language, one lookup."""

from __future__ import annotations

from importlib import import_module

from index import LANGS

DEFAULT = "en"
TABLES: dict[str, dict[str, str]] = {
    lang: import_module(f"bot.i18n.{lang}").TEXTS for lang in LANGS
}


def pick(*candidates: str | None) -> str:
    """The first candidate that is one of the six languages (``pt-br`` -> no, ``fr-CA`` -> fr)."""
    for code in candidates:
        if code:
            base = code.lower().replace("_", "-").split("-")[0]
            if base in TABLES:
                return base
    return DEFAULT


def t(lang: str, key: str, **fields: object) -> str:
    """The template in ``lang`` (English when missing), filled with ``fields``."""
    template = TABLES.get(lang, TABLES[DEFAULT]).get(key) or TABLES[DEFAULT][key]
    return template.format(**fields) if fields else template
