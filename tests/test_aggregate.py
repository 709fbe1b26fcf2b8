"""The fitted aggregator: fitting, probabilities, and its weights file."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from judge.model import read_card
from service import aggregate
from service.aggregate import LABELS, Aggregator, NoWeights, fit
from service.decide import FEATURES
from service.loading import load_aggregator
from service.models import PRESETS
from service.settings import Settings
from tests.fakes import rules_aggregator


def _rows(seed: int = 0) -> tuple[list[dict[str, float]], list[aggregate.Label]]:
    """Four clusters, one per label, in two features (plus a constant one a fit must tolerate)."""
    rng = np.random.default_rng(seed)
    centres = {"supported": (2, 0), "refuted": (0, 2), "not_enough_info": (-2, 0), "conflicting": (0, -2)}
    rows, labels = [], []
    for label, (a, b) in centres.items():
        for _ in range(30):
            rows.append({"a": a + rng.normal(0, 0.5), "b": b + rng.normal(0, 0.5), "flat": 1.0})
            labels.append(label)
    return rows, labels  # type: ignore[return-value]


def test_fit_separates_clusters_and_gives_probabilities() -> None:
    rows, labels = _rows()
    model = fit(rows, labels, ("a", "b", "flat"))
    held_out, truth = _rows(seed=1)

    predicted = [max(p := model.probabilities(r), key=p.__getitem__) for r in held_out]

    assert np.mean([p == t for p, t in zip(predicted, truth, strict=True)]) > 0.95
    probs = model.probabilities(held_out[0])
    assert set(probs) == set(LABELS)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_stronger_penalty_gives_less_confident_probabilities() -> None:
    rows, labels = _rows()
    loose, tight = fit(rows, labels, ("a", "b"), l2=0.1), fit(rows, labels, ("a", "b"), l2=100.0)

    assert max(tight.probabilities(rows[0]).values()) < max(loose.probabilities(rows[0]).values())


def test_missing_feature_is_named() -> None:
    rows, labels = _rows()
    model = fit(rows, labels, ("a", "b"))

    with pytest.raises(KeyError, match="'b'"):
        model.probabilities({"a": 1.0})


def test_values_beyond_the_fitted_range_are_held_to_it(tmp_path: Path) -> None:
    # Tuning saw "a" between about -3 and 3; a value of 40 (a statement carried by forty outlets) reads as the
    # largest the fit saw, not as a score thirteen times further out.
    rows, labels = _rows()
    model = fit(rows, labels, ("a", "b"))
    top = max(r["a"] for r in rows)
    assert model.high is not None and model.high[0] == pytest.approx(top)

    assert model.probabilities({"a": 40.0, "b": 0.0}) == pytest.approx(model.probabilities({"a": top, "b": 0.0}))
    aggregate.save(model, tmp_path / "ranged.json")
    again = aggregate.load(tmp_path / "ranged.json")
    assert again.probabilities({"a": 40.0, "b": 0.0}) == pytest.approx(model.probabilities({"a": top, "b": 0.0}))


def test_weights_without_a_fitted_range_extrapolate_as_before(tmp_path: Path) -> None:
    rows, labels = _rows()
    data = fit(rows, labels, ("a", "b")).to_json()
    del data["low"], data["high"]
    (tmp_path / "old.json").write_text(json.dumps(data))

    old = aggregate.load(tmp_path / "old.json")

    assert old.low is None
    far, near = old.probabilities({"a": 40.0, "b": 0.0}), old.probabilities({"a": 3.0, "b": 0.0})
    assert far["supported"] > near["supported"]


def test_weights_with_half_a_range_are_refused(tmp_path: Path) -> None:
    rows, labels = _rows()
    data = fit(rows, labels, ("a", "b")).to_json()
    del data["high"]
    (tmp_path / "bad.json").write_text(json.dumps(data))

    with pytest.raises(ValueError, match="one end"):
        aggregate.load(tmp_path / "bad.json")


def test_fit_refuses_mismatched_rows_and_labels() -> None:
    with pytest.raises(ValueError, match="one label per"):
        fit([{"a": 1.0}], [], ("a",))
    with pytest.raises(ValueError, match="one weight per"):
        fit([{"a": 1.0}], ["supported"], ("a",), weights=[1.0, 2.0])


def test_row_weights_weigh_rows_and_unit_weights_change_nothing() -> None:
    rows, labels = _rows()
    unweighted = fit(rows, labels, ("a", "b"))
    ones = fit(rows, labels, ("a", "b"), weights=[1.0] * len(rows))
    doubled = fit(rows, labels, ("a", "b"), weights=[2.0] * 30 + [1.0] * (len(rows) - 30))  # the supported rows

    np.testing.assert_array_equal(ones.coef, unweighted.coef)
    supported = LABELS.index("supported")
    assert doubled.bias[supported] - doubled.bias.mean() > ones.bias[supported] - ones.bias.mean()


def test_weights_round_trip_through_a_file(tmp_path: Path) -> None:
    rows, labels = _rows()
    model = fit(rows, labels, ("a", "b"), support=0.3)
    model = Aggregator(model.features, model.mean, model.scale, model.coef, model.bias, {"n": 120}, model.support)

    aggregate.save(model, tmp_path / "tiny.json")
    again = aggregate.load(tmp_path / "tiny.json")

    assert aggregate.weights_path("tiny", tmp_path) == tmp_path / "tiny.json"
    assert aggregate.weights_path("tiny", tmp_path, head=True) == tmp_path / "tiny+head.json"
    assert again.meta == {"n": 120}
    assert again.support == 0.3
    assert again.probabilities(rows[5]) == pytest.approx(model.probabilities(rows[5]))


def test_missing_weights_say_how_to_fit(tmp_path: Path) -> None:
    with pytest.raises(NoWeights, match="python -m eval fit"):
        aggregate.load(tmp_path / "nothing.json")


@pytest.mark.parametrize("support", [0.0, 1.0, -0.2])
def test_a_citation_threshold_outside_zero_to_one_is_refused(tmp_path: Path, support: float) -> None:
    rows, labels = _rows()
    data = fit(rows, labels, ("a", "b")).to_json()
    data["support"] = support
    (tmp_path / "bad.json").write_text(json.dumps(data))

    with pytest.raises(ValueError, match="between 0 and 1"):
        aggregate.load(tmp_path / "bad.json")


def test_weights_that_do_not_match_their_features_are_refused(tmp_path: Path) -> None:
    rows, labels = _rows()
    data = fit(rows, labels, ("a", "b")).to_json()
    data["features"] = ["a"]
    (tmp_path / "bad.json").write_text(json.dumps(data))

    with pytest.raises(ValueError, match="do not match"):
        aggregate.load(tmp_path / "bad.json")


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_ships_weights_for_the_features_decide_computes(preset: str) -> None:
    model = aggregate.load(aggregate.weights_path(preset))

    assert model.features and set(model.features) <= set(FEATURES)  # else every verdict fails with a KeyError
    assert model.meta["judge_sha256"] == read_card()["weights_sha256"]  # fitted on the shipped trained judge
    assert model.support == model.meta["support"]
    assert model.meta["model_preset"] == preset
    assert not any("test" in Path(d).name for d in model.meta["data"])  # never fitted on the held-out split


def test_weights_fitted_on_another_trained_judge_load_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fitted = rules_aggregator()
    path = tmp_path / "weights.json"
    aggregate.save(dataclasses.replace(fitted, meta={"judge_sha256": "a" * 64}), path)
    settings = Settings(aggregator=path)
    with caplog.at_level(logging.WARNING, logger="service.loading"):
        load_aggregator(settings, "qwen2.5-coder-1.5b", "a" * 64)
        assert not caplog.records
        load_aggregator(settings, "qwen2.5-coder-1.5b", "b" * 64)
    assert "fitted on another trained judge" in caplog.text and "make fit MODEL=qwen2.5-coder-1.5b" in caplog.text


def test_reading_more_or_fewer_statements_than_the_weights_were_fitted_with_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "weights.json"
    aggregate.save(dataclasses.replace(rules_aggregator(), meta={"llm_statements": 2}), path)
    with caplog.at_level(logging.WARNING, logger="service.loading"):
        assert load_aggregator(Settings(aggregator=path), "qwen2.5-coder-1.5b").llm_statements == 2
        load_aggregator(Settings(aggregator=path, llm_statements=2), "qwen2.5-coder-1.5b")
        assert not caplog.records
        load_aggregator(Settings(aggregator=path, llm_statements=3), "qwen2.5-coder-1.5b")
    assert "reads 3 statements" in caplog.text and "fitted with 2" in caplog.text
