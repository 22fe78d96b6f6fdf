"""Each retrieval stage on tiny hand-made inputs: sentences, ordinals, shorthand, dense search,
features, the ranker, the answerability model, the sentence marks and the fitted file."""

import json

import numpy as np
import pytest

from index.answerability import CLOSEST, NO, YES, Answerability
from index.candidates import Evidence
from index.dense import DenseIndex
from index.features import ANSWER_FEATURES, RANKING_FEATURES, ranking_matrix, reciprocal_ranks
from index.highlight import SentenceMap
from index.ordinals import ordinal_word, ordinals
from index.ranker import LinearRanker
from index.records import Paragraph
from index.sentences import split_sentences
from index.shorthand import Meeting, expand, meetings, split_glued
from index.tuning import Tuning, TuningMismatch


def test_sentences_end_at_stops_not_inside_symbols_or_figures():
    text = "See IT/GB-11/25/6 for 13.4 million. Then more; and the end 终。中文句子结束了！ Last"
    pieces = [text[a:b] for a, b in split_sentences(text)]
    assert pieces == [
        "See IT/GB-11/25/6 for 13.4 million.",
        "Then more;",
        "and the end 终。",
        "中文句子结束了！ Last",  # too short to stand alone, it joins the sentence before
    ]


def test_short_pieces_join_their_neighbour():
    assert [len(s) > 0 for s in split_sentences("a) x. The whole sentence here.")] == [True]


@pytest.mark.parametrize(
    "text, lang, found",
    [
        ("the thirteenth and fourteenth meetings", "en", {13, 14}),
        ("sus reuniones undécima, duodécima y decimotercera", "es", {11, 12, 13}),
        ("ses onzième et treizième réunions", "fr", {11, 13}),
        ("Тринадцатое совещание; на одиннадцатой сессии", "ru", {13, 11}),
        ("اجتماعاته الحادي عشر والثالث عشر", "ar", {11, 13}),
        ("工作组第十三次会议和第11届会议", "zh", {13, 11}),
    ],
)
def test_ordinals_are_read_in_six_languages(text, lang, found):
    assert ordinals(text, lang) == found


def test_ordinal_words_round_trip():
    for lang in ("en", "es", "fr", "ru", "ar", "zh"):
        for n in (1, 3, 11, 13, 16, 20):
            assert n in ordinals(ordinal_word(n, lang), lang)


@pytest.mark.parametrize(
    "question, meeting",
    [
        ("OWG-13", Meeting("owg", 13)),
        ("OEWG 14", Meeting("owg", 14)),
        ("GTCNL-12", Meeting("owg", 12)),
        ("GTCA13", Meeting("owg", 13)),
        ("РГОС-11", Meeting("owg", 11)),
        ("ACSU-10", Meeting("acsu", 10)),
        ("SFC 11", Meeting("sfc", 11)),
        ("CC-6", Meeting("cc", 6)),
        ("GB11", Meeting("gb", 11)),
        ("COP16", Meeting("cop", 16)),
        ("CdP-16", Meeting("cop", 16)),
        ("OWG-14在哪里开", Meeting("owg", 14)),
    ],
)
def test_meeting_shorthand_is_recognised(question, meeting):
    assert meetings(question) == [meeting]


@pytest.mark.parametrize(
    "question, lang, words",
    [
        ("OWG-13 dates", "en", "thirteenth meeting of the Working Group"),
        ("fechas OEWG-13", "es", "decimotercera reunión del Grupo de Trabajo"),
        ("dates GTCNL-13", "fr", "treizieme réunion du Groupe de travail"),
        ("OWG-13 когда", "ru", "тринадцатое совещание Рабочей группы"),
        ("متى OWG-13", "ar", "الاجتماع الثالث عشر للفريق العامل"),
        ("OWG-13什么时候", "zh", "工作组第十三次会议"),
        ("工作组第13次会议", "zh", "第十三次"),
        ("GB-11 decisions", "en", "eleventh session of the Governing Body"),
        ("قرارات GB-11", "ar", "الحاديه عشره"),
        ("ACSU-10 где", "ru", "десятое совещание"),
        ("COP16成果", "zh", "缔约方大会第十六届会议"),
    ],
)
def test_shorthand_expands_to_the_reports_words(question, lang, words):
    assert words in expand(question, lang)


def test_latin_glued_to_chinese_is_split_and_plain_text_kept():
    assert split_glued("GLIS门户上线") == "GLIS 门户上线"
    assert expand("no shorthand here", "en") == "no shorthand here"
    assert meetings("GB") == [] and meetings("COP 99") == []


class _Flat:
    """A stand-in for faiss.IndexFlatIP: inner products, best first."""

    def __init__(self, vectors):
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.ntotal = len(self.vectors)

    def search(self, query, k):
        scores = self.vectors @ query[0]
        order = np.argsort(-scores)[:k]
        return scores[order][None], order[None]


