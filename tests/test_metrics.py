"""Metric functions, each against a small case computed by hand; and loading labeled claims."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from eval import metrics
from eval.claims import load

S, R, N, C = "supported", "refuted", "not_enough_info", "conflicting"


# --- verdict accuracy ---------------------------------------------------------------------------------


def test_accuracy_counts_also_acceptable_labels() -> None:
    golds = [S, R, N, C]
    alsos: list[list[str]] = [[], [N], [], []]
    preds = [S, N, R, C]  # right, acceptable, wrong, right
    assert metrics.accuracy(golds, alsos, preds) == 0.75
    assert metrics.accuracy(golds, [[]] * 4, preds) == 0.5
    assert metrics.accuracy([], [], []) == 0.0


def test_credited_turns_an_acceptable_prediction_into_the_gold() -> None:
    assert metrics.credited([S, R, N], [[], [N], [S]], [S, N, R]) == [S, N, N]


def test_confusion_rows_are_gold_columns_are_predictions() -> None:
    golds = [S, S, R, N]
    preds = [S, R, R, S]
    assert metrics.confusion(golds, preds) == [
        [1, 1, 0, 0],
        [0, 1, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
    ]
    assert metrics.confusion(golds, preds, labels=[R, S, N]) == [[1, 0, 0], [1, 1, 0], [0, 1, 0]]


def test_per_label_precision_recall_f1_support() -> None:
    scores = metrics.per_label([S, S, R, N], [S, R, R, S])
    # supported: tp 1, fp 1 (the N predicted S), fn 1 (the S predicted R)
    assert scores[S] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2.0})
    # refuted: tp 1, fp 1, fn 0 -> F1 = 2 * 0.5 * 1 / 1.5
    assert scores[R] == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1.0})
    assert scores[N] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1.0}
    assert scores[C] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0.0}


def test_macro_f1_averages_labels_present_in_the_gold() -> None:
    assert metrics.macro_f1([S, S, R, N], [S, R, R, S]) == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)
    assert metrics.macro_f1([S, R], [S, R]) == 1.0  # absent labels do not drag the mean down
    assert metrics.macro_f1([S], [C]) == 0.0
    assert metrics.macro_f1([], []) == 0.0


# --- calibration --------------------------------------------------------------------------------------


def test_ece_with_ten_bins() -> None:
    # one claim per bin: |1 - .95|, |0 - .85|, |0 - .15|, |1 - .55|, each weighted 1/4
    confidences = [0.95, 0.85, 0.15, 0.55]
    hits = [True, False, False, True]
    assert metrics.ece(confidences, hits) == pytest.approx((0.05 + 0.85 + 0.15 + 0.45) / 4)


def test_ece_with_two_bins() -> None:
    # [0, .5): {.15} -> .15 * 1/4;  [.5, 1]: {.95, .85, .55}, accuracy 2/3, confidence 2.35/3 -> weight 3/4
    confidences = [0.95, 0.85, 0.15, 0.55]
    hits = [True, False, False, True]
    expected = 0.15 / 4 + abs(2 / 3 - 2.35 / 3) * 3 / 4
    assert metrics.ece(confidences, hits, bins=2) == pytest.approx(expected)


def test_ece_is_zero_when_calibrated_and_for_no_data() -> None:
    assert metrics.ece([1.0, 1.0, 0.0], [True, True, False]) == 0.0
    assert metrics.ece([0.5, 0.5], [True, False], bins=4) == pytest.approx(0.0)
    assert metrics.ece([], []) == 0.0


def test_the_ece_a_calibrated_judge_shows_by_chance_shrinks_with_more_claims() -> None:
    few, many = [0.7] * 85, [0.7] * 1700
    by_few, by_many = metrics.ece_by_chance(few), metrics.ece_by_chance(many)
    assert by_few["p5"] <= by_few["mean"] <= by_few["p95"]
    assert by_many["mean"] < by_few["mean"] / 3  # sampling noise falls with the square root of n
    assert 0.02 < by_few["mean"] < 0.08  # ~ E|binomial(85, 0.7)/85 - 0.7|: about 0.04
    assert metrics.ece_by_chance(few) == by_few  # seeded
    assert metrics.ece_by_chance([1.0, 1.0, 0.0]) == {"mean": 0.0, "p5": 0.0, "p95": 0.0}  # certain: always right
    assert metrics.ece_by_chance([]) == {"mean": 0.0, "p5": 0.0, "p95": 0.0}


def test_reliability_bins_are_half_open_and_the_last_includes_one() -> None:
    bins = metrics.reliability([0.0, 0.25, 0.5, 0.99, 1.0, 0.74], [True] * 6, bins=4)
    assert bins == [(0.0, 0.25, [0]), (0.25, 0.5, [1]), (0.5, 0.75, [2, 5]), (0.75, 1.0, [3, 4])]


# --- latency and hallucination figures ----------------------------------------------------------------


def test_mean_of_numbers_and_of_booleans_and_of_nothing() -> None:
    assert metrics.mean([1.0, 2.0, 6.0]) == 3.0
    assert metrics.mean([True, False, False, True]) == 0.5
    assert metrics.mean([]) is None


def test_percentile_interpolates_linearly() -> None:
    values = [4.0, 1.0, 3.0, 2.0]
    assert metrics.percentile(values, 50) == 2.5
    assert metrics.percentile(values, 25) == 1.75
    assert metrics.percentile(values, 0) == 1.0
    assert metrics.percentile(values, 100) == 4.0
    assert metrics.percentile([7.0], 95) == 7.0
    assert math.isnan(metrics.percentile([], 50))


def test_percentile_matches_numpy() -> None:
    rng = np.random.default_rng(3)
    values = rng.exponential(size=37).tolist()
    for q in (0, 10, 50, 90, 95, 99, 100):
        assert metrics.percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_balanced_accuracy_averages_the_two_rates() -> None:
    truths = [True, True, True, False, False]
    preds = [True, False, True, False, True]  # TPR 2/3, TNR 1/2
    assert metrics.balanced_accuracy(truths, preds) == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert metrics.balanced_accuracy([True, False], [True, False]) == 1.0
    assert metrics.balanced_accuracy([True, False], [False, True]) == 0.0


# --- evidence -----------------------------------------------------------------------------------------


def test_evidence_found_needs_the_same_article_and_matching_text() -> None:
    gold = [("a1", "The Kremlin said  it was premature.")]
    assert metrics.evidence_found(gold, [("a1", "the kremlin said it was PREMATURE.")])
    assert metrics.evidence_found(gold, [("a9", "x"), ("a1", "Peskov: The Kremlin said it was premature. More.")])
    assert metrics.evidence_found(gold, [("a1", "it was premature")])  # a shorter retrieved span of the gold
    assert not metrics.evidence_found(gold, [("a2", "The Kremlin said it was premature.")])
    assert not metrics.evidence_found(gold, [("a1", "The Kremlin said it was timely.")])
    assert not metrics.evidence_found(gold, [])
    assert not metrics.evidence_found([], [("a1", "The Kremlin said it was premature.")])


def test_precision_of_is_the_share_of_citations_that_are_gold() -> None:
    gold = [("a1", "Talks lasted five hours."), ("a2", "No deal emerged.")]
    cited = [("a1", "talks lasted  five hours."), ("a2", "Envoys left."), ("a3", "No deal emerged.")]
    assert metrics.precision_of(cited, gold) == pytest.approx(1 / 3)
    assert metrics.precision_of(cited[:1], gold) == 1.0
    assert metrics.precision_of(cited[1:], gold) == 0.0
    assert metrics.precision_of([], gold) is None


# --- eval/claims.py -----------------------------------------------------------------------------------


def claim_line(claim_id: str, **fields: object) -> str:
    return json.dumps({"id": claim_id, "claim": f"Claim {claim_id}.", "label": "supported", **fields})


def test_load_reads_claims_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    evidence = [{"article": "a1", "text": "Talks lasted five hours."}]
    path.write_text(
        "\n".join([claim_line("c1"), "", claim_line("c2", label="refuted", also=[N], evidence=evidence, tags=["x"])]),
        encoding="utf-8",
    )
    claims = load(path)
    assert [c.id for c in claims] == ["c1", "c2"]
    assert (claims[1].label, claims[1].also, claims[1].tags) == (R, [N], ["x"])
    assert [(e.article, e.text) for e in claims[1].evidence] == [("a1", "Talks lasted five hours.")]


@pytest.mark.parametrize(
    "bad",
    [
        '{"id": "c3", "claim": ',
        claim_line("c3", label="true"),
        claim_line("c3", also=["maybe"]),
        claim_line("c3", claim=""),
        claim_line("c3", unknown_field=1),
        json.dumps({"claim": "No id.", "label": "supported"}),
    ],
    ids=["bad-json", "bad-label", "bad-also", "empty-claim", "extra-field", "missing-id"],
)
def test_load_rejects_a_bad_line_with_its_line_number(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join([claim_line("c1"), "", bad, claim_line("c4")]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{re.escape(str(path))}:3: "):
        load(path)


def test_load_rejects_a_duplicate_id_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join([claim_line("c1"), claim_line("c2"), claim_line("c1")]), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{re.escape(str(path))}:3: duplicate id c1$"):
        load(path)


def test_load_accepts_a_line_separator_inside_a_claim(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    line = json.dumps({"id": "c1", "claim": "He said\u2028the talks failed.", "label": "refuted"}, ensure_ascii=False)
    path.write_text(line + "\n" + claim_line("c2") + "\n", encoding="utf-8")
    assert [c.id for c in load(path)] == ["c1", "c2"]


def test_auc_counts_ordered_pairs_and_ties_as_half() -> None:
    assert metrics.auc([3, 1], [2, 0]) == 0.75  # 3>2, 3>0, 1>0 right; 1<2 wrong
    assert metrics.auc([1, 1], [1]) == 0.5
    assert metrics.auc([2], [1, 2, 3]) == 0.5  # one above, one tied, one below
    assert metrics.auc([], [1]) is None and metrics.auc([1], []) is None
