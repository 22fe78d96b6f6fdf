"""The question read alone: the wording model's log-odds, its fitted file, and a searcher whose
encoder is not the one it was fitted on."""

import logging
import math

import numpy as np

from index.tuning import Tuning
from index.wording import Wording


def test_the_log_odds_is_the_weighted_vector_plus_the_intercept():
    wording = Wording("model-a", (2.0, -1.0, 0.0), 0.5)
    assert wording.logit(np.array([1.0, 1.0, 3.0])) == 1.5
    assert wording.logit(np.array([0.0, 2.0, 0.0])) == -1.5


def test_no_weights_or_vectors_of_another_size_give_nan():
    assert math.isnan(Wording.empty().logit(np.ones(3)))
    assert math.isnan(Wording("model-a", (1.0, 2.0), 0.0).logit(np.ones(3)))


def test_the_fitted_file_keeps_the_weights():
    wording = Wording("model-a", (0.123456789, -2.0), 0.25)
    again = Wording.from_dict(wording.to_dict())
    assert again.model == "model-a" and again.intercept == 0.25
    assert np.allclose(again.coef, wording.coef, atol=1e-6)


def test_the_shipped_file_was_fitted_on_the_default_encoder(searcher):
    wording = Tuning.load().wording
    assert wording.model == searcher.encoder.model_id
    assert len(wording.coef) == searcher.encoder.dim


def test_weights_fitted_on_another_encoder_are_left_out_with_one_warning(caplog):
    wording = Wording("model-a", (1.0, 2.0), 0.0)
    assert wording.for_encoder("model-a") is wording
    with caplog.at_level(logging.WARNING, logger="index.wording"):
        other = wording.for_encoder("model-b")
    assert math.isnan(other.logit(np.ones(2)))
    (record,) = caplog.records
    assert "model-a" in record.getMessage() and "model-b" in record.getMessage()
