"""Several documents in one index: the tiny report (primary) and a second, smaller document whose
folder sorts first, which shares paragraph numbers 1-3 with the report and alone has a 4."""

import shutil

import pytest

from index import open_index
from index.lang import DEFAULT_LANG
from tests.conftest import REPO

TINY = REPO / "tests" / "data" / "tiny"
SECOND = REPO / "tests" / "data" / "second" / "gb99-secretary"
REPORT, SECRETARY = "tiny", "gb99-secretary"


def knowledge_of_two(root, second_folder=SECOND.name):
    shutil.copytree(TINY, root / "knowledge")
    shutil.copytree(SECOND, root / "knowledge" / second_folder)
    return root / "knowledge"


@pytest.fixture(scope="module")
def two(tmp_path_factory, encoder):
    root = tmp_path_factory.mktemp("two")
    return open_index(knowledge_of_two(root), root / "index", encoder)


def where(hits):
    return [(h.doc, h.number) for h in hits]


def assert_self_contained(result):
    """What the bot renders from a hit, there without asking the index again."""
    for h in result.hits:
        assert h.document is not None and h.document.id == h.doc
        assert h.document.official_lang in h.versions
        assert all(p.doc == h.doc and p.number == h.number for p in h.versions.values())
        assert h.document.paragraph(h.number) is not None
        assert h.doc not in h.also_in


def test_both_documents_are_loaded_the_marked_primary_first(two):
    folders = sorted([SECOND.name, "report"])
    assert folders[0] == SECOND.name  # the second document's folder sorts first...
    library = two.library
    assert [d.id for d in library.documents] == [REPORT, SECRETARY]  # ...and changes nothing
    assert library.primary.id == REPORT and two.document().id == REPORT
    assert library.document(SECRETARY).numbers == (1, 2, 3, 4)
    assert library.document("nothing") is None
    assert set(library.langs) == {"zh", "en", "fr"}


def test_hits_carry_their_document(two):
    result = two.search("Bureau convened in Lima")
    assert where(result.hits[:1]) == [(SECRETARY, 2)]
    assert result.hits[0].also_in == (REPORT,)
    assert result.hits[0].versions["fr"].text.startswith("Le Secrétaire a réuni le Bureau")
    assert_self_contained(result)


def test_the_same_number_in_two_documents_is_two_hits(two):
    library = two.library
    assert library.holders(2) == (REPORT, SECRETARY) and library.holders(4) == (SECRETARY,)
    assert library.holders(9) == ()
    assert "olive" in library.versions(2)["en"].text  # no document: the primary's
    assert "Bureau" in library.versions(2, SECRETARY)["en"].text
    assert library.versions(4) == {} and library.paragraph(4) is None
    assert library.paragraph(4, "fr", SECRETARY).text.startswith("Le Secrétaire remercie")
    result = two.search("the Secretariat", k=len(two.units))
    assert {(REPORT, 2), (SECRETARY, 2)} <= set(where(result.hits))
    assert len(set(where(result.hits))) == len(result.hits)
    assert_self_contained(result)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("para 2", [(REPORT, 2)]),
        ("¶ 4", [(SECRETARY, 4)]),  # the primary has no 4: the document that does
        ("paras 2 and 4", [(REPORT, 2), (SECRETARY, 4)]),
        ("第3段", [(REPORT, 3)]),
    ],
)
def test_a_bare_reference_goes_to_the_primary_else_to_a_document_that_has_it(
    two, question, expected
):
    result = two.search(question)
    assert where(result.hits[: len(expected)]) == expected and not result.abstained
    assert result.doc == REPORT and result.document.id == REPORT and result.named == ""
    assert result.hits[0].evidence == {"reference": 1.0}
    assert_self_contained(result)


