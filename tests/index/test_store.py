import json
import logging
import os
import shutil
import time

import pytest

from index import IndexUnusable, build_index, open_index, store
from index.folder import load_folder
from index.sentences import split_sentences
from index.vectors import passage_text, sentence_spans
from tests.conftest import REPO

TINY = REPO / "tests" / "data" / "tiny"


class Counting:
    """The real encoder, counting the passages it is asked to embed."""

    def __init__(self, encoder):
        self._encoder = encoder
        self.model_id, self.dim, self.prompts = encoder.model_id, encoder.dim, encoder.prompts
        self.documents = 0

    def encode_query(self, texts):
        return self._encoder.encode_query(texts)

    def encode_document(self, texts):
        self.documents += len(texts)
        return self._encoder.encode_document(texts)

    def cap(self, text, max_tokens=512):
        return self._encoder.cap(text, max_tokens)


@pytest.fixture()
def knowledge(tmp_path):
    shutil.copytree(TINY, tmp_path / "knowledge")
    return tmp_path / "knowledge"


@pytest.fixture()
def counting(encoder):
    return Counting(encoder)


def test_build_then_open_without_rebuilding(knowledge, tmp_path, counting):
    refused, seconds = build_index(knowledge, tmp_path / "index", counting)
    assert refused == [] and seconds >= 0
    # Six paragraph versions, and each of their sentences.
    spans = sentence_spans(load_folder(tmp_path / "index", counting).paragraphs)
    assert counting.documents == 6 + len(spans) and len(spans) >= 6
    meta = json.loads((tmp_path / "index" / "meta.json").read_text())
    assert meta["model"] == counting.model_id and meta["dim"] == 384
    assert meta["format_version"] == store.FORMAT_VERSION and len(meta["knowledge_sha256"]) == 64
    embedded = counting.documents
    searcher = open_index(knowledge, tmp_path / "index", counting)
    assert counting.documents == embedded
    assert searcher.search("olive workshop in Rome").hits[0].number == 2


@pytest.mark.parametrize(
    "victim",
    [
        "dense.faiss",
        "sentences.faiss",
        "sentences.json",
        "paragraphs.jsonl",
        "meta.json",
        "bm25/zh/vocab.index.json",
    ],
)
def test_a_truncated_file_is_reported_in_one_line_and_rebuilt(
    knowledge, tmp_path, counting, caplog, victim
):
    build_index(knowledge, tmp_path / "index", counting)
    path = tmp_path / "index" / victim
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])
    with caplog.at_level(logging.WARNING, logger="index.store"):
        searcher = open_index(knowledge, tmp_path / "index", counting)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "rebuilding it" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage() and warnings[0].exc_info is None
    assert searcher.search("Barbados accession").hits[0].number == 3


def test_garbage_and_missing_index(knowledge, tmp_path, counting):
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "meta.json").write_bytes(b"\x00\xff not json")
    assert open_index(knowledge, tmp_path / "index", counting).search("olive").hits
    assert open_index(knowledge, tmp_path / "fresh", counting).search("olive").hits


def test_a_knowledge_change_rebuilds_and_reembeds_only_what_changed(knowledge, tmp_path, counting):
    build_index(knowledge, tmp_path / "index", counting)
    before = counting.documents
    en = knowledge / "report" / "en.txt"
    en.write_text(en.read_text().replace("30 experts", "thirty experts"), encoding="utf-8")
    searcher = open_index(knowledge, tmp_path / "index", counting)
    assert counting.documents - before == 2  # the paragraph, and the sentence that changed
    assert "thirty experts" in searcher.paragraph(2, "en").text


def test_another_model_makes_the_index_stale(knowledge, tmp_path, counting):
    build_index(knowledge, tmp_path / "index", counting)
    meta = store.read_manifest(tmp_path / "index")
    counting.model_id = "st:some-other-model"
    with pytest.raises(IndexUnusable, match="model"):
        store.check_manifest(meta, knowledge, counting)


def test_a_prebuilt_index_without_knowledge_is_trusted_or_refused(knowledge, tmp_path, counting):
    build_index(knowledge, tmp_path / "index", counting)
    assert open_index(None, tmp_path / "index", counting).search("olive").hits
    (tmp_path / "index" / "dense.faiss").write_bytes(b"broken")
    with pytest.raises(IndexUnusable, match="do not match their checksums"):
        open_index(None, tmp_path / "index", counting)


