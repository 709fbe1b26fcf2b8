"""A judge alone on sentence pairs built from HaluEval summarization's reserved rows 8000-9999 (never trained or
tuned on): does it tell the statements that show a claim true from those that do not?"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from eval import metrics
from judge.data import LABELS, held_out_pairs
from service.judge import Judge, Reader


def run(
    judge: Judge | Reader,
    articles: int,
    support: float,
    limit: int | None = None,
    progress: Callable[[], None] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Balanced accuracy of "P(true) >= support" against the pairs' labels, three-way accuracy (the likeliest of
    true / false / neither), and both per kind of pair."""
    pairs = held_out_pairs(articles)[:limit]
    rows: list[dict[str, Any]] = []
    latencies: list[float] = []
    for pair in pairs:
        started = time.perf_counter()
        reading = judge.read(pair.claim, [pair.evidence])[0]
        latencies.append(time.perf_counter() - started)
        likeliest = max(zip(LABELS, (reading.true, reading.false, reading.neither), strict=True), key=lambda x: x[1])
        rows.append(
            {
                "kind": pair.kind,
                "label": pair.label,
                "row": pair.row,
                "true": round(reading.true, 4),
                "false": round(reading.false, 4),
                "confirmed": reading.true >= support,
                "likeliest": likeliest[0],
            }
        )
        if progress:
            progress()
    truth = [r["label"] == "true" for r in rows]
    by_kind: dict[str, list[bool]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["likeliest"] == r["label"])
    return {
        "benchmark": "HaluEval summarization reserved rows 8000-9999, sentence pairs",
        "pairs": len(rows),
        "articles": articles,
        "threshold": support,
        "balanced_accuracy": metrics.balanced_accuracy(truth, [r["confirmed"] for r in rows]),
        "three_way_accuracy": metrics.mean([r["likeliest"] == r["label"] for r in rows]),
        "accuracy_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
        "latency_s": {"p50": metrics.percentile(latencies, 50), "mean": metrics.mean(latencies)},
        "judge": getattr(judge, "preset", None) or getattr(judge, "name", "?"),
    }, rows
