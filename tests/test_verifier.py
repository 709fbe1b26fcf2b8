"""The verifier outside HTTP: its two judges, claims of several facts, fitting data, and the README's settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.search import search
from index.store import SentenceIndex
from service.aggregate import NoWeights
from service.decide import FEATURES, decide, features
from service.evidence import passage
from service.judge import Reading
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator

README = Path(__file__).resolve().parent.parent / "README.md"
# Said in two seed articles in almost these words: the overlap reader confirms it.
PESKOV = "Dmitry Peskov said on Wednesday that it is premature to say the situation is nearing resolution"
MOON = "The moon is made of green cheese"


def verifier(index: SentenceIndex, settings: Settings, reader: FakeReader, judge: FakeJudge) -> Verifier:
    return Verifier(index, reader, judge, settings, rules_aggregator())


def test_prewarm_prepares_the_judge_for_every_indexed_sentence(fake_index: SentenceIndex, settings: Settings) -> None:
    judge = FakeJudge()
    assert verifier(fake_index, settings, FakeReader(), judge).prewarm() == fake_index.live_count
    live = [s for s in fake_index.sentences if s is not None]
    assert len(judge.prepared) == len(live)
    assert all(passage.endswith(s.text) for passage, s in zip(judge.prepared, live, strict=True))


def test_the_readme_documents_every_setting() -> None:
    text = README.read_text()
    missing = [name for name in Settings.model_fields if f"`CLAIMS_{name.upper()}`" not in text]
    assert missing == []


def test_an_unfitted_verifier_gives_features_but_no_verdicts(fake_index: SentenceIndex, settings: Settings) -> None:
    unfitted = Verifier(fake_index, FakeReader(), FakeJudge(), settings, None)

    judgement = unfitted.judgement(PESKOV)

    values = features(judgement, 0.5)
    assert set(values) == set(FEATURES)
    assert 0.0 < values["relevance"] <= 1.0
    assert values["p_true_sources"] >= 2  # two seed articles say it
    with pytest.raises(NoWeights, match="fitted"):
        unfitted.verify(PESKOV)


@pytest.mark.parametrize("claim", [PESKOV, MOON, f"{PESKOV}. {MOON}."])
def test_features_are_what_the_verdict_was_decided_on(
    fake_index: SentenceIndex, settings: Settings, claim: str
) -> None:
    v = verifier(fake_index, settings, FakeReader(), FakeJudge())

    verdict = v.verify(claim)
    outcome = decide(v.judgement(claim), rules_aggregator())

    assert (verdict.label, verdict.confidence) == (outcome.label, round(outcome.confidence, 4))


def test_a_lower_citation_threshold_lets_weaker_statements_confirm(
    fake_index: SentenceIndex, settings: Settings
) -> None:
    lukewarm = FakeReader(true=lambda claim, passage: 0.4)
    unsure = FakeJudge(score=lambda claim, passage: 0.1)  # nor does the LLM confirm anything
    judgement = Verifier(fake_index, lukewarm, unsure, settings, None).judgement(PESKOV)

    assert features(judgement, 0.5)["p_true_sources"] == 0
    assert features(judgement, 0.3)["p_true_sources"] >= 1


def test_a_claim_of_two_sentences_is_judged_part_by_part_and_follows_the_weaker(
    fake_index: SentenceIndex, settings: Settings
) -> None:
    reader = FakeReader()
    v = verifier(fake_index, settings, reader, FakeJudge())
    claim = f"{PESKOV}. {MOON}."

    alone = v.verify(PESKOV)
    reader.asked.clear()
    verdict = v.verify(claim)

    assert alone.label == "supported"
    parts = [f"{PESKOV}.", f"{MOON}."]
    k = settings.default_top_k
    assert reader.asked == [(part, [passage(h) for h in search(fake_index, part, k)]) for part in parts]
    assert verdict.label == "not_enough_info"
    assert MOON in verdict.reason  # names the part nothing confirms
    assert verdict.claim == claim


def test_the_llm_reads_the_trained_judges_most_decisive_statement_first_then_the_best_retrieved(
    fake_index: SentenceIndex, settings: Settings
) -> None:
    reader, judge = FakeReader(), FakeJudge()
    three = settings.model_copy(update={"llm_statements": 3})

    verifier(fake_index, three, reader, judge).verify(PESKOV)

    [(claim, passages)] = reader.asked
    [(asked, read)] = judge.asked
    assert asked == claim == PESKOV
    assert len(read) == 3
    readings = reader.read(PESKOV, passages)
    first = max(range(len(passages)), key=lambda i: max(readings[i].true, readings[i].false))
    assert read == [passages[first], *[p for i, p in enumerate(passages) if i != first][:2]]


def test_the_llm_reading_is_a_feature_of_the_verdict(fake_index: SentenceIndex, settings: Settings) -> None:
    one = settings.model_copy(update={"llm_statements": 1})
    v = Verifier(fake_index, FakeReader(), FakeJudge(replies=[[Reading(0.2, 0.7)]]), one, None)

    values = features(v.judgement(PESKOV), 0.5)

    assert (values["llm_true"], values["llm_false"]) == (0.2, 0.7)


def test_ready_says_how_many_statements_are_prepared(fake_index: SentenceIndex, settings: Settings) -> None:
    checker = verifier(fake_index, settings, FakeReader(), FakeJudge())
    assert checker.readiness().prepared_statements == 0  # served cold until prepared: not a precondition
    checker.prewarm()
    assert checker.readiness().prepared_statements == fake_index.live_count
