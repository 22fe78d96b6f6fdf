import json
import logging
import re
import shutil

import pytest

from index.knowledge import KnowledgeError, load_documents
from index.versions import read_version_file
from tests.conftest import KNOWLEDGE, REPO, REPORT


@pytest.fixture()
def knowledge(tmp_path):
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    return tmp_path / "knowledge"


def rewrite(path, fn):
    path.write_text(fn(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_report_loads_in_six_languages():
    documents, problems = load_documents(KNOWLEDGE)
    (document,) = documents
    assert problems == []
    assert set(document.langs) == {"zh", "en", "es", "fr", "ru", "ar"}
    assert document.numbers == tuple(range(1, 78))
    official = document.paragraph(26)
    assert official.official and official.lang == "zh"
    assert official.section_path == "II › 获取和惠益分享多边系统 › 运行"
    english = document.paragraph(26, "en")
    assert not english.official and english.section[0] == "II"
    assert [link.url for link in english.links] == [link.url for link in official.links]


def test_links_and_notes_of_a_paragraph():
    (document,), _ = load_documents(KNOWLEDGE)
    p22 = document.paragraph(22)
    # The heading's footnote (13) goes with the first paragraph under it.
    assert p22.footnotes == (13, 14, 15, 16, 17, 18)
    assert len(p22.links) == 1 + 4 + 3
    p72 = document.paragraph(72)
    assert p72.links == () and "9416" in p72.notes[0]


def test_missing_paragraph_is_refused_with_file_and_paragraph(knowledge):
    rewrite(knowledge / REPORT.name / "fr.txt", lambda s: re.sub(r"(?m)^\[40\].*\n", "", s))
    (document,), problems = load_documents(knowledge)
    assert problems == ["gb11-work-programme/fr.txt: paragraph 40 is missing"]
    assert "fr" not in document.langs and "es" in document.langs


def test_extra_paragraph_is_refused(knowledge):
    rewrite(knowledge / REPORT.name / "es.txt", lambda s: s + "[78] Un párrafo que no existe.\n")
    _, problems = load_documents(knowledge)
    assert problems == ["gb11-work-programme/es.txt: paragraph 78 is not in the official text"]


def test_file_in_the_wrong_language_is_refused(knowledge):
    shutil.copyfile(knowledge / REPORT.name / "en.txt", knowledge / REPORT.name / "ru.txt")
    (document,), problems = load_documents(knowledge)
    assert len(problems) == 1
    assert problems[0].startswith("gb11-work-programme/ru.txt: not written in 'ru' (paragraph 1")
    assert "ru" not in document.langs and "en" in document.langs


def test_missing_file_and_duplicate_key(knowledge):
    (knowledge / REPORT.name / "ar.txt").unlink()
    rewrite(knowledge / REPORT.name / "en.txt", lambda s: s + "[5] again\n")
    _, problems = load_documents(knowledge)
    assert "gb11-work-programme/ar.txt: file not found" in problems
    assert any(
        p.startswith("gb11-work-programme/en.txt, line") and "[5] appears twice" in p
        for p in problems
    )


def test_undecodable_file(tmp_path):
    path = tmp_path / "xx.txt"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(KnowledgeError, match="xx.txt: cannot be read as UTF-8"):
        read_version_file(path)


def test_an_official_version_is_labelled_official(knowledge):
    meta_path = knowledge / REPORT.name / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["versions"]["en"] = {
        "file": "en.txt",
        "official": True,
        "url": "https://example.org/en.pdf",
        "symbol": "IT/GB-11/25/18",
    }
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    (document,), _ = load_documents(knowledge)
    assert document.paragraph(26, "en").official
    assert document.versions["en"].url == "https://example.org/en.pdf"
    assert not document.paragraph(26, "fr").official


def test_no_document_folder(tmp_path):
    with pytest.raises(KnowledgeError, match="no document folder"):
        load_documents(tmp_path)


# Several document folders: each is loaded or refused on its own.

TINY = REPO / "tests" / "data" / "tiny"
SECOND = REPO / "tests" / "data" / "second" / "gb99-secretary"


@pytest.fixture()
def two(tmp_path):
    shutil.copytree(TINY, tmp_path / "knowledge")
    shutil.copytree(SECOND, tmp_path / "knowledge" / SECOND.name)
    return tmp_path / "knowledge"


def refusals(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_two_documents_load_with_their_manifest_fields(two):
    documents, problems = load_documents(two)
    assert problems == [] and [d.id for d in documents] == ["gb99-secretary", "tiny"]
    second, report = documents
    assert report.primary and report.aliases == ("report", "informe")
    assert not second.primary and second.symbol == "IT/GB-99/25/6"
    assert second.official_lang == "en" and second.langs == ("en", "fr")
    assert second.title_in("fr") == "Rapport du Secrétaire" and second.title_in("ru") == (
        "Report of the Secretary"
    )


@pytest.mark.parametrize(
    "file, damage, line",
    [
        (
            "en.txt",
            lambda s: s.replace(" I. Introduction \n", " I. Introduction \nstray\n"),
            ("gb99-secretary/en.txt, line 7: text outside any paragraph: 'stray'"),
        ),
        (
            "meta.json",
            lambda s: s.replace('"symbol"', "symbol"),
            (
                "gb99-secretary/meta.json, line 4: not valid JSON (Expecting property name enclosed"
                " in double quotes)"
            ),
        ),
        (
            "meta.json",
            lambda s: s.replace('"official_lang"', '"lang"'),
            ("gb99-secretary/meta.json: no 'official_lang'"),
        ),
        (
            "outline.json",
            lambda s: s.replace('"level": 1,', "", 1),
            ("gb99-secretary/outline.json: a heading lacks or mistypes 'level'"),
        ),
        (
            "en.txt",
            lambda s: s.replace(" I. Introduction \n", ""),
            "gb99-secretary/en.txt: the outline's first heading ('Introduction') is not in it",
        ),
    ],
)
def test_a_folder_that_cannot_be_read_is_refused_in_one_line_the_others_served(
    two, caplog, file, damage, line
):
    rewrite(two / SECOND.name / file, damage)
    with caplog.at_level(logging.WARNING, logger="index.knowledge"):
        documents, problems = load_documents(two)
    assert [d.id for d in documents] == ["tiny"]
    assert problems == [line] and refusals(caplog) == [f"refused: {line}"]


def test_a_folder_with_an_id_already_loaded_is_refused(two):
    shutil.copytree(two / SECOND.name, two / "zz-copy")
    documents, problems = load_documents(two)
    assert [d.id for d in documents] == ["gb99-secretary", "tiny"]
    assert problems == ["zz-copy/meta.json: id 'gb99-secretary' is already gb99-secretary's"]


def test_every_folder_refused_is_an_error(tmp_path):
    shutil.copytree(SECOND, tmp_path / SECOND.name)
    (tmp_path / SECOND.name / "outline.json").write_text("[]", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="every document folder was refused"):
        load_documents(tmp_path)


def test_an_id_defaults_to_the_folder_name(two):
    meta = two / SECOND.name / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    del data["id"]
    meta.write_text(json.dumps(data), encoding="utf-8")
    documents, _ = load_documents(two)
    assert [d.id for d in documents] == ["gb99-secretary", "tiny"]
    assert {p.doc for p in documents[0].paragraphs} == {"gb99-secretary"}


@pytest.mark.parametrize("marked", [(), ("tiny", "gb99-secretary")])
def test_a_primary_left_to_the_rule_is_said_in_one_line(two, caplog, marked):
    for folder in (two / "report", two / SECOND.name):
        data = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        data["primary"] = data["id"] in marked
        (folder / "meta.json").write_text(json.dumps(data), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="index.knowledge"):
        load_documents(two)
    # The second document has four paragraphs, the report three.
    assert refusals(caplog) == [
        f'{len(marked)} documents are marked "primary": true; gb99-secretary, with the most'
        " paragraphs, is primary"
    ]


def test_a_name_two_documents_share_is_said_in_one_line(two, caplog):
    rewrite(two / SECOND.name / "meta.json", lambda s: s.replace('"secretary"', '"Report"'))
    with caplog.at_level(logging.WARNING, logger="index.knowledge"):
        load_documents(two)
    assert refusals(caplog) == ["'Report' names both tiny and gb99-secretary: it means tiny"]
