"""`/verify` latency, in-process, printed (never asserted): warm and cold on the seeds, and cold on an archive of
10,000+ sentences of real news (the news tuning articles among HaluEval summarization's reserved-row articles,
which are only read here, never trained or tuned on)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from eval import metrics
from eval.claims import LabeledClaim, load
from eval.news import write_corpus
from service.judge import LlamaJudge
from service.loading import load_judge, load_reader, load_verifier
from service.settings import get_settings
from service.verifier import Verifier

DATA = Path(__file__).resolve().parent / "data"


def _timed(verifier: Verifier, claims: list[LabeledClaim]) -> tuple[list[float], list[bool]]:
    times, right = [], []
    for claim in claims:
        started = time.perf_counter()
        verdict = verifier.verify(claim.claim)
        times.append(time.perf_counter() - started)
        right.append(metrics.correct(claim.label, claim.also, verdict.label))
    return times, right


def _line(name: str, times: list[float], right: list[bool] | None = None) -> str:
    accuracy = f"   accuracy {sum(right) / len(right):.3f}" if right else ""
    return (
        f"  {name:44s} p50 {statistics.median(times):6.3f} s   p95 {metrics.percentile(times, 95):6.3f} s"
        f"   mean {statistics.mean(times):6.3f} s{accuracy}"
    )


def without_states(verifier: Verifier) -> LlamaJudge:
    """The LLM with nothing prepared and nothing kept: every evidence prompt is evaluated in full (cold)."""
    if not isinstance(verifier.judge, LlamaJudge):
        raise SystemExit("the benchmark needs the llama.cpp judge")
    verifier.judge.llm.prefixes.max_bytes = 0
    return verifier.judge


def seeds(n: int) -> None:
    settings = get_settings()
    verifier = load_verifier(settings)
    llm = without_states(verifier).llm
    claims = load(DATA / "dev.jsonl")[:n]
    cold, _ = _timed(verifier, claims)
    llm.prefixes.max_bytes = settings.prefix_cache_mb * 2**20
    started = time.perf_counter()
    prepared = verifier.prewarm()
    warm_up = time.perf_counter() - started
    warm, _ = _timed(verifier, claims)
    print(f"/verify in-process on the seeds ({verifier.index.live_count} sentences), {len(claims)} dev claims")
    print(_line("cold (no saved prompt states)", cold))
    print(_line("warm (every sentence's prompt state saved)", warm))
    print(f"  speed-up of the median: {statistics.median(cold) / statistics.median(warm):.2f}x")
    print(f"  preparing {prepared} sentences took {warm_up:.1f} s; states use {llm.prefixes.bytes / 2**20:.0f} MiB")


def news_archive(articles: int) -> Path:
    """The news tuning articles plus `articles` reserved-row articles, as one JSON Lines corpus."""
    folder = Path("var") / f"bench-news-{articles}"
    tuning = (DATA / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    write_corpus(folder / "corpus" / "articles.jsonl", articles, first=tuning)
    return folder


def news(articles: int) -> None:
    folder = news_archive(articles)
    settings = get_settings().model_copy(update={"corpus_dir": folder / "corpus", "index_dir": folder / "index"})
    verifier = load_verifier(settings, judges=(load_reader(settings), load_judge(settings)))
    without_states(verifier)
    claims = load(DATA / "news-dev-a.jsonl") + load(DATA / "news-dev-b.jsonl")
    cold, right = _timed(verifier, claims)
    print(
        f"/verify in-process, cold, on {verifier.index.live_count} sentences of {len(verifier.index.articles)} "
        f"news articles, {len(claims)} news-dev claims (tuning claims: the accuracy is not held out)"
    )
    print(_line("cold (no saved prompt states)", cold, right))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__)
    parser.add_argument("-n", type=int, default=30, help="dev claims timed on the seeds")
    parser.add_argument("--articles", type=int, default=350, help="reserved-row articles in the news archive")
    parser.add_argument("--only", choices=("seeds", "news"), help="run one of the two")
    args = parser.parse_args(argv)
    if args.only != "news":
        seeds(args.n)
    if args.only != "seeds":
        news(args.articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
