"""`/verify` latency, in-process, printed (never asserted): warm and cold on the seeds; cold on an archive of
10,000+ sentences of real news (the news tuning articles among HaluEval summarization's reserved-row articles,
which are only read here, never trained or tuned on); and at archive scale (`--only scale`): cold, first-time and
warm latency and the whole process's peak memory on archives of 10k, 100k and 1M sentences, each size measured in
a fresh process.

Scale archives: up to 100,000 sentences real text with real embeddings (the news tuning articles, then reserved
rows 8000 on, then, once those 2,000 are used up, articles of rows 0 on as archive text only: no claim is about
them); larger ones repeat that real archive (each copy its own articles, its vectors the real ones plus a little
noise, its sentences folded into the groups of the ones they copy), which is what the issue allows for the step
to 1M: latency and memory, not accuracy."""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from eval import metrics
from eval.claims import LabeledClaim, load
from eval.news import article_id, write_corpus, write_lines
from index import persist
from index.articles import Article
from index.clean import reporting_sentences
from index.encoder import Encoder, SentenceTransformerEncoder
from index.store import Sentence, SentenceIndex
from index.writer import IndexWriter
from judge.data import RESERVED_ROWS, TRAIN_ROWS, read_rows
from service.judge import LlamaJudge
from service.loading import load_index, load_judge, load_reader, load_verifier
from service.settings import Settings, get_settings
from service.verifier import Verifier

DATA = Path(__file__).resolve().parent / "data"


def _timed(
    verifier: Verifier, claims: list[LabeledClaim], retrieval: list[float] | None = None
) -> tuple[list[float], list[bool]]:
    """Seconds per claim and whether each verdict was right; each claim's retrieval seconds added to `retrieval`."""
    times, right = [], []
    for claim in claims:
        started = time.perf_counter()
        verdict = verifier.verify(claim.claim)
        times.append(time.perf_counter() - started)
        right.append(metrics.correct(claim.label, claim.also, verdict.label))
        if retrieval is not None:
            retrieval.append(verdict.provenance.timings.retrieve_s)
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


def archive_settings(folder: Path) -> Settings:
    """The configured settings with the archive in folder/corpus, indexed in folder/index."""
    return get_settings().model_copy(update={"corpus_dir": folder / "corpus", "index_dir": folder / "index"})


def news(articles: int) -> None:
    folder = news_archive(articles)
    settings = archive_settings(folder)
    verifier = load_verifier(settings, judges=(load_reader(settings), load_judge(settings)))
    without_states(verifier)
    claims = load(DATA / "news-dev-a.jsonl") + load(DATA / "news-dev-b.jsonl")
    cold, right = _timed(verifier, claims)
    print(
        f"/verify in-process, cold, on {verifier.index.live_count} sentences of {len(verifier.index.articles)} "
        f"news articles, {len(claims)} news-dev claims (tuning claims: the accuracy is not held out)"
    )
    print(_line("cold (no saved prompt states)", cold, right))


REAL_UP_TO = 100_000  # scale archives hold real text and embeddings up to here; larger ones repeat it
SCALE_NOISE = 0.01  # per dimension, on unit vectors: a copy's vector keeps cosine ~0.98 with the real one


def _say(line: str) -> None:
    print(line, flush=True)


