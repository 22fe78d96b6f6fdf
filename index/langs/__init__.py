"""The six UN languages, one module each (``en.py`` ... ``ar.py``), and one lookup.

``LANGUAGES`` keeps the order the report lists its versions in (en, es, fr, zh, ru, ar), which
is also the order in which detection breaks ties and references are matched.
"""

from __future__ import annotations

from index.langs import ar, en, es, fr, ru, zh
from index.langs.language import KINDS, Language

LANGUAGES: dict[str, Language] = {m.LANGUAGE.code: m.LANGUAGE for m in (en, es, fr, zh, ru, ar)}


def language(code: str) -> Language:
    """The language with ``code``; ``ValueError`` naming the valid codes for any other."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise ValueError(
            f"unknown language {code!r}; expected one of {', '.join(LANGUAGES)}"
        ) from None


__all__ = ["KINDS", "LANGUAGES", "Language", "language"]
