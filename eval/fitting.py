"""Fit the verdict aggregator on labeled claims: collect evidence features, pick the penalty and the citation
threshold by cross-validation, fit on everything, and say how well it generalised."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from eval import metrics
from eval.claims import LabeledClaim
from service.aggregate import LABELS, SUPPORT, Aggregator, fit
from service.decide import FEATURES, choose
from service.schemas import Label
from service.verifier import Verifier

PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0)
# Citation thresholds tried: the judge's probability of "true" at which a statement confirms. Models differ
# in how sure they sound; a small one may never reach 0.5 on the statements that do confirm.
SUPPORTS = (0.2, 0.3, 0.4, 0.5, 0.6)


@dataclass
class Example:
    claim: LabeledClaim
    features: dict[float, dict[str, float]]  # by citation threshold


def collect(
    verifier: Verifier, claims: list[LabeledClaim], progress: Callable[[], None] | None = None
) -> list[Example]:
    """Evidence features, at every threshold tried, for every claim the judge could assess (the rest never
    reach the aggregator)."""
    out = []
    for claim in claims:
        gathered = verifier.gather(claim.claim)
        if gathered is not None:
            out.append(Example(claim, {support: gathered.values(support) for support in SUPPORTS}))
        if progress:
            progress()
    return out


def _fit(examples: list[Example], l2: float, support: float) -> Aggregator:
    rows, labels = [e.features[support] for e in examples], [e.claim.label for e in examples]
    return fit(rows, labels, FEATURES, l2=l2, support=support)


def _predict(model: Aggregator, example: Example) -> Label:
    values = example.features[model.support]
    return choose(model.probabilities(values), values)


def cross_validate(
    examples: list[Example], l2: float, support: float = SUPPORT, folds: int = 5, seed: int = 0
) -> dict[str, Any]:
    """Accuracy and per-label recall of models fitted without each fold, on that fold."""
    fold = np.random.default_rng(seed).permutation(len(examples)) % folds
    predicted: list[Label] = ["not_enough_info"] * len(examples)
    for k in range(folds):
        model = _fit([e for e, f in zip(examples, fold, strict=True) if f != k], l2, support)
        for i in np.flatnonzero(fold == k):
            predicted[i] = _predict(model, examples[i])
    golds, alsos = [e.claim.label for e in examples], [e.claim.also for e in examples]
    scored = metrics.credited(golds, alsos, predicted)  # as report.json counts: an accepted label is credited
    recall = {label: v["recall"] for label, v in metrics.per_label(scored, predicted, LABELS).items() if v["support"]}
    return {
        "l2": l2,
        "support": support,
        "accuracy": metrics.accuracy(golds, alsos, predicted),
        "macro_f1": metrics.macro_f1(scored, predicted),
        "recall": recall,
    }


def fit_best(examples: list[Example], meta: dict[str, Any]) -> tuple[Aggregator, list[dict[str, Any]]]:
    """The penalty and citation threshold with the best cross-validated macro-F1, fitted on every example.

    Macro-F1, not accuracy: every label has a recall target, and a strong penalty that keeps accuracy by
    giving up the rare `conflicting` label should lose. Ties go to the threshold nearest the default
    (SUPPORT), then to the stronger penalty.
    """
    if len(examples) < 20:
        raise ValueError(f"fitting needs at least 20 judged claims; got {len(examples)}")
    trials = [cross_validate(examples, l2, support) for support in SUPPORTS for l2 in PENALTIES]
    best = max(
        trials,
        key=lambda t: (round(t["macro_f1"], 6), round(t["accuracy"], 6), -abs(t["support"] - SUPPORT), t["l2"]),
    )
    model = _fit(examples, best["l2"], best["support"])
    meta = {
        **meta,
        "n": len(examples),
        "l2": best["l2"],
        "support": best["support"],
        "cv_accuracy": round(best["accuracy"], 4),
        "cv_macro_f1": round(best["macro_f1"], 4),
        "cv_recall": {k: round(v, 4) for k, v in best["recall"].items()},
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return replace(model, meta=meta), trials
