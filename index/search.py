"""The search pipeline: a question -> ranked paragraphs and a decision whether they answer.

Stages, each in its own module: ``candidates`` (every signal's score for every paragraph),
``features`` (what the models read), ``ranker`` (a linear model fitted listwise) and
``answerability`` (answer, closest paragraph, or not in the report). Explicit paragraph
references (``para 26``) and a question on what the Governing Body is asked to do are answered
by the paragraph they name, before any model.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace

import numpy as np

from index.answerability import NO, YES
from index.answertype import DECISION
from index.candidates import Candidates, Evidence
from index.dense import DenseIndex
from index.features import answer_features, covered, ranking_matrix
from index.glossary import Glossary
from index.highlight import SentenceMap
from index.lang import DEFAULT_LANG, detect_lang, latin_words
from index.library import Library
from index.records import Document, Hit, Paragraph
from index.refs import find_references, find_symbols
from index.shorthand import expand
from index.tuning import Tuning

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


@dataclass(frozen=True)
class SearchResult:
    question: str
    lang: str
    hits: tuple[Hit, ...]
    abstained: bool
    cut: bool = False
    # Why there is no answer, for the caller to phrase: "empty", "no_words", "out_of_range",
    # "unknown_document".
    reason: str = ""
    refs: tuple[int, ...] = ()
    confidence: float = 0.0
    # "yes": the best hit answers; "closest": it is on topic but may not answer exactly this
    # question (shown under a hedge); "no": nothing close. ``abstained`` is true for both refusals.
    answer: str = YES
    # For a paragraph reference: the document it was read against (the one the question names,
    # else the primary; each hit says where its paragraph was found), as id and record; for
    # "out_of_range", the document that has no such paragraph. Empty otherwise.
    doc: str = ""
    document: Document | None = field(default=None, repr=False, compare=False)
    # The document name the question gives, as written ("IT/GB-11/25/6", "report"); with
    # reason "unknown_document", a symbol of a document the library does not hold.
    named: str = ""


def clean_question(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


class Searcher:
    """Holds the loaded index, the encoder and the fitted models; ``search`` can be called
    repeatedly."""

    def __init__(self, loaded, encoder, glossary: Glossary, tuning: Tuning | None = None) -> None:
        """``loaded``: a built index folder's contents (``index.folder.Loaded``)."""
        import faiss

        self.library = Library(loaded.documents, loaded.paragraphs)
        self.encoder = encoder
        self.glossary = glossary
        self.tuning = tuning or Tuning.load()
        self._wording = self.tuning.wording.for_encoder(encoder.model_id, encoder.dim)
        versions = faiss.IndexFlatIP(encoder.dim)
        versions.add(loaded.vectors)
        sentences = faiss.IndexFlatIP(encoder.dim)
        if len(loaded.sentences):
            sentences.add(loaded.sentence_vectors)
        sentence_of = np.array([pos for pos, _, _ in loaded.sentences], dtype=np.int64)
        dense = DenseIndex(versions, sentences, self.library.unit_of, sentence_of)
        self.candidates = Candidates(self.library, dense, loaded.lexical, loaded.tokens, glossary)
        self._sentences = SentenceMap(loaded.sentences)
        self._vocabularies = {
            lang: frozenset().union(
                *(latin_words(p.text) for p in loaded.paragraphs if p.lang == lang)
            )
            for lang in loaded.lexical
        }

    @property
    def units(self) -> list[tuple[str, int]]:
        return self.library.units

    @property
    def langs(self) -> tuple[str, ...]:
        return self.library.langs

    def paragraph(
        self, number: int, lang: str | None = None, doc: str | None = None
    ) -> Paragraph | None:
        return self.library.paragraph(number, lang, doc)

    def versions(self, number: int, doc: str | None = None) -> dict[str, Paragraph]:
        """Every language version of a paragraph, the document's official language first."""
        return self.library.versions(number, doc)

    def document(self, doc: str | None = None) -> Document | None:
        return self.library.document(doc)

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (jieba's dictionary)."""
        self.search("第1段 warm-up")

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
        langs = [self.language(text, hint) for text, hint in zip(texts, hints, strict=True)]
        # Shorthand ("OWG-13") is spelled out for every signal, the encoder's included.
        queries = [expand(text, lang) for text, lang in zip(texts, langs, strict=True)]
        vectors = self.encode(queries)
        results: list[SearchResult] = []
        for i, text in enumerate(texts):
            lang = langs[i]
            if not cleaned[i]:
                results.append(SearchResult(cleaned[i], lang, (), True, reason="empty", answer=NO))
                continue
            evidence = self.candidates.gather(queries[i], lang, vectors[i])
            wording = self._wording.logit(vectors[i])
            result = self._search_one(text, lang, evidence, k, wording)
            if not _WORDISH.search(text):
                # Emoji or punctuation only: ranked by the encoder alone, never an answer.
                result = replace(result, abstained=True, reason="no_words", answer=NO)
            results.append(replace(result, question=cleaned[i], cut=cut[i]))
        return results

    def encode(self, queries: list[str]) -> dict[int, np.ndarray]:
        """Query vectors by position, for the non-empty queries."""
        todo = [i for i, q in enumerate(queries) if q]
        vectors: dict[int, np.ndarray] = {}
        for start in range(0, len(todo), ENCODE_CHUNK):
            chunk = todo[start : start + ENCODE_CHUNK]
            vectors.update(zip(chunk, self.encoder.encode_query([queries[i] for i in chunk])))
        return vectors

    def language(self, text: str, hint: str = DEFAULT_LANG) -> str:
        """The question's language; ``hint`` where its own words do not tell."""
        return detect_lang(text, hint, self._vocabularies)

    def ranked(self, evidence: Evidence) -> np.ndarray:
        """The ranker's score per unit; a question on what the Governing Body is asked to do
        puts the paragraph that says it first, as a paragraph reference would."""
        scores = self.tuning.ranker.score(ranking_matrix(evidence))
        if DECISION in evidence.asked:
            fits = evidence.lists["fits"]
            scores = scores + fits * (1.0 + float(np.ptp(scores)))
        return scores

    def _search_one(
        self, text: str, lang: str, evidence: Evidence, k: int, wording: float
    ) -> SearchResult:
        scores = self.ranked(evidence)
        order = np.argsort(-scores, kind="stable")
        refs = tuple(find_references(text, lang))
        if refs:
            return self._reference_result(text, lang, refs, scores, order, evidence, k)
        top = int(order[0])
        model = self.tuning.answerability
        no_answer = model.probability(answer_features(evidence, scores, top, wording))
        answer = model.decide(no_answer, covered=covered(evidence, top))
        hits = tuple(
            self._hit(int(i), float(scores[i]), evidence, marked=True)
            for i in order[: max(k, MIN_RESULTS)]
        )
        return SearchResult(
            text, lang, hits, answer != YES, confidence=1.0 - no_answer, answer=answer
        )

    def _reference_result(
        self,
        text: str,
        lang: str,
        refs: tuple[int, ...],
        scores: np.ndarray,
        order: np.ndarray,
        evidence: Evidence,
        k: int,
    ) -> SearchResult:
        """The paragraphs a reference names, first, then the ranked ones. A number goes to the
        document the question names, else to the primary, else to a document that has it; a
        symbol the library does not hold names no paragraph at all."""
        library = self.library
        named = library.named_in(text)
        doc, name = named or (None, "")
        unknown = (
            "" if named else next((s for s in find_symbols(text) if library.resolve(s) is None), "")
        )
        ranked = [
            self._hit(int(i), float(scores[i]), evidence) for i in order[: max(k, MIN_RESULTS)]
        ]
        if unknown:
            return SearchResult(
                text,
                lang,
                tuple(ranked),
                True,
                reason="unknown_document",
                refs=refs,
                answer=NO,
                named=unknown,
            )
        document = library.document(doc) or library.primary
        found = [library.unit(where, n) for n in refs if (where := library.locate(n, doc))]
        if not found:
            return SearchResult(
                text,
                lang,
                tuple(ranked),
                True,
                reason="out_of_range",
                refs=refs,
                answer=NO,
                doc=document.id,
                document=document,
                named=name,
            )
        first = [self._hit(unit, 1.0, None) for unit in found if unit is not None]
        # Next come the paragraphs around the one asked for, in its document: a reader who
        # asks for paragraph 26 by number is reading the report, not searching it.
        near = [
            unit for h in first for unit in self._neighbours(h.doc, h.number) if unit not in found
        ]
        neighbours = [
            self._hit(unit, float(scores[unit]), evidence) for unit in dict.fromkeys(near)
        ]
        asked_for = {(h.doc, h.number) for h in first + neighbours}
        rest = [h for h in ranked if (h.doc, h.number) not in asked_for]
        hits = tuple(first + neighbours + rest)[: max(k, MIN_RESULTS)]
        return SearchResult(
            text,
            lang,
            hits,
            False,
            refs=refs,
            confidence=1.0,
            doc=document.id,
            document=document,
            named=name,
        )

    def _neighbours(self, doc: str, number: int) -> list[int]:
        """The units of the previous and next paragraphs of ``doc`` that exist."""
        document = self.library.document(doc)
        numbers = sorted(document.numbers) if document else []
        before = [n for n in numbers if n < number][-1:]
        after = [n for n in numbers if n > number][:1]
        units = (self.library.unit(doc, n) for n in before + after)
        return [u for u in units if u is not None]

    def _hit(self, unit: int, score: float, evidence: Evidence | None, marked: bool = False) -> Hit:
        """Unit ``unit`` as a hit; ``evidence`` None for a paragraph asked for by number."""
        doc, number = self.library.units[unit]
        if evidence is None:
            lists = {"reference": 1.0}
        else:
            lists = {name: float(values[unit]) for name, values in evidence.lists.items()}
        versions = self.library.unit_versions(unit)
        document = self.library.document(doc)
        also_in = tuple(d for d in self.library.holders(number) if d != doc)
        hit = Hit(
            number, score, lists, doc=doc, versions=versions, document=document, also_in=also_in
        )
        if not marked or evidence is None:
            return hit
        positions = self.library.unit_positions(unit)
        positions = {lang: (positions[lang], p) for lang, p in versions.items()}
        official = document.official_lang if document else next(iter(versions), "")
        return replace(
            hit, highlights=self._sentences.marks(positions, evidence.sentences, official)
        )
