"""The question read alone: the wording model's log-odds, its fitted file, and a searcher whose
encoder is not the one it was fitted on."""

import json
import logging
import math
from dataclasses import replace

import numpy as np
import pytest

from index.answerability import Answerability
from index.features import ANSWER_FEATURES
from index.folder import load_folder
from index.glossary import Glossary
from index.search import Searcher
from index.tuning import TUNING_FILE, Tuning, TuningMismatch
from index.wording import Wording
from tests.conftest import CACHE


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


@pytest.mark.parametrize(
    "model, dim", [("model-b", 2), ("model-a", 3), ("", 2)], ids=["model", "size", "unnamed"]
)
def test_weights_fitted_on_another_encoder_are_left_out_with_one_warning(caplog, model, dim):
    wording = Wording(model, (1.0, 2.0), 0.0)
    with caplog.at_level(logging.WARNING, logger="index.wording"):
        kept = wording.for_encoder("model-a", dim)
    assert math.isnan(kept.logit(np.ones(2)))
    (record,) = caplog.records
    assert "model-a" in record.getMessage()


def test_weights_fitted_on_this_encoder_are_kept():
    wording = Wording("model-a", (1.0, 2.0), 0.0)
    assert wording.for_encoder("model-a", 2) is wording
    assert Wording.empty().for_encoder("model-a", 2) == Wording.empty()


@pytest.mark.parametrize(
    "entry",
    [
        None,
        {},
        {"model": "m", "coef": "123", "intercept": 0.0},
        {"model": "m", "coef": [1.0, "x"], "intercept": 0.0},
        {"model": "m", "coef": [1.0, float("nan")], "intercept": 0.0},
        {"model": 3, "coef": [1.0], "intercept": 0.0},
    ],
)
def test_a_missing_or_garbled_entry_names_the_file_and_the_refit(tmp_path, entry):
    data = json.loads(TUNING_FILE.read_text(encoding="utf-8"))
    if entry is None:
        del data["wording"]
    else:
        data["wording"] = entry
    broken = tmp_path / "tuning.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TuningMismatch, match="bench/tune.py") as raised:
        Tuning.load(broken)
    assert "\n" not in str(raised.value)


def test_a_searcher_on_another_encoder_warns_once_and_answers(searcher, caplog):
    index_dir = CACHE / "test-index"
    tuning = replace(Tuning.load(), wording=Wording("st:elsewhere", (0.0,) * 384, 0.0))
    with caplog.at_level(logging.WARNING, logger="index.wording"):
        other = Searcher(
            load_folder(index_dir, searcher.encoder),
            searcher.encoder,
            Glossary.load(index_dir),
            tuning,
        )
    assert [r for r in caplog.records if "st:elsewhere" in r.getMessage()] != []
    assert len(caplog.records) == 1
    result = other.search("How many SMTAs were reported?")
    assert result.hits[0].number == 26


def test_a_paragraph_with_no_word_of_the_question_is_refused_by_a_model_that_says_yes(
    searcher, monkeypatch
):
    n = len(ANSWER_FEATURES)
    always_yes = Answerability(
        ANSWER_FEATURES,
        (0.0,) * n,
        (1.0,) * n,
        (0.0,) * len(searcher.tuning.answerability.coef),
        -60.0,
        0.5,
        1.0,
    )
    monkeypatch.setattr(searcher, "tuning", replace(searcher.tuning, answerability=always_yes))
    assert searcher.search("How many SMTAs were reported?").answer == "yes"
    assert searcher.search("长城有多长？").answer == "no"