def scale_corpus(sentences: int) -> Path:
    """var/bench-scale-N/corpus/articles.jsonl: real articles until they hold at least `sentences` sentences."""
    if sentences > REAL_UP_TO:
        raise ValueError(f"real archives go up to {REAL_UP_TO:,} sentences; larger ones repeat one")
    path = Path("var") / f"bench-scale-{sentences}" / "corpus" / "articles.jsonl"
    if path.is_file():
        return path.parent.parent
    lines = (DATA / "news" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    count = sum(len(reporting_sentences(a["text"], a.get("title", ""))) for a in map(json.loads, lines))
    for rows in (RESERVED_ROWS, TRAIN_ROWS):  # archive text only: nothing here trains, tunes or is claimed
        for row, record in read_rows(rows):
            if count >= sentences:
                break
            article = Article(article_id(row), f"CNN/DailyMail story (row {row})", record["document"], "CNN/DM")
            count += len(reporting_sentences(article.text, article.title))
            lines.append(json.dumps(article.to_dict(), ensure_ascii=False))
    write_lines(path, lines)
    return path.parent.parent


def repeated_index(source: Path, copies: int, target: Path, encoder: Encoder, exact_limit: int) -> None:
    """Write to `target` the index in `source` repeated `copies` times: copy n's articles get ids ending in ~n,
    its vectors are the real ones plus a little noise, normalised, and each sentence joins the group of the one
    it copies, as the same wire sentence in several outlets' articles does. (Copies as statements of their own
    were tried: the LLM then reads three copies of one sentence, the second and third nearly free, and the
    latency measured is not a real archive's.)"""
    if persist.layout(target) == "index":
        return
    real = persist.load(source, encoder, exact_limit)
    live = [s for s in real.sentences if s is not None]
    base = real.vectors[[s.id for s in live]]
    articles: list[Article] = []
    sentences: list[Sentence] = []
    rng = np.random.default_rng(0)
    blocks = []
    for n in range(copies):
        articles += [dataclasses.replace(a, id=_copy_id(a.id, n)) for a in real.articles.values()]
        for s in live:
            row = len(sentences)
            copy = dataclasses.replace(s, id=row, article_id=_copy_id(s.article_id, n))
            sentences.append(copy)
        noisy = base if n == 0 else base + SCALE_NOISE * rng.standard_normal(base.shape, dtype=np.float32)
        blocks.append(noisy / np.linalg.norm(noisy, axis=1, keepdims=True))
    _say(f"  building the dense index of {len(sentences):,} sentences (HNSW; a few minutes)")
    index = SentenceIndex.restore(encoder, articles, sentences, np.vstack(blocks), None, exact_limit)
    IndexWriter.attach(index, target).close()


def _copy_id(article_id: str, n: int) -> str:
    return article_id if n == 0 else f"{article_id}~{n}"


def scale_archive(sentences: int) -> Path:
    """The settings' index directory for an archive of about `sentences` sentences, built if missing."""
    if sentences <= REAL_UP_TO:
        return scale_corpus(sentences)
    copies = -(-sentences // REAL_UP_TO)
    folder = Path("var") / f"bench-scale-{copies * REAL_UP_TO}"
    real = scale_corpus(REAL_UP_TO)
    if persist.layout(real / "index") == "empty":
        _say(f"  indexing the real {REAL_UP_TO:,}-sentence archive first")
        build_index(real)
    settings = get_settings()
    encoder = SentenceTransformerEncoder(settings.embedding_model)
    repeated_index(real / "index", copies, folder / "index", encoder, settings.exact_search_limit)
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    return folder


def build_index(folder: Path) -> None:
    """The index of folder/corpus written to folder/index, as the service builds it on its first start."""
    settings = archive_settings(folder)
    load_index(settings, SentenceTransformerEncoder(settings.embedding_model))


def _rss_mb() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _resident_mb() -> float:
    """Resident memory of this process now."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024


def scale(sentences: int, n: int) -> None:
    """One archive size, in this process: load as the service does, then time `n` news-dev claims three ways."""
    folder = scale_archive(sentences)
    settings = archive_settings(folder)
    started = time.perf_counter()
    verifier = load_verifier(settings)
    loaded, after_load = time.perf_counter() - started, _rss_mb()
    started = time.perf_counter()
    verifier.index.build_lexical()  # the service builds it in the background; claims time the steady state
    lexical = time.perf_counter() - started
    llm = without_states(verifier).llm
    claims = load(DATA / "news-dev-a.jsonl") + load(DATA / "news-dev-b.jsonl")
    claims = claims[:: max(1, len(claims) // n)][:n]  # spread over the 24 stories
    retrieval: list[float] = []
    cold, right = _timed(verifier, claims, retrieval)
    llm.prefixes.max_bytes = settings.prefix_cache_mb * 2**20
    first, _ = _timed(verifier, claims)
    warm, _ = _timed(verifier, claims)
    index = verifier.index
    _say(
        f"/verify in-process on {index.live_count:,} sentences of {len(index.articles):,} articles "
        f"(dense {'HNSW' if index.approximate else 'exact'}), {len(claims)} news-dev claims, {verifier.judge.preset}, "
        f"the LLM reading {verifier.llm_statements} statements"
    )
    _say(
        f"  loaded in {loaded:.1f} s; peak resident memory after loading {after_load:,.0f} MiB; "
        f"BM25 ready {lexical:.1f} s later"
    )
    _say(_line("cold (no prompt state kept)", cold, right))
    _say(_line("  of which retrieval (embedding, dense + BM25)", retrieval))
    _say(_line("first time (states kept as the service keeps them)", first))
    _say(_line("warm (the same claims again)", warm))
    _say(
        f"  resident memory of the whole process {_resident_mb():,.0f} MiB now, {_rss_mb():,.0f} MiB at its peak "
        "(models, index, prompt states)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__)
    parser.add_argument("-n", type=int, default=30, help="claims timed (dev claims on the seeds, news-dev at scale)")
    parser.add_argument("--articles", type=int, default=350, help="reserved-row articles in the news archive")
    parser.add_argument("--only", choices=("seeds", "news", "scale"), help="run one of them")
    parser.add_argument(
        "--sentences", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="archive sizes (scale)"
    )
    parser.add_argument("--here", action="store_true", help="measure one size in this process (used by scale)")
    args = parser.parse_args(argv)
    if args.only == "scale":
        if args.here:
            scale(args.sentences[0], args.n)
            return 0
        for size in args.sentences:  # a fresh process per size: its peak memory is that size's alone
            command = [sys.executable, "-m", "eval.bench", "--only", "scale", "--here", "-n", str(args.n)]
            if subprocess.run([*command, "--sentences", str(size)], check=False).returncode:
                return 1
        return 0
    if args.only in (None, "seeds"):
        seeds(args.n)
    if args.only in (None, "news"):
        news(args.articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