@pytest.mark.parametrize(
    "question, doc, named",
    [
        ("IT/GB-99/25/6 para 2", SECRETARY, "IT/GB-99/25/6"),
        ("what does para 2 of it/gb-99/25/6 say?", SECRETARY, "it/gb-99/25/6"),
        ("para 2 of the secretary's report", SECRETARY, "secretary"),
        ("Rapport du Secrétaire, paragraphe 2", SECRETARY, "Rapport du Secrétaire"),
        ("report para 2", REPORT, "report"),
        ("IT/GB-99/25/18, para 2", REPORT, "IT/GB-99/25/18"),
    ],
)
def test_a_document_named_by_symbol_or_alias(two, question, doc, named):
    result = two.search(question)
    assert where(result.hits[:1]) == [(doc, 2)] and not result.abstained
    assert result.doc == doc and result.named == named
    assert_self_contained(result)


def test_names_resolve_to_documents(two):
    library = two.library
    assert library.resolve("IT/GB-99/25/6") == SECRETARY == library.resolve(" it/gb-99/25/6 ")
    assert library.resolve("Report") == REPORT == library.resolve(REPORT)
    assert library.resolve("IT/GB-99/25/6/Inf.1") is None and library.resolve("") is None
    assert library.named_in("IT/GB-99/25/6/Inf.1 para 2") is None
    assert library.named_in("reports, para 2") is None


@pytest.mark.parametrize(
    "question, reason, doc, named",
    [
        ("para 9", "out_of_range", REPORT, ""),
        ("report para 4", "out_of_range", REPORT, "report"),
        ("IT/GB-99/25/6 para 5", "out_of_range", SECRETARY, "IT/GB-99/25/6"),
        ("IT/GB-99/25/12 para 2", "unknown_document", "", "IT/GB-99/25/12"),
        ("IT/GB-99/25/6/Inf.1 para 2", "unknown_document", "", "IT/GB-99/25/6/Inf.1"),
    ],
)
def test_a_bad_reference_is_explained_never_a_crash(two, question, reason, doc, named):
    result = two.search(question)
    assert result.abstained and result.reason == reason and result.answer == "no"
    assert result.doc == doc and result.named == named and result.refs
    assert (result.document.id if result.document else "") == doc
    assert result.hits and all("reference" not in h.evidence for h in result.hits)
    assert_self_contained(result)


def test_batch_search_carries_documents_as_single_search_does(two):
    questions = ["para 4", "Bureau convened in Lima", "olive workshop", "IT/GB-99/25/6 para 1"]
    batch = two.search_many(questions, lang_hints=[DEFAULT_LANG] * len(questions))
    assert [where(r.hits) for r in batch] == [where(two.search(q).hits) for q in questions]
    assert [r.hits[0].doc for r in batch] == [SECRETARY, SECRETARY, REPORT, SECRETARY]
    for result in batch:
        assert_self_contained(result)


def test_every_signal_reads_every_document(two):
    """BM25, fuzzy words and dense vectors cover the units of both documents: a word only the
    second document has (in French, a language only it has) finds it."""
    library = two.library
    result = two.search("Le Secrétaire a réuni le Bureau à Lima")
    assert result.lang == "fr" and where(result.hits[:1]) == [(SECRETARY, 2)]
    evidence = two.candidates.gather("Bureau Lima", "en", two.encode(["Bureau Lima"])[0])
    unit = library.unit(SECRETARY, 2)
    for signal in ("lex", "fuzzy", "coverage"):
        assert len(evidence.lists[signal]) == len(library.units) == 7
        assert evidence.lists[signal].argmax() == unit, signal


def test_the_folder_order_changes_no_score(two, tmp_path, encoder):
    """The same two documents with the second folder sorting last: every hit, with its score,
    is the same."""
    other = open_index(knowledge_of_two(tmp_path, "zz-secretary"), tmp_path / "index", encoder)
    assert other.library.units != two.library.units  # the positions differ...
    questions = ["Bureau convened in Lima", "olive workshop in Rome", "para 2", "Barbados"]
    for a, b in zip(two.search_many(questions), other.search_many(questions), strict=True):
        assert [(h.doc, h.number, round(h.score, 5)) for h in a.hits] == [
            (h.doc, h.number, round(h.score, 5)) for h in b.hits
        ]  # ...the answers do not
        assert a.answer == b.answer and a.confidence == pytest.approx(b.confidence, abs=1e-6)
