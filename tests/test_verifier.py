"""The verifier outside HTTP: preparing the judge, and the README documenting every setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.store import SentenceIndex
from service.aggregate import NoWeights
from service.decide import FEATURES, choose
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, rules_aggregator

README = Path(__file__).resolve().parent.parent / "README.md"


def test_prewarm_prepares_the_judge_for_every_indexed_sentence(fake_index: SentenceIndex, settings: Settings) -> None:
    judge = FakeJudge()
    assert Verifier(fake_index, judge, settings, rules_aggregator()).prewarm() == fake_index.live_count
    live = [s for s in fake_index.sentences if s is not None]
    assert len(judge.prepared) == len(live)
    assert all(passage.endswith(s.text) for passage, s in zip(judge.prepared, live, strict=True))


def test_the_readme_documents_every_setting() -> None:
    text = README.read_text()
    missing = [name for name in Settings.model_fields if f"`CLAIMS_{name.upper()}`" not in text]
    assert missing == []


def test_an_unfitted_verifier_gives_features_but_no_verdicts(fake_index: SentenceIndex, settings: Settings) -> None:
    verifier = Verifier(fake_index, FakeJudge(), settings, None)
    claim = "Peskov said it was premature to talk about a peace deal"

    gathered = verifier.gather(claim)

    assert gathered is not None
    values = gathered.values(0.5)
    assert set(values) == set(FEATURES)
    assert 0.0 < values["relevance"] <= 1.0
    with pytest.raises(NoWeights, match="fitted"):
        verifier.verify(claim)


def test_features_are_what_the_verdict_was_decided_on(fake_index: SentenceIndex, settings: Settings) -> None:
    verifier = Verifier(fake_index, FakeJudge(), settings, rules_aggregator())
    claim = "Peskov said it was premature to talk about a peace deal"
    verdict = verifier.verify(claim)

    gathered = verifier.gather(claim)

    assert gathered is not None
    values = gathered.values(rules_aggregator().support)
    assert verdict.label == choose(rules_aggregator().probabilities(values), values)


def test_a_lower_citation_threshold_lets_weaker_statements_confirm(
    fake_index: SentenceIndex, settings: Settings
) -> None:
    verifier = Verifier(fake_index, FakeJudge(score=lambda claim, passage: 0.4), settings, None)

    gathered = verifier.gather("Peskov said it was premature to talk about a peace deal")

    assert gathered is not None
    assert gathered.values(0.5)["confirming_sources"] == 0
    assert gathered.values(0.3)["confirming_sources"] >= 1
