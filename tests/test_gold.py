"""The judge alone on gold statements (`python -m eval gold`): the passages found for a claim's cited sentences,
and the figures of a judge's readings of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import gold
from eval.__main__ import main
from eval.claims import GoldEvidence, LabeledClaim
from index.store import Sentence, SentenceIndex
from service.judge import Reading
from tests.fakes import FakeJudge


def later_sentence(index: SentenceIndex, at: int = 3) -> tuple[Sentence, Sentence]:
    """A sentence of the first seed article and the one before it."""
    rows = index.by_article[sorted(index.by_article)[0]]
    sentence, before = index.sentences[rows[at]], index.sentences[rows[at - 1]]
    assert sentence is not None and before is not None
    return sentence, before


def claim(text: str, label: str, evidence: list[GoldEvidence], n: int = 0) -> LabeledClaim:
    return LabeledClaim.model_validate({"id": f"c{n}", "claim": text, "label": label, "evidence": evidence})


def cites(sentence: Sentence, text: str | None = None) -> list[GoldEvidence]:
    return [GoldEvidence(article=sentence.article_id, text=sentence.text if text is None else text)]


def test_a_gold_sentence_is_read_after_the_one_before_it(fake_index: SentenceIndex) -> None:
    sentence, before = later_sentence(fake_index)
    expected = [f"{before.text} {sentence.text}"]
    assert gold.gold_passages(fake_index, claim("x", "supported", cites(sentence))) == expected
    recased = cites(sentence, f"  {'  '.join(sentence.text.upper().split())} ")  # case and spacing aside, the same
    assert gold.gold_passages(fake_index, claim("x", "supported", recased)) == expected
    assert gold.gold_passages(fake_index, claim("x", "supported", cites(sentence) + recased)) == expected  # once


def test_a_gold_sentence_split_in_the_archive_gives_each_long_part(fake_index: SentenceIndex) -> None:
    first, _ = later_sentence(fake_index, 3)
    second, _ = later_sentence(fake_index, 4)
    assert len(first.text) >= gold.SHORTEST_PART and len(second.text) >= gold.SHORTEST_PART
    joined = cites(first, f"{first.text} {second.text}")
    assert len(gold.gold_passages(fake_index, claim("x", "refuted", joined))) == 2
    part = cites(first, first.text[: len(first.text) // 2])  # a gold text inside a longer sentence
    assert len(gold.gold_passages(fake_index, claim("x", "refuted", part))) == 1


def test_a_sentence_shorter_than_shortest_part_inside_a_gold_one_is_not_taken_for_it(
    fake_index: SentenceIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence, _ = later_sentence(fake_index)
    longer = cites(sentence, f"{sentence.text} And a great deal more that the archive never says in this form.")
    monkeypatch.setattr(gold, "SHORTEST_PART", len(sentence.text) + 1)
    assert gold.gold_passages(fake_index, claim("x", "refuted", longer)) == []
    assert len(gold.gold_passages(fake_index, claim("x", "refuted", cites(sentence)))) == 1  # itself, however short
    monkeypatch.setattr(gold, "SHORTEST_PART", len(sentence.text))
    assert len(gold.gold_passages(fake_index, claim("x", "refuted", longer))) == 1


def test_gold_text_in_another_article_is_not_found(fake_index: SentenceIndex) -> None:
    sentence, _ = later_sentence(fake_index)
    other = next(a for a in fake_index.by_article if a != sentence.article_id)
    wrong = [GoldEvidence(article=other, text=sentence.text)]
    assert gold.gold_passages(fake_index, claim("x", "refuted", wrong)) == []


def found_claims() -> gold.Found:
    cited = [GoldEvidence(article="a", text="t")]
    claims = [(claim(f"true {i}", "supported", cited, i), ["p"]) for i in range(3)]
    claims += [(claim(f"false {i}", "refuted", cited, 10 + i), ["p"]) for i in range(2)]
    claims += [(claim("never cited", "not_enough_info", cited, 20), ["p"])]
    claims += [(claim("cites nothing", "supported", [], 21), ["p"])]
    return claims


def test_a_judge_that_tells_them_apart_scores_one_and_a_blind_one_a_half() -> None:
    claims = found_claims()
    replies: list[list[Reading | float]] = [
        [Reading(0.8, 0.1) if c.label == "supported" else Reading(0.2, 0.7)] for c, _ in claims[:5]
    ]
    sharp, rows = gold.measure(FakeJudge(replies=replies), {"s": claims})
    assert [r["id"] for r in rows] == ["c0", "c1", "c2", "c10", "c11"]  # neither NEI nor a claim citing nothing
    assert sharp["pooled"]["claims"] == {"supported": 3, "refuted": 2}
    assert sharp["pooled"]["auc_true_minus_false"] == 1.0
    assert sharp["pooled"]["supported_read_true"] == 1.0 and sharp["pooled"]["refuted_read_false"] == 1.0
    blind, _ = gold.measure(FakeJudge(score=lambda c, p: 0.4), {"s": claims})
    assert blind["pooled"]["auc_true_minus_false"] == 0.5
    assert blind["pooled"]["refuted_read_true"] == 0.0 and blind["pooled"]["supported_read_false"] == 0.0


def test_word_recall_is_the_baseline_a_judge_must_beat() -> None:
    cited = [GoldEvidence(article="x", text="y")]
    said = "Mayor Okafor opened the new bridge on Monday."
    claims = [  # the passage holding most of the claim's words is neither the first nor the last
        (claim("Mayor Okafor opened the bridge", "supported", cited, 1), ["Rain fell.", said, "Okafor spoke."]),
        (claim("Governor Okafor closed the bridge", "refuted", cited, 2), [said]),
        (claim("It was so.", "refuted", cited, 3), [said]),  # no content word: nothing of it is held
        (claim("Lost", "refuted", cited, 4), []),  # not found: in neither AUC
    ]
    figures, rows = gold.measure(FakeJudge(score=lambda c, p: 0.4), {"s": claims})  # a judge that reads nothing
    # mayor, okafor, opened, bridge all held; then okafor and bridge of governor, okafor, closed, bridge
    assert [r.get("word_recall") for r in rows] == [1.0, 0.5, 0.0, None]
    for scope in (figures["pooled"], figures["sets"]["s"]):
        assert scope["auc_word_recall"] == 1.0 and scope["auc_true_minus_false"] == 0.5
        assert scope["claims"] == {"supported": 1, "refuted": 2}


def test_the_reading_with_the_widest_margin_counts() -> None:
    one = claim("a", "supported", [GoldEvidence(article="x", text="y")])
    # the widest margin is neither the first nor the last reading, nor the largest P(true) or P(false)
    readings: list[Reading | float] = [Reading(0.3, 0.6), Reading(0.0, 0.55), Reading(0.7, 0.25)]
    rows = gold.read(FakeJudge(replies=[readings]), [(one, ["1", "2", "3"])])
    assert (rows[0]["true"], rows[0]["false"], rows[0]["answer"], rows[0]["passages"]) == (0.0, 0.55, "false", 3)


def test_figures_per_set_and_pooled_and_the_claims_not_found_by_name() -> None:
    cited = [GoldEvidence(article="x", text="y")]
    sets = {
        "a.jsonl": [(claim("s", "supported", cited, 1), ["p"]), (claim("r", "refuted", cited, 2), ["p"])],
        "b.jsonl": [(claim("s", "supported", cited, 3), ["p"]), (claim("lost", "refuted", cited, 4), [])],
    }
    replies: list[list[Reading | float]] = [[Reading(0.9, 0.0)], [Reading(0.6, 0.3)], [Reading(0.1, 0.8)]]
    figures, rows = gold.measure(FakeJudge(replies=replies), sets)  # margins 0.9, 0.3, -0.7
    assert [r["set"] for r in rows] == ["a.jsonl", "a.jsonl", "b.jsonl", "b.jsonl"]
    assert figures["sets"]["a.jsonl"]["auc_true_minus_false"] == 1.0
    assert figures["sets"]["b.jsonl"]["auc_true_minus_false"] is None  # no refuted claim was read there
    assert figures["sets"]["b.jsonl"]["gold_not_found"] == ["c4"] and figures["pooled"]["gold_not_found"] == ["c4"]
    # pooled: supported margins 0.9 and -0.7 against the refuted 0.3: one of two pairs ordered right
    assert figures["pooled"]["auc_true_minus_false"] == 0.5
    assert figures["pooled"]["claims"] == {"supported": 2, "refuted": 1}
    assert figures["sets"]["b.jsonl"]["claims"] == {"supported": 1, "refuted": 0}


def test_cli_names_a_bad_claims_file_before_loading_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gold", "--out", str(tmp_path), "--data", str(tmp_path / "absent.jsonl")]) == 2
    assert "absent.jsonl" in capsys.readouterr().err


def test_cli_writes_the_figures_with_the_judge_that_read_them(
    tmp_path: Path, fake_index: SentenceIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eval.__main__ as cli
    import index.encoder
    import service.loading

    sentence, _ = later_sentence(fake_index)
    rows = [claim("a", "supported", cites(sentence), 1), claim("b", "refuted", cites(sentence, "never said"), 2)]
    data = tmp_path / "claims.jsonl"
    data.write_text("".join(c.model_dump_json() + "\n" for c in rows), encoding="utf-8")
    judge = FakeJudge(replies=[[Reading(0.9, 0.05)]])
    judge.name, judge.sha256 = "fake-judge", "ab" * 32  # type: ignore[attr-defined]
    monkeypatch.setattr(cli, "_judge_and_threshold", lambda args: (judge, 0.3, "test"))
    monkeypatch.setattr(service.loading, "load_index", lambda settings, encoder: fake_index)
    monkeypatch.setattr(index.encoder, "SentenceTransformerEncoder", lambda name: None)
    assert main(["gold", "--out", str(tmp_path / "out"), "--data", str(data)]) == 0
    written = json.loads((tmp_path / "out" / "gold.json").read_text())
    assert written["judge"] == "trained" and written["sha256"] == "ab" * 32 and "judge_dir" in written
    assert written["sets"]["claims.jsonl"]["gold_not_found"] == ["c2"]
    assert written["pooled"]["claims"] == {"supported": 1, "refuted": 0}
    read = [json.loads(line) for line in (tmp_path / "out" / "readings.jsonl").read_text().splitlines()]
    assert [(r["id"], r["set"], r["found"]) for r in read] == [
        ("c1", "claims.jsonl", True),
        ("c2", "claims.jsonl", False),
    ]
