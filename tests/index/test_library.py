"""The library's rules on documents alone: which one is primary, in which order they come."""

import pytest

from index.library import choose_primary, document_names, ordered
from index.records import Document, Paragraph, Version


def document(doc, paragraphs, primary=False, symbol="", aliases=()):
    return Document(
        id=doc,
        title={"en": doc},
        symbol=symbol,
        session="GB-99",
        agenda_item="",
        date="",
        publisher="",
        url="",
        official_lang="en",
        versions={"en": Version("en", "en.txt", True, symbol="IT/GB-99/25/6/Rev.1")},
        paragraphs=tuple(
            Paragraph(doc, n, (), "en", f"text {n}") for n in range(1, paragraphs + 1)
        ),
        primary=primary,
        aliases=aliases,
    )


@pytest.mark.parametrize(
    "documents, chosen, how",
    [
        ([document("a", 2), document("b", 9, primary=True)], "b", "marked"),
        ([document("z", 2)], "z", "only"),
        ([document("a", 2), document("b", 9)], "b", "most paragraphs"),
        ([document("b", 5), document("a", 5)], "a", "most paragraphs"),
        (
            [document("a", 2, True), document("b", 3, True), document("c", 9)],
            "b",
            "most paragraphs",
        ),
    ],
)
def test_the_primary_is_never_the_first_folder_by_chance(documents, chosen, how):
    primary, reason = choose_primary(documents)
    assert (primary.id, reason) == (chosen, how)
    assert choose_primary(list(reversed(documents)))[0].id == chosen
    assert ordered(documents)[0].id == chosen


def test_no_documents_is_an_error():
    with pytest.raises(ValueError, match="at least one"):
        choose_primary([])


def test_a_document_is_called_by_its_id_symbols_and_aliases():
    d = document("gb99-secretary", 1, symbol="IT/GB-99/25/6", aliases=("secretary",))
    assert document_names(d) == (
        "gb99-secretary",
        "IT/GB-99/25/6",
        "IT/GB-99/25/6/Rev.1",
        "secretary",
    )
