import re
import shutil

import pytest

from index.knowledge import KnowledgeError, load_documents, read_version_file
from tests.conftest import KNOWLEDGE, REPORT


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
    import json

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
