"""Stage one: every signal's score for every paragraph unit.

- ``dense``: e5 cosine to the best language version (FAISS);
- ``dense_sent``: e5 cosine to the best sentence of any version (FAISS);
- ``lex``: BM25 in the question's language, typos corrected, glossary and shorthand expanded;
- ``lex_zh``: BM25 over the Chinese versions with the glossary's Chinese forms;
- ``lex_other``: BM25 over the other versions (figures, names, glossary forms), each normalised;
- ``fuzzy``: rare question words found, exactly or approximately;
- ``coverage``: the share of the question's words a unit holds (a Treaty term counts where the
  unit holds one of its forms);
- ``fits``: 1 where the unit gives every kind of answer asked (a figure, a date...);
- ``missing``: figures, ordinals and rare named bodies the question states and no version of the
  unit contains ("the 5th meeting" of a body whose paragraph tells of the 6th).

A unit is one paragraph of one document; every signal is computed over the units of all
documents together (BM25 statistics, vocabularies, background shares), and none reads a
paragraph's number, so the fitted models need no tuning per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.answertype import asked, given
from index.dense import DenseIndex
from index.fuzzy import FuzzyVocabulary
from index.glossary import Glossary, Term, expansions
from index.lexical import LexicalIndex, normalize, tokenize
from index.library import Library
from index.ordinals import ordinals
from index.shorthand import meetings

# A number or a named body found in more than this share of the units is the documents'
# background ("2024-2025", "the Secretariat"), not a constraint a question can miss.
BACKGROUND_SHARE = 0.2
_NUMBER = re.compile(r"\d+")
_YEAR_OR_COUNT = re.compile(r"(?<![\d/.-])(\d{2,}|[3-9])(?![\d/])")


@dataclass(frozen=True)
class Evidence:
    lists: dict[str, np.ndarray]  # signal -> score per unit
    terms: tuple[Term, ...]  # glossary terms the question names
    asked: frozenset[str]  # the kinds of answer the question asks for (answertype)
    unknown: float  # share of the question's words no version in its language holds
    sentences: np.ndarray  # per sentence: dense cosine (for marking the answering sentence)


class Candidates:
    """What the signals read: the dense and lexical indexes, the vocabularies, the glossary."""

    def __init__(
        self,
        library: Library,
        dense: DenseIndex,
        lexical: dict[str, LexicalIndex],
        tokens: list[list[str]],
        glossary: Glossary,
    ) -> None:
        self.library = library
        self.dense = dense
        self.glossary = glossary
        self._lexical = lexical
        paragraphs = library.paragraphs
        self._unit = library.unit_of
        n_units = len(library.units)
        self._positions = {
            lang: np.array([i for i, p in enumerate(paragraphs) if p.lang == lang])
            for lang in lexical
        }
        self._fuzzy = {
            lang: FuzzyVocabulary([tokens[i] for i in positions])
            for lang, positions in self._positions.items()
        }
        self._given = [frozenset()] * n_units
        self._figures: list[set[str]] = [set() for _ in range(n_units)]
        places = {lang: glossary.places(lang) for lang in lexical}
        # Folded once: a named body is looked up in every version the first time it is asked.
        self._folded = [normalize(p.text, p.lang) for p in paragraphs]
        for p, unit, folded in zip(paragraphs, self._unit, self._folded, strict=True):
            if p.official:
                self._given[unit] = self._given[unit] | given(p.text, places.get(p.lang, ()))
            self._figures[unit] |= set(_NUMBER.findall(folded))
            self._figures[unit] |= {str(n) for n in ordinals(p.text, p.lang)}
        counts: dict[str, int] = {}
        for figures in self._figures:
            for f in figures:
                counts[f] = counts.get(f, 0) + 1
        self._background = {f for f, c in counts.items() if c > BACKGROUND_SHARE * n_units}
        self._term_units: dict[str, np.ndarray] = {}

    def gather(self, text: str, lang: str, vector: np.ndarray) -> Evidence:
        """Every signal for every unit; ``text`` is the question with its shorthand expanded."""
        n_units = len(self.library.units)
        terms = self.glossary.find(text, lang)
        expanded = expansions(terms)
        query_tokens = tokenize(text, lang)
        neutral = [t for t in query_tokens if _neutral(t)]
        lists: dict[str, np.ndarray] = {}
        lex_other = np.zeros(n_units)
        for code, index in self._lexical.items():
            positions = self._positions[code]
            if code == lang:
                # Typos are corrected against the question's own language only.
                tokens = query_tokens + self._fuzzy[code].corrections(query_tokens)
            else:
                tokens = list(neutral)
            for form in expanded.get(code, []):
                tokens.extend(tokenize(form, code))
            scores = np.zeros(n_units)
            scores[self._unit[positions]] = index.scores(tokens)  # one version per unit
            if code == lang:
                lists["lex"] = scores
            elif code == "zh":
                lists["lex_zh"] = scores
            else:
                lex_other = np.maximum(lex_other, normalised(scores))
        lists.setdefault("lex", np.zeros(n_units))
        lists.setdefault("lex_zh", np.zeros(n_units))
        lists["lex_other"] = lex_other
        fuzzy = np.zeros(n_units)
        if lang in self._fuzzy:
            fuzzy[self._unit[self._positions[lang]]] = self._fuzzy[lang].scores(query_tokens)
        lists["fuzzy"] = fuzzy
        dense = self.dense.search(vector)
        lists["dense"] = dense.paragraph
        lists["dense_sent"] = dense.sentence
        coverage, weighted, unknown = self._coverage(text, lang, terms)
        lists["coverage"] = coverage
        lists["coverage_idf"] = weighted
        wanted = asked(text, lang)
        lists["fits"] = np.array([float(bool(wanted) and wanted <= g) for g in self._given])
        lists["missing"] = self._missing(text, lang, terms)
        return Evidence(lists, tuple(terms), wanted, unknown, dense.sentences)

    def _coverage(
        self, text: str, lang: str, terms: list[Term]
    ) -> tuple[np.ndarray, np.ndarray, float]:
        """Per unit, the share of the question's words it holds, plain and weighted by each
        word's rarity (a missing "followers" matters more than a missing "secretariat"), and the
        share of words that no version in the question's language holds at all."""
        n_units = len(self.library.units)
        vocab = self._fuzzy.get(lang)
        # Words, not Chinese bigrams: a bigram across two words is in no paragraph.
        words = list(dict.fromkeys(tokenize(text, lang, bigrams=False)))
        if vocab is None or not words:
            return np.zeros(n_units), np.zeros(n_units), 0.0
        units = self._unit[self._positions[lang]]

        def holding(word: str) -> np.ndarray:
            held = np.zeros(n_units, dtype=bool)
            held[units[sorted(vocab.postings.get(word, ()))]] = True
            return held

        # A term the glossary knows ("ACSU", "GLIS") is often spelled out in the report: a unit
        # covers its acronym when it holds one of the term's forms.
        named: dict[str, list[tuple[str, ...]]] = {}
        for term in terms:
            forms = [tuple(tokenize(form, lang)) for form in term.forms.get(lang, ())]
            for form in forms:
                for word in form:
                    named.setdefault(word, []).extend(f for f in forms if f)
        covered = np.zeros(n_units)
        weighted = np.zeros(n_units)
        total = 0.0
        unknown = 0
        for word in words:
            matches = vocab.closest(word)
            # An unseen word is as rare as a word can be.
            idf = max((vocab.idf(m) for m, _ in matches), default=vocab.idf(""))
            held = np.zeros(n_units, dtype=bool)
            for match, _ in matches:
                held |= holding(match)
            for form in named.get(word, ()):
                held |= np.logical_and.reduce([holding(w) for w in form])
            covered += held
            weighted += idf * held
            total += idf
            unknown += not matches and word not in named
        return covered / len(words), weighted / max(total, 1e-9), unknown / len(words)

    def _missing(self, text: str, lang: str, terms: list[Term]) -> np.ndarray:
        """Per unit, how many of the question's figures, meeting numbers and rare named bodies
        none of its versions contains."""
        n_units = len(self.library.units)
        stated = set(_YEAR_OR_COUNT.findall(normalize(text, lang)))
        stated |= {str(m.number) for m in meetings(text)} | {str(n) for n in ordinals(text, lang)}
        stated -= self._background
        missing = np.array([float(len(stated - figures)) for figures in self._figures])
        for term in terms:
            held = self._units_naming(term)
            if 0 < held.sum() <= BACKGROUND_SHARE * n_units:
                missing += ~held
        return np.minimum(missing, 2.0)

    def _units_naming(self, term: Term) -> np.ndarray:
        if term.id not in self._term_units:
            patterns = {
                lang: _any_of([normalize(f, lang) for f in forms], lang)
                for lang, forms in term.forms.items()
                if forms
            }
            held = np.zeros(len(self.library.units), dtype=bool)
            for p, unit, text in zip(self.library.paragraphs, self._unit, self._folded):
                pattern = patterns.get(p.lang)
                if pattern is not None and pattern.search(text):
                    held[unit] = True
            self._term_units[term.id] = held
        return self._term_units[term.id]


def normalised(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max(initial=0.0))
    return scores / top if top > 0 else np.zeros_like(scores)


def _any_of(forms: list[str], lang: str) -> re.Pattern:
    """One pattern for a term's forms: whole words, or anywhere in Chinese."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if lang == "zh":
        return re.compile(alternatives)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _neutral(token: str) -> bool:
    """Tokens any language's version may share: figures and Latin-script names or acronyms."""
    return any(ch.isdigit() for ch in token) or token.isascii()