@pytest.mark.parametrize(
    "refusal",
    [PermissionError(13, "Permission denied"), OSError(30, "Read-only file system")],
)
def test_a_read_only_index_folder_is_rebuilt_elsewhere(
    knowledge, tmp_path, counting, monkeypatch, refusal
):
    calls = []
    real = store.build_index

    def first_denied(knowledge_dir, out_dir, encoder):
        calls.append(out_dir)
        if len(calls) == 1:
            raise refusal
        return real(knowledge_dir, out_dir, encoder)

    monkeypatch.setattr(store, "build_index", first_denied)
    searcher = open_index(knowledge, tmp_path / "readonly" / "index", counting)
    assert len(calls) == 2 and calls[1] != tmp_path / "readonly" / "index"
    assert searcher.search("olive").hits[0].number == 2


def _with_glossary(knowledge):
    terms = [{"id": "olive", "en": ["olive"], "zh": ["橄榄"]}]
    (knowledge / "glossary.json").write_text(json.dumps({"terms": terms}), encoding="utf-8")


@pytest.mark.parametrize("damage", ["garble", "remove"])
@pytest.mark.parametrize("victim", ["glossary.json", "bm25/en/params.index.json", "tokens.jsonl"])
def test_every_index_file_is_checksummed_so_damage_means_a_rebuild(
    knowledge, tmp_path, counting, caplog, victim, damage
):
    _with_glossary(knowledge)
    build_index(knowledge, tmp_path / "index", counting)
    path = tmp_path / "index" / victim
    assert path.exists() and victim in store.read_manifest(tmp_path / "index")["files"]
    if damage == "garble":
        path.write_bytes(b"\x00\xff{not json")
    else:
        path.unlink()
    with caplog.at_level(logging.WARNING, logger="index.store"):
        searcher = open_index(knowledge, tmp_path / "index", counting)
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "checksums" in warning and "rebuilding it" in warning
    assert searcher.glossary.terms and searcher.search("olive").hits


def test_a_folder_left_by_an_interrupted_build_is_removed(knowledge, tmp_path, counting):
    build_index(knowledge, tmp_path / "index", counting)
    leftover, running = tmp_path / ".building-abc123", tmp_path / ".building-def456"
    (leftover / "bm25").mkdir(parents=True)
    running.mkdir()
    os.utime(leftover, (time.time() - 2 * store.LEFTOVER_AGE,) * 2)
    open_index(knowledge, tmp_path / "index", counting)
    assert not leftover.exists() and (tmp_path / "index").exists()
    assert running.exists()  # another process may be building it right now


SECOND = REPO / "tests" / "data" / "second" / "gb99-secretary"


def test_adding_a_document_folder_embeds_that_folder_only(knowledge, tmp_path, counting):
    build_index(knowledge, tmp_path / "index", counting)
    before = counting.documents
    shutil.copytree(SECOND, knowledge / SECOND.name)
    searcher = open_index(knowledge, tmp_path / "index", counting)
    added = [p for p in searcher.library.paragraphs if p.doc == "gb99-secretary"]
    texts = {passage_text(p) for p in added}
    texts |= {p.text[a:b] for p in added for a, b in split_sentences(p.text)}
    assert len(added) == 8 and counting.documents - before == len(texts)
    assert store.read_manifest(tmp_path / "index")["documents"] == ["gb99-secretary", "tiny"]
    assert searcher.search("Bureau in Lima").hits[0].doc == "gb99-secretary"


def test_a_document_folder_that_cannot_be_read_leaves_the_others_in_service(
    knowledge, tmp_path, counting
):
    shutil.copytree(SECOND, knowledge / SECOND.name)
    (knowledge / SECOND.name / "en.txt").write_text("1. No heading before it.\n", "utf-8")
    searcher = open_index(knowledge, tmp_path / "index", counting)
    assert [d.id for d in searcher.library.documents] == ["tiny"]
    (refused,) = store.read_manifest(tmp_path / "index")["refused"]
    assert refused.startswith("gb99-secretary/en.txt: the outline's first heading")
    assert searcher.search("olive workshop in Rome").hits[0].number == 2
