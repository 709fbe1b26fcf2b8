"""Metric functions on plain lists; nothing here knows about the service."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from index.lexical import same_text

LABELS = ("supported", "refuted", "not_enough_info", "conflicting")


def correct(gold: str, also: Sequence[str], predicted: str) -> bool:
    """A prediction counts if it is the gold label or one of the also-acceptable labels."""
    return predicted == gold or predicted in also


def accuracy(golds: Sequence[str], alsos: Sequence[Sequence[str]], preds: Sequence[str]) -> float:
    if not preds:
        return 0.0
    return sum(correct(g, a, p) for g, a, p in zip(golds, alsos, preds, strict=True)) / len(preds)


def credited(golds: Sequence[str], alsos: Sequence[Sequence[str]], preds: Sequence[str]) -> list[str]:
    """Gold labels with an also-acceptable prediction credited as the gold, for per-label figures."""
    return [p if p in a else g for g, a, p in zip(golds, alsos, preds, strict=True)]


def confusion(golds: Sequence[str], preds: Sequence[str], labels: Sequence[str] = LABELS) -> list[list[int]]:
    """Rows are gold labels, columns predictions, in the order of `labels`."""
    at = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(golds, preds, strict=True):
        matrix[at[g]][at[p]] += 1
    return matrix


def per_label(
    golds: Sequence[str], preds: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of each label (0 where undefined)."""
    out = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(golds, preds, strict=True))
        fp = sum(g != label and p == label for g, p in zip(golds, preds, strict=True))
        fn = sum(g == label and p != label for g, p in zip(golds, preds, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": float(tp + fn)}
    return out


def macro_f1(golds: Sequence[str], preds: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    """Mean F1 over the labels present in the gold data."""
    scores = per_label(golds, preds, labels)
    present = [label for label in labels if scores[label]["support"] > 0]
    return sum(scores[label]["f1"] for label in present) / len(present) if present else 0.0


def ece(confidences: Sequence[float], hits: Sequence[bool], bins: int = 10) -> float:
    """Expected calibration error: bin-weighted |accuracy - mean confidence| over equal-width bins."""
    if not confidences:
        return 0.0
    total, n = 0.0, len(confidences)
    for _lo, _hi, members in reliability(confidences, hits, bins):
        if members:
            acc = sum(hits[i] for i in members) / len(members)
            conf = sum(confidences[i] for i in members) / len(members)
            total += len(members) / n * abs(acc - conf)
    return total


def ece_by_chance(confidences: Sequence[float], bins: int = 10, draws: int = 1000, seed: int = 0) -> dict[str, float]:
    """The ECE a perfectly calibrated judge would show with these confidences, from sampling alone: each answer
    right with probability its confidence, `draws` times (mean and 5th-95th percentiles). On a few dozen claims
    this is far from zero, so an ECE is only read against it."""
    if not confidences:
        return {"mean": 0.0, "p5": 0.0, "p95": 0.0}
    rng = random.Random(seed)
    found = sorted(ece(confidences, [rng.random() < c for c in confidences], bins) for _ in range(draws))
    return {"mean": sum(found) / draws, "p5": percentile(found, 5), "p95": percentile(found, 95)}


def reliability(
    confidences: Sequence[float], hits: Sequence[bool], bins: int = 10
) -> list[tuple[float, float, list[int]]]:
    """(low, high, member indices) of each confidence bin; the last bin includes 1.0."""
    edges = [i / bins for i in range(bins + 1)]
    out = []
    for b in range(bins):
        lo, hi = edges[b], edges[b + 1]
        members = [i for i, c in enumerate(confidences) if lo <= c < hi or (b == bins - 1 and c == hi)]
        out.append((lo, hi, members))
    return out


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean (of booleans: the share that is true); None for no values."""
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100]."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def balanced_accuracy(truths: Sequence[bool], preds: Sequence[bool]) -> float:
    """Mean of the true-positive and true-negative rates."""
    pos = [p for t, p in zip(truths, preds, strict=True) if t]
    neg = [p for t, p in zip(truths, preds, strict=True) if not t]
    tpr = sum(pos) / len(pos) if pos else 0.0
    tnr = sum(not p for p in neg) / len(neg) if neg else 0.0
    return (tpr + tnr) / 2


def auc(positive: Sequence[float], negative: Sequence[float]) -> float | None:
    """Area under the ROC curve: the chance that a random positive scores above a random negative, ties counted
    half; None without both."""
    if not positive or not negative:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def evidence_found(gold: Sequence[tuple[str, str]], retrieved: Sequence[tuple[str, str]]) -> bool:
    """Whether any gold (article, text) is among the retrieved (article, text)."""
    return any(ga == ra and same_text(gt, rt) for ga, gt in gold for ra, rt in retrieved)


def precision_of(cited: Sequence[tuple[str, str]], gold: Sequence[tuple[str, str]]) -> float | None:
    """Share of cited sentences that are gold evidence (None when nothing was cited)."""
    if not cited:
        return None
    return sum(any(ca == ga and same_text(ct, gt) for ga, gt in gold) for ca, ct in cited) / len(cited)
