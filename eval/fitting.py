"""Fit the verdict aggregator on labeled claims: judge every claim once, pick the penalty, the citation threshold
and the feature set by cross-validation on each tuning set, fit on everything, and say how well it generalised."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from eval import metrics
from eval.claims import LabeledClaim
from service.aggregate import LABELS, SUPPORT, Aggregator, fit
from service.decide import DEFAULT_FEATURES, decide, features
from service.evidence import Judgement
from service.schemas import Label
from service.verifier import Verifier

PENALTIES = (0.3, 1.0, 3.0, 10.0)
# Citation thresholds tried: the trained judge's P(true) at which a statement can be cited as confirming.
SUPPORTS = (0.3, 0.4, 0.5, 0.6, 0.7)
# Feature sets compared: the deterministic checks stay only if they help on both tuning sets.
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "judges": DEFAULT_FEATURES,
    "judges+checks": (*DEFAULT_FEATURES, "unknown_names", "detail_conflict"),
    # where the LLM is read through its head, its answer words too (the same forward pass)
    "judges+words": (*DEFAULT_FEATURES, "llm_words_true", "llm_words_false"),
    "judges+words+checks": (*DEFAULT_FEATURES, "llm_words_true", "llm_words_false", "unknown_names", "detail_conflict"),
    "trained only": tuple(f for f in DEFAULT_FEATURES if not f.startswith("llm_")),
}


def feature_sets(head: bool) -> dict[str, tuple[str, ...]]:
    """The sets to compare: the answer words are another reading only where the LLM is read through its head
    (without one they are llm_true and llm_false again)."""
    return {name: names for name, names in FEATURE_SETS.items() if head or "llm_words_true" not in names}


@dataclass
class Example:
    claim: LabeledClaim
    group: str  # the tuning set it comes from: cross-validated figures are reported per set
    judgement: Judgement
    features: dict[float, dict[str, float]]  # by citation threshold


def collect(
    verifier: Verifier, claims: list[LabeledClaim], group: str, progress: Callable[[], None] | None = None
) -> list[Example]:
    """Every claim judged once, its features at every threshold tried."""
    out = []
    for claim in claims:
        judgement = verifier.judgement(claim.claim)
        out.append(Example(claim, group, judgement, {s: features(judgement, s) for s in SUPPORTS}))
        if progress:
            progress()
    return out


def _fit(examples: list[Example], names: tuple[str, ...], l2: float, support: float) -> Aggregator:
    rows, labels = [e.features[support] for e in examples], [e.claim.label for e in examples]
    return fit(rows, labels, names, l2=l2, support=support)


def _predict(model: Aggregator, example: Example) -> Label:
    return decide(example.judgement, model, example.features[model.support]).label


def _scores(examples: list[Example], predicted: list[Label]) -> dict[str, Any]:
    golds, alsos = [e.claim.label for e in examples], [e.claim.also for e in examples]
    scored = metrics.credited(golds, alsos, predicted)  # as report.json counts: an accepted label is credited
    recall = {label: v["recall"] for label, v in metrics.per_label(scored, predicted, LABELS).items() if v["support"]}
    return {
        "n": len(examples),
        "accuracy": metrics.accuracy(golds, alsos, predicted),
        "macro_f1": metrics.macro_f1(scored, predicted),
        "recall": recall,
    }


def out_of_fold(
    examples: list[Example],
    l2: float,
    support: float = SUPPORT,
    names: tuple[str, ...] = DEFAULT_FEATURES,
    folds: int = 5,
    seed: int = 0,
) -> list[Label]:
    """Each example's verdict from a model fitted without its fold (the folds `cross_validate` scores)."""
    fold = np.random.default_rng(seed).permutation(len(examples)) % folds
    predicted: list[Label] = ["not_enough_info"] * len(examples)
    for k in range(folds):
        model = _fit([e for e, f in zip(examples, fold, strict=True) if f != k], names, l2, support)
        for i in np.flatnonzero(fold == k):
            predicted[i] = _predict(model, examples[i])
    return predicted


def cross_validate(
    examples: list[Example],
    l2: float,
    support: float = SUPPORT,
    names: tuple[str, ...] = DEFAULT_FEATURES,
    folds: int = 5,
    seed: int = 0,
) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-label recall of models fitted without each fold, on that fold: over all
    examples and per tuning set; `score` is the mean of the sets' macro-F1 (each story counts alike)."""
    predicted = out_of_fold(examples, l2, support, names, folds, seed)
    groups = sorted({e.group for e in examples})
    by_group = {
        g: _scores(
            [e for e in examples if e.group == g], [p for e, p in zip(examples, predicted, strict=True) if e.group == g]
        )
        for g in groups
    }
    return {
        "l2": l2,
        "support": support,
        "features": list(names),
        **_scores(examples, predicted),
        "groups": by_group,
        "score": float(np.mean([v["macro_f1"] for v in by_group.values()])),
    }


def fit_best(
    examples: list[Example], meta: dict[str, Any], feature_sets: dict[str, tuple[str, ...]] = FEATURE_SETS
) -> tuple[Aggregator, list[dict[str, Any]]]:
    """The feature set, penalty and citation threshold with the best cross-validated macro-F1 (the mean over the
    tuning sets), fitted on every example. Ties go to the threshold nearest the default, then the stronger
    penalty."""
    if len(examples) < 20:
        raise ValueError(f"fitting needs at least 20 judged claims; got {len(examples)}")
    trials = [
        {"feature_set": name, **cross_validate(examples, l2, support, names)}
        for name, names in feature_sets.items()
        for support in SUPPORTS
        for l2 in PENALTIES
    ]
    best = max(
        trials, key=lambda t: (round(t["score"], 6), round(t["accuracy"], 6), -abs(t["support"] - SUPPORT), t["l2"])
    )
    model = _fit(examples, tuple(best["features"]), best["l2"], best["support"])
    meta = {
        **meta,
        "n": len(examples),
        "feature_set": best["feature_set"],
        "l2": best["l2"],
        "support": best["support"],
        "cv_accuracy": round(best["accuracy"], 4),
        "cv_macro_f1": round(best["macro_f1"], 4),
        "cv_recall": {k: round(v, 4) for k, v in best["recall"].items()},
        "cv_by_set": {
            g: {"n": v["n"], "accuracy": round(v["accuracy"], 4), "macro_f1": round(v["macro_f1"], 4)}
            for g, v in best["groups"].items()
        },
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return replace(model, meta=meta), trials
