"""The judge alone on gold statements (`python -m eval gold`): the passages found for a claim's cited sentences,
and the figures of a judge's readings of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval import gold
from eval.__main__ import main
from eval.claims import GoldEvidence, LabeledClaim
from index.store import SentenceIndex
from service.judge import Reading
from tests.fakes import FakeJudge


def later_sentence(index: SentenceIndex, at: int = 3):
    """A sentence of the first seed article that has one before it."""
    rows = index.by_article[sorted(index.by_article)[0]]
    sentence = index.sentences[rows[at]]
    before = index.sentences[rows[at - 1]]
    assert sentence is not None and before is not None
    return sentence, before


def claim(text: str, label: str, evidence: list[GoldEvidence], n: int = 0) -> LabeledClaim:
    return LabeledClaim(id=f"c{n}", claim=text, label=label, evidence=evidence)


def test_a_gold_sentence_is_read_after_the_one_before_it(fake_index: SentenceIndex) -> None:
    sentence, before = later_sentence(fake_index)
    found = gold.gold_passages(
        fake_index, claim("x", "supported", [GoldEvidence(article=sentence.article_id, text=sentence.text)])
    )
    assert found == [f"{before.text} {sentence.text}"]


def test_a_gold_text_is_found_inside_a_longer_sentence_but_not_in_another_article(fake_index: SentenceIndex) -> None:
    sentence, _ = later_sentence(fake_index)
    part = sentence.text[: len(sentence.text) // 2]
    assert (
        len(
            gold.gold_passages(
                fake_index, claim("x", "refuted", [GoldEvidence(article=sentence.article_id, text=part)])
            )
        )
        == 1
    )
    other = next(a for a in fake_index.by_article if a != sentence.article_id)
    assert (
        gold.gold_passages(fake_index, claim("x", "refuted", [GoldEvidence(article=other, text=sentence.text)])) == []
    )


def test_a_judge_that_tells_them_apart_scores_one_and_a_blind_one_a_half(fake_index: SentenceIndex) -> None:
    sentence, _ = later_sentence(fake_index)
    cited = [GoldEvidence(article=sentence.article_id, text=sentence.text)]
    claims = [claim(f"true {i}", "supported", cited, i) for i in range(3)]
    claims += [claim(f"false {i}", "refuted", cited, 10 + i) for i in range(2)]
    claims += [claim("never cited", "not_enough_info", cited, 20)]
    found = [(c, gold.gold_passages(fake_index, c)) for c in claims]

    def reads(text: str, _: str) -> Reading:
        return Reading(0.8, 0.1) if text.startswith("true") else Reading(0.2, 0.7)

    sharp, rows = gold.run(
        FakeJudge(score=lambda c, p: 0.0, replies=[[reads(c.claim, "")] for c, _ in found[:5]]), found
    )
    assert sharp["claims"] == {"supported": 3, "refuted": 2} and len(rows) == 5
    assert sharp["auc_true_minus_false"] == 1.0
    assert sharp["supported_read_true"] == 1.0 and sharp["refuted_read_false"] == 1.0
    blind, _ = gold.run(FakeJudge(score=lambda c, p: 0.5), found)
    assert blind["auc_true_minus_false"] == 0.5 and blind["refuted_read_true"] == 1.0


def test_the_most_decisive_reading_counts_and_a_claim_without_its_gold_is_counted_missing() -> None:
    both = claim("a", "supported", [GoldEvidence(article="x", text="y")])
    lost = claim("b", "refuted", [GoldEvidence(article="x", text="z")], 1)
    result, rows = gold.run(
        FakeJudge(replies=[[Reading(0.4, 0.3), Reading(0.1, 0.85)]]), [(both, ["one", "two"]), (lost, [])]
    )
    assert rows[0]["true"] == 0.1 and rows[0]["false"] == 0.85 and rows[0]["answer"] == "false"
    assert result["gold_not_found"] == 1 and result["auc_true_minus_false"] is None


def test_cli_names_a_bad_claims_file_before_loading_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gold", "--out", str(tmp_path), "--data", str(tmp_path / "absent.jsonl")]) == 2
    assert "absent.jsonl" in capsys.readouterr().err