def test_dense_search_takes_the_best_version_and_sentence_per_unit():
    import faiss

    versions = faiss.IndexFlatIP(2)
    versions.add(np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32))
    sentences = faiss.IndexFlatIP(2)
    sentences.add(np.array([[0, 1], [1, 0], [0.8, 0.6]], dtype=np.float32))
    unit_of = np.array([0, 0, 1])
    dense = DenseIndex(versions, sentences, unit_of, sentence_of=np.array([0, 1, 2]))
    scores = dense.search(np.array([1.0, 0.0], dtype=np.float32))
    assert scores.paragraph.tolist() == pytest.approx([1.0, 0.6])
    assert scores.sentence.tolist() == pytest.approx([1.0, 0.8])
    assert scores.sentences.tolist() == pytest.approx([0.0, 1.0, 0.8])
    flat = DenseIndex(_Flat([[1, 0]]), _Flat([[1, 0]]), np.array([0]), np.array([0]))
    assert flat.search(np.array([1.0, 0.0])).paragraph.tolist() == [1.0]


def _evidence(n_units=3, **lists):
    base = {name: np.zeros(n_units) for name in ("dense", "dense_sent", "lex", "lex_zh")}
    base |= {name: np.zeros(n_units) for name in ("lex_other", "fuzzy", "coverage")}
    base |= {name: np.zeros(n_units) for name in ("coverage_idf", "fits", "missing")}
    base |= {k: np.asarray(v, dtype=float) for k, v in lists.items()}
    return Evidence(base, (), frozenset(), 0.0, np.zeros(0))


def test_ranking_features_carry_scores_z_scores_and_reciprocal_ranks():
    matrix = ranking_matrix(_evidence(lex=[0.0, 4.0, 2.0]))
    assert matrix.shape == (3, len(RANKING_FEATURES))
    column = {name: matrix[:, i] for i, name in enumerate(RANKING_FEATURES)}
    assert column["lex_raw"].tolist() == [0.0, 4.0, 2.0]
    assert column["lex_rr"].tolist() == [0.0, 1.0, 0.5]  # no evidence, no rank
    assert column["lex_z"][1] > column["lex_z"][2] > column["lex_z"][0]
    assert reciprocal_ranks(np.array([0.3, 0.9])).tolist() == [0.5, 1.0]


def test_linear_ranker_standardises_then_weighs():
    ranker = LinearRanker(("a", "b"), (1.0, 0.0), (2.0, 1.0), (1.0, -1.0))
    assert ranker.score(np.array([[3.0, 1.0], [1.0, 0.0]])).tolist() == [0.0, 0.0]
    assert ranker.score(np.array([[5.0, 0.0]])).tolist() == [2.0]


def test_answerability_decides_three_ways():
    model = Answerability(("x",), (0.0,), (1.0,), (1.0, 0.0), 0.0, 0.4, 0.8)
    assert model.decide(model.probability({"x": -3.0})) == YES
    assert model.decide(model.probability({"x": 0.0})) == CLOSEST
    assert model.decide(model.probability({"x": 3.0})) == NO
    assert model.probability({"x": float("nan")}) == 0.5  # missing counts as average


def test_a_paragraph_without_any_of_the_question_words_is_never_the_answer():
    model = Answerability(("x",), (0.0,), (1.0,), (1.0, 0.0), 0.0, 0.4, 0.8)
    assert model.decide(model.probability({"x": -3.0}), covered=False) == NO


def test_sentence_marks_follow_the_official_alignment():
    zh = Paragraph("d", 1, (), "zh", "第一句。第二句。", official=True)
    en = Paragraph("d", 1, (), "en", "First one here. Second one here.", official=False)
    fr = Paragraph("d", 1, (), "fr", "Une phrase seulement, longue.", official=False)
    spans = [(0, 0, 4), (0, 4, 8), (1, 0, 15), (1, 16, 32), (2, 0, 29)]
    marks = SentenceMap(spans).marks(
        {"zh": (0, zh), "en": (1, en), "fr": (2, fr)}, np.array([0.1, 0.2, 0.3, 0.9, 0.5]), "zh"
    )
    assert marks == {"zh": ((4, 8),), "en": ((16, 32),)}  # one sentence: nothing to mark


def test_the_fitted_file_loads_and_its_names_are_checked(tmp_path):
    tuning = Tuning.load()
    assert tuning.ranker.features == RANKING_FEATURES
    assert tuning.answerability.features == ANSWER_FEATURES
    assert tuning.answerability.closest <= tuning.answerability.no
    assert tuning.provenance["written_by"] == "bench/tune.py"
    data = json.loads(Tuning.load.__defaults__[0].read_text())
    data["ranker"]["features"][0] = "renamed"
    stale = tmp_path / "tuning.json"
    stale.write_text(json.dumps(data))
    with pytest.raises(TuningMismatch, match="bench/tune.py") as raised:
        Tuning.load(stale)
    assert "\n" not in str(raised.value)
    stale.write_text("{not json")
    with pytest.raises(TuningMismatch, match="bench/tune.py"):
        Tuning.load(stale)
