"""The multilingual glossary: Treaty terms found in a question, and their other languages' forms.

Forms are compared as stemmed words of their own language, so ``SMTAs`` finds ``SMTA`` and a
one-letter typo in a long word still counts; Chinese forms are compared as substrings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from index.lang import LANGS
from index.lexical import normalize, tokenize

FILE_NAME = "glossary.json"
TYPO_LENGTH = 6  # words this long may carry one typo and still name a term
TYPO_RATIO = 85


@dataclass(frozen=True)
class Term:
    id: str
    forms: dict[str, tuple[str, ...]]
    kind: str = ""  # "place" for cities and countries


@dataclass(frozen=True)
class _Form:
    term: int
    lang: str
    words: tuple[str, ...]
    text: str


class Glossary:
    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._forms: list[_Form] = []
        # Word -> forms holding it, per language: a question is only checked against the forms
        # that share a word with it (exactly, or within a typo for long words).
        self._by_word: dict[str, dict[str, list[int]]] = {code: {} for code in LANGS}
        for i, term in enumerate(terms):
            for lang, forms in term.forms.items():
                for form in forms:
                    words = tuple(tokenize(form, lang)) if lang != "zh" else ()
                    for word in words:
                        self._by_word[lang].setdefault(word, []).append(len(self._forms))
                    self._forms.append(_Form(i, lang, words, normalize(form, lang)))
        self._zh_forms = [f for f in self._forms if f.lang == "zh" and len(f.text) >= 2]
        self._long_words = {
            code: [w for w in index if len(w) >= TYPO_LENGTH]
            for code, index in self._by_word.items()
        }

    @classmethod
    def load(cls, knowledge_dir: Path) -> Glossary:
        path = knowledge_dir / FILE_NAME
        if not path.exists():
            return cls([])
        data = json.loads(path.read_text(encoding="utf-8"))
        terms = [
            Term(
                entry["id"],
                {lang: tuple(entry.get(lang, ())) for lang in LANGS},
                entry.get("kind", ""),
            )
            for entry in data["terms"]
        ]
        return cls(terms)

    def places(self, lang: str) -> tuple[str, ...]:
        """Every form, in ``lang``, of the terms that name a place."""
        return tuple(f for t in self.terms if t.kind == "place" for f in t.forms.get(lang, ()))

    def find(self, question: str, lang: str) -> list[Term]:
        """Terms whose form, in any language, occurs in the question; a typo is forgiven only
        in the question's own language (``lang``), where one can be made."""
        zh = normalize(question, "zh")
        hits: dict[int, None] = {}
        for form in self._zh_forms:
            if form.text in zh:
                hits[form.term] = None
        for code in LANGS:
            if code == "zh":
                continue
            words = set(tokenize(question, code))
            candidates: set[int] = set()
            for word in words:
                candidates.update(self._by_word[code].get(word, ()))
                if code == lang and len(word) >= TYPO_LENGTH - 1:
                    for near, _, _ in process.extract(
                        word, self._long_words[code], scorer=fuzz.ratio, score_cutoff=TYPO_RATIO
                    ):
                        candidates.update(self._by_word[code][near])
            for i in sorted(candidates):
                form = self._forms[i]
                if form.term not in hits and _contains(words, form.words):
                    hits[form.term] = None
        return [self.terms[i] for i in hits]


def expansions(terms: list[Term]) -> dict[str, list[str]]:
    """For each language, the forms of the given terms."""
    out: dict[str, list[str]] = {code: [] for code in LANGS}
    for term in terms:
        for code, forms in term.forms.items():
            out[code].extend(forms)
    return out


def _contains(words: set[str], form: tuple[str, ...]) -> bool:
    """Every word of the form appears among the question's words (long ones may have a typo)."""
    for part in form:
        if part in words:
            continue
        if len(part) < TYPO_LENGTH or not any(
            fuzz.ratio(part, w) >= TYPO_RATIO for w in words if len(w) >= TYPO_LENGTH - 1
        ):
            return False
    return True
