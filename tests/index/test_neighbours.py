"""The fitted questions as evidence: their share of unanswered among a question's nearest, the
fitted file's copy of them, and a searcher whose encoder did not embed them."""

import logging
import math

import numpy as np

from index.neighbours import Neighbours
from index.tuning import Tuning


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def fitted() -> Neighbours:
    # Three unanswered questions around the x axis, two answered ones around the y axis.
    vectors = np.stack(
        [unit(1, 0.1, 0), unit(1, -0.1, 0), unit(1, 0, 0.1), unit(0.1, 1, 0), unit(0, 1, 0.1)]
    )
    return Neighbours("model-a", vectors, np.array([1, 1, 1, 0, 0]), k=2)


def test_the_share_is_that_of_unanswered_among_the_k_nearest():
    memory = fitted()
    near_x, near_y, between = memory.shares(np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0)]))
    assert near_x == 1.0
    assert near_y == 0.0
    assert 0.0 < between < 1.0  # its two nearest are of both kinds


def test_no_fitted_questions_or_vectors_of_another_size_give_nan():
    assert math.isnan(Neighbours.empty().share(unit(1, 0, 0)))
    assert math.isnan(fitted().share(unit(1, 0, 0, 0)))


def test_the_fitted_file_keeps_the_questions_vectors_and_labels():
    memory = fitted()
    again = Neighbours.from_dict(memory.to_dict())
    assert (again.model, again.k) == ("model-a", 2)
    assert np.allclose(again.vectors, memory.vectors, atol=1e-3)  # stored as float16
    probes = np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0)])
    assert np.allclose(again.shares(probes), memory.shares(probes))


def test_the_shipped_file_has_its_questions_and_the_searcher_reads_them(searcher):
    tuning = Tuning.load()
    assert tuning.neighbours.model == searcher.encoder.model_id
    assert len(tuning.neighbours.vectors) == tuning.provenance["questions"]
    assert 0.0 <= searcher.search("How many SMTAs were reported?").confidence <= 1.0


def test_questions_embedded_by_another_encoder_are_left_out_with_one_warning(caplog):
    memory = fitted()
    assert memory.for_encoder("model-a") is memory
    with caplog.at_level(logging.WARNING, logger="index.neighbours"):
        other = memory.for_encoder("model-b")
    assert math.isnan(other.share(unit(1, 0, 0)))
    (record,) = caplog.records
    assert "model-a" in record.getMessage() and "model-b" in record.getMessage()
