"""HaluEval QA scoring of the judge alone, on a tiny file in the benchmark's format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import halueval
from eval.__main__ import main
from tests.fakes import FakeJudge

ROWS = [
    {
        "knowledge": f"River {i} flows through the town of Town{i}.",
        "question": f"Which town does River {i} flow through?",
        "right_answer": f"Town{i}",
        "hallucinated_answer": f"City{i}",
    }
    for i in range(6)
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def answer_in_knowledge(claim: str, passage: str) -> float:
    """A judge that confirms an answer exactly when the knowledge names it."""
    answer = claim.rsplit(": ", 1)[1]
    return 0.9 if answer in passage else 0.2


def test_sample_pairs_each_right_answer_with_its_hallucinated_one_and_repeats_by_seed(data: Path) -> None:
    items = halueval.sample(4, seed=3, path=data)
    assert [i["truth"] for i in items] == [True, False, True, False]
    assert items[0]["question"] == items[1]["question"] and items[0]["answer"] != items[1]["answer"]
    assert items == halueval.sample(4, seed=3, path=data)
    drawn = {i["question"] for s in range(10) for i in halueval.sample(4, seed=s, path=data)}
    assert len(drawn) > 2  # other seeds draw other rows


def test_a_judge_that_reads_the_knowledge_scores_full_balanced_accuracy(data: Path) -> None:
    result, answers = halueval.run(FakeJudge(score=answer_in_knowledge), 8, path=data)
    assert result["n"] == 8 and len(answers) == 8
    assert result["balanced_accuracy"] == 1.0
    assert result["right_confirmed"] == 1.0 and result["hallucinated_confirmed"] == 0.0
    assert result["mean_true"] == {"right": pytest.approx(0.9), "hallucinated": pytest.approx(0.2)}
    assert all(a["predicted"] == a["truth"] for a in answers)


def test_the_threshold_decides_what_counts_as_confirmed(data: Path) -> None:
    judge = FakeJudge(score=answer_in_knowledge)
    strict, _ = halueval.run(judge, 8, support=0.95, path=data)
    assert strict["threshold"] == 0.95
    assert strict["right_confirmed"] == 0.0 and strict["balanced_accuracy"] == 0.5
    lenient, _ = halueval.run(judge, 8, support=0.1, path=data)
    assert lenient["hallucinated_confirmed"] == 1.0 and lenient["balanced_accuracy"] == 0.5


def test_the_judge_reads_the_answer_against_the_rows_knowledge(data: Path) -> None:
    judge = FakeJudge(score=answer_in_knowledge)
    halueval.run(judge, 2, seed=1, path=data)
    (claim, passages), _ = judge.asked
    row = next(r for r in ROWS if r["question"] in claim)
    assert passages == [row["knowledge"]] and claim.endswith(row["right_answer"])


@pytest.mark.parametrize("threshold", ["0", "1", "1.5"])
def test_cli_refuses_a_threshold_outside_zero_one_before_loading_a_model(
    threshold: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["halueval", "--out", str(tmp_path), "--threshold", threshold, "-n", "2"]) == 2
    assert "between 0 and 1" in capsys.readouterr().err
