"""The search service: a question -> ranked paragraphs, or a reasoned abstention.

Evidence, each a score per paragraph:
- ``dense``: e5 cosine between the question and each language version of the paragraph;
- ``lex``: BM25 in the question's language, the question expanded with glossary terms;
- ``lex_zh``: BM25 over the official Chinese text with the glossary's Chinese forms;
- ``lex_other``: BM25 over the other versions (names, figures and glossary forms);
- ``fuzzy``: rare question words found, exactly or approximately, in the paragraph;
- explicit paragraph references (``para 26``), which override the ranking.
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from index.answertype import DECISION, asked, given
from index.embed import Encoder
from index.fuse import AbstentionModel, normalised, weighted_rrf, zscore
from index.fuzzy import FuzzyVocabulary
from index.glossary import Glossary, Term, expansions
from index.lang import DEFAULT_LANG, detect_lang, latin_words
from index.lexical import LexicalIndex, tokenize
from index.records import Document, Hit, Paragraph
from index.refs import find_references

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
# The encoder holds a whole batch's activations at once: chunks keep a long batch's memory flat.
ENCODE_CHUNK = 32
MIN_RESULTS = 5
_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")
_WORDISH = re.compile(r"[^\W_]", re.UNICODE)


TUNING_FILE = Path(__file__).with_name("tuning.json")


@dataclass(frozen=True)
class Tuning:
    """How much each kind of evidence counts, and the abstention model (``bench/tune.py`` fits
    both on question files and writes ``index/tuning.json``)."""

    weights: dict[str, float]
    rrf_k: int
    abstention: AbstentionModel
    # Added to the fused score of a paragraph that gives the kind of answer asked: a tie-breaker.
    answer_bonus: float = 0.0

    @classmethod
    def load(cls, path: Path = TUNING_FILE) -> Tuning:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            data["weights"],
            int(data["rrf_k"]),
            AbstentionModel(**data["abstention"]),
            float(data.get("answer_bonus", 0.0)),
        )


@dataclass(frozen=True)
class Evidence:
    lists: dict[str, np.ndarray]  # kind of evidence -> score per paragraph unit
    terms: tuple[Term, ...]  # glossary terms the question names
    asked: frozenset[str]  # the kinds of answer the question asks for (answertype)
    fits: np.ndarray  # 1.0 where a paragraph gives every kind asked, else 0.0


def fused_scores(evidence: Evidence, tuning: Tuning) -> np.ndarray:
    """One score per paragraph unit: the weighted reciprocal rank fusion of the evidence, plus
    the answer-type bonus (or, for what the Governing Body is asked to do, first place)."""
    fused = weighted_rrf(evidence.lists, tuning.weights, tuning.rrf_k)
    if DECISION in evidence.asked:
        # A document says in one place what it asks of the Governing Body ("is invited to:"):
        # that paragraph answers, as a paragraph reference would, whatever its words.
        return fused + evidence.fits * (1.0 + float(fused.max(initial=0.0)))
    return fused + tuning.answer_bonus * evidence.fits


@dataclass(frozen=True)
class SearchResult:
    question: str
    lang: str
    hits: tuple[Hit, ...]
    abstained: bool
    cut: bool = False
    # Why there is no answer, for the caller to phrase: "empty", "no_words", "out_of_range".
    reason: str = ""
    refs: tuple[int, ...] = ()
    confidence: float = 0.0


def clean_question(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


class Searcher:
    """Holds the loaded index, the encoder and the glossary; ``search`` can be called repeatedly."""

    def __init__(
        self,
        documents: list[Document],
        paragraphs: list[Paragraph],
        vectors: np.ndarray,
        lexical: dict[str, LexicalIndex],
        encoder: Encoder,
        glossary: Glossary,
        tokens: list[list[str]],
        tuning: Tuning | None = None,
    ) -> None:
        """``tokens``: each paragraph version's lexical tokens, as the index stored them."""
        self.documents = documents
        self.paragraphs = paragraphs
        self.encoder = encoder
        self.glossary = glossary
        self.tuning = tuning or Tuning.load()
        self._vectors = vectors
        self._lexical = lexical
        units = list(dict.fromkeys((p.doc, p.number) for p in paragraphs))
        self.units = units
        unit_of = {u: i for i, u in enumerate(units)}
        self._unit = np.array([unit_of[(p.doc, p.number)] for p in paragraphs])
        self._numbers = frozenset(n for _, n in units)
        self._given = [frozenset()] * len(units)
        for p in paragraphs:
            if p.official:
                unit = unit_of[(p.doc, p.number)]
                self._given[unit] = self._given[unit] | given(p.text)
        self._lang_positions = {
            lang: np.array([i for i, p in enumerate(paragraphs) if p.lang == lang])
            for lang in lexical
        }
        self._vocabularies = {
            lang: frozenset().union(*(latin_words(paragraphs[i].text) for i in positions))
            for lang, positions in self._lang_positions.items()
        }
        self._fuzzy = {
            lang: FuzzyVocabulary([tokens[i] for i in positions])
            for lang, positions in self._lang_positions.items()
        }
        # Unit -> its position among one language's versions (what FuzzyVocabulary counts in).
        self._local = {
            lang: {int(self._unit[p]): j for j, p in enumerate(positions)}
            for lang, positions in self._lang_positions.items()
        }

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self._lexical)

    def paragraph(
        self, number: int, lang: str | None = None, doc: str | None = None
    ) -> Paragraph | None:
        document = self.document(doc)
        p = document.paragraph(number, lang) if document else None
        return p or (document.paragraph(number) if document else None)

    def versions(self, number: int, doc: str | None = None) -> dict[str, Paragraph]:
        """Every language version of a paragraph, the document's official language first."""
        document = self.document(doc)
        if document is None:
            return {}
        found = {p.lang: p for p in document.paragraphs if p.number == number}
        return dict(sorted(found.items(), key=lambda kv: kv[0] != document.official_lang))

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (jieba's dictionary)."""
        self.search("第1段 warm-up")

    def document(self, doc: str | None = None) -> Document | None:
        if doc is None:
            return self.documents[0] if self.documents else None
        return next((d for d in self.documents if d.id == doc), None)

    def search(
        self, question: str, k: int = MIN_RESULTS, lang_hint: str = DEFAULT_LANG
    ) -> SearchResult:
        return self.search_many([question], k, [lang_hint])[0]

    def search_many(
        self, questions: list[str], k: int = MIN_RESULTS, lang_hints: list[str] | None = None
    ) -> list[SearchResult]:
        """Batch search: one encoder call for all questions. A question's language hint is the
        language assumed when its own words do not tell (a name or an acronym alone)."""
        hints = lang_hints or [DEFAULT_LANG] * len(questions)
        cleaned = [clean_question(q)[: MAX_QUESTION_CHARS * 4] for q in questions]
        capped = [self.encoder.cap(q[:MAX_QUESTION_CHARS]) for q in cleaned]
        cut = [c.cut or len(q) > MAX_QUESTION_CHARS for c, q in zip(capped, cleaned)]
        texts = [c.text for c in capped]
        todo = [i for i, t in enumerate(texts) if t]
        vectors: dict[int, np.ndarray] = {}
        for start in range(0, len(todo), ENCODE_CHUNK):
            chunk = todo[start : start + ENCODE_CHUNK]
            vectors.update(zip(chunk, self.encoder.encode_query([texts[i] for i in chunk])))
        langs = [self.language(text, hint) for text, hint in zip(texts, hints, strict=True)]
        lexical = {i: self.lexical(texts[i], langs[i]) for i in todo}
        results: list[SearchResult] = []
        for i, text in enumerate(texts):
            lang = langs[i]
            if not cleaned[i]:
                results.append(SearchResult(cleaned[i], lang, (), True, reason="empty"))
                continue
            evidence = self._with_dense(lexical[i], vectors[i])
            result = self._search_one(text, lang, evidence, k)
            if not _WORDISH.search(text):
                # Emoji or punctuation only: ranked by the encoder alone, never an answer.
                result = replace(result, abstained=True, reason="no_words")
            results.append(replace(result, question=cleaned[i], cut=cut[i]))
        return results

    def language(self, text: str, hint: str = DEFAULT_LANG) -> str:
        """The question's language; ``hint`` where its own words do not tell."""
        return detect_lang(text, hint, self._vocabularies)

    def evidence(self, text: str, lang: str, vector: np.ndarray) -> Evidence:
        """Each kind of evidence as a score per paragraph unit."""
        return self._with_dense(self.lexical(text, lang), vector)

    def _with_dense(self, lexical: Evidence, vector: np.ndarray) -> Evidence:
        dense = np.full(len(self.units), -1.0)
        np.maximum.at(dense, self._unit, self._vectors @ vector)  # a unit's best version
        return replace(lexical, lists=lexical.lists | {"dense": dense})

    def lexical(self, text: str, lang: str) -> Evidence:
        """The evidence that needs no encoder: BM25 per language, glossary, fuzzy words."""
        n_units = len(self.units)
        terms = self.glossary.find(text, lang)
        expanded = expansions(terms)
        query_tokens = tokenize(text, lang)
        neutral = [t for t in query_tokens if _neutral(t)]
        lists: dict[str, np.ndarray] = {}
        lex_other = np.zeros(n_units)
        for code, index in self._lexical.items():
            positions = self._lang_positions[code]
            if code == lang:
                # Typos are corrected against the question's own language only.
                own = tokenize(text, code)
                tokens = own + self._fuzzy[code].corrections(own)
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
            positions = self._lang_positions[lang]
            fuzzy[self._unit[positions]] = self._fuzzy[lang].scores(query_tokens)
        lists["fuzzy"] = fuzzy
        wanted = asked(text)
        fits = np.array([float(bool(wanted) and wanted <= kinds) for kinds in self._given])
        return Evidence(lists, tuple(terms), wanted, fits)

    def features(
        self, text: str, lang: str, evidence: Evidence, fused: np.ndarray, top: int
    ) -> dict:
        """What the abstention model reads about the best paragraph: how far it stands out
        from the rest in each kind of evidence, and how much of the question it covers."""
        lists = evidence.lists
        dense = lists["dense"]
        # Words, not Chinese bigrams: a bigram across two words ("约最") is in no paragraph, and
        # would read as a word the report does not know.
        tokens = list(dict.fromkeys(tokenize(text, lang, bigrams=False)))
        vocab = self._fuzzy.get(lang)
        coverage = unknown = math.nan  # no version in the question's language: no evidence
        if vocab is not None and tokens:
            local = self._local[lang][top]

            def holds(word: str) -> bool:
                return local in vocab.postings.get(word, ())

            # A term the glossary knows ("ACSU", "GLIS") is often spelled out in the report: its
            # words are known, and the paragraph covers them when it holds one of its forms.
            named: dict[str, list[tuple[str, ...]]] = {}
            for term in evidence.terms:
                forms = [tuple(tokenize(form, lang)) for form in term.forms.get(lang, ())]
                for form in forms:
                    for word in form:
                        named.setdefault(word, []).extend(forms)
            matches = [vocab.closest(token) for token in tokens]
            covered = [
                any(holds(w) for w, _ in m)
                or any(f and all(holds(w) for w in f) for f in named.get(token, ()))
                for token, m in zip(tokens, matches, strict=True)
            ]
            coverage = sum(covered) / len(tokens)
            unknown = sum(not m and token not in named for token, m in zip(tokens, matches))
            unknown /= len(tokens)
        return {
            "dense_z": zscore(dense, top),
            "dense_cos": float(dense[top]),
            "dense_best_z": zscore(dense, int(np.argmax(dense))),
            "lex_z": max(zscore(lists["lex"], top), zscore(lists["lex_zh"], top)),
            "fuzzy_z": zscore(lists["fuzzy"], top) if vocab is not None else math.nan,
            "coverage": coverage,
            "unknown": unknown,
            "terms": float(len(evidence.terms)),
            "dense_agrees": float(int(np.argmax(dense)) == top),
            # Asks "how many", "when", "who chairs"... of a paragraph that cannot say.
            "unmet": float(bool(evidence.asked) and not evidence.fits[top]),
            "fused": float(fused[top]),
        }

    def _search_one(self, text: str, lang: str, evidence: Evidence, k: int) -> SearchResult:
        refs = tuple(find_references(text, lang))
        lists = evidence.lists
        fused = fused_scores(evidence, self.tuning)
        order = np.argsort(-fused, kind="stable")
        hits = [
            Hit(
                self.units[i][1],
                float(fused[i]),
                {name: float(scores[i]) for name, scores in lists.items()},
                doc=self.units[i][0],
            )
            for i in order[: max(k, MIN_RESULTS)]
        ]
        if refs:
            wanted = [n for n in refs if n in self._numbers]
            if not wanted:
                return SearchResult(text, lang, tuple(hits), True, reason="out_of_range", refs=refs)
            first = [Hit(n, 1.0, {"reference": 1.0}, doc=self.units[0][0]) for n in wanted]
            rest = [h for h in hits if h.number not in wanted]
            ranked = tuple(first + rest)[: max(k, MIN_RESULTS)]
            return SearchResult(text, lang, ranked, False, refs=refs, confidence=1.0)
        no_answer = self.tuning.abstention.probability(
            self.features(text, lang, evidence, fused, int(order[0]))
        )
        abstained = no_answer >= self.tuning.abstention.threshold
        return SearchResult(text, lang, tuple(hits), abstained, confidence=1.0 - no_answer)


def _neutral(token: str) -> bool:
    """Tokens any language's version may share: figures and Latin-script names or acronyms."""
    return any(ch.isdigit() for ch in token) or token.isascii()
