"""Judge latency with and without saved prompt states, measured in one run and printed as a ratio."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from eval.claims import load
from eval.metrics import percentile
from service.judge import LlamaJudge
from service.loading import load_verifier
from service.settings import get_settings
from service.verifier import Verifier

DATA = Path(__file__).resolve().parent.parent / "eval" / "data" / "dev.jsonl"


def _timed(verifier: Verifier, claims: list[str]) -> list[float]:
    times = []
    for claim in claims:
        started = time.perf_counter()
        verifier.verify(claim)
        times.append(time.perf_counter() - started)
    return times


def _line(name: str, times: list[float]) -> str:
    p95 = percentile(times, 95)
    return (
        f"  {name:34s} p50 {statistics.median(times):6.3f} s   p95 {p95:6.3f} s   mean {statistics.mean(times):6.3f} s"
    )


def run(n: int = 30) -> int:
    settings = get_settings()
    verifier = load_verifier(settings)
    if not isinstance(verifier.judge, LlamaJudge):
        print("the benchmark needs the llama.cpp judge", file=sys.stderr)
        return 2
    llm = verifier.judge.llm
    claims = [c.claim for c in load(DATA)][:n]
    budget = llm.prefixes.max_bytes
    llm.prefixes.max_bytes = 0  # nothing is kept: every evidence prompt is evaluated in full
    cold = _timed(verifier, claims)
    llm.prefixes.max_bytes = budget
    started = time.perf_counter()
    prepared = verifier.prewarm()
    warm_up = time.perf_counter() - started
    warm = _timed(verifier, claims)
    print(f"/verify in-process, {len(claims)} dev claims, model {settings.model}, {settings.n_threads} threads")
    print(_line("without saved prompt states", cold))
    print(_line("with saved prompt states", warm))
    print(f"  speed-up of the median: {statistics.median(cold) / statistics.median(warm):.2f}x")
    print(f"  preparing {prepared} sentences took {warm_up:.1f} s; states use {llm.prefixes.bytes / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(run(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
