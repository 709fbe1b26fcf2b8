"""Benchmarks that print figures: ingest vs raw encoding, search latency and recall at scale, memory."""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
import time
import zlib
from pathlib import Path

import faiss
import numpy as np

from index.articles import Article, read_paths
from index.clean import reporting_sentences
from index.encoder import SentenceTransformerEncoder
from index.store import Sentence, SentenceIndex, build_dense
from index.writer import IndexWriter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUERIES = 200
K = 10


def _say(line: str) -> None:
    print(line, flush=True)


def _corpus(copies: int) -> list[Article]:
    """The seed articles repeated under new ids, each copy's sentences slightly varied."""
    seeds = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
    out = []
    for n in range(copies):
        for a in seeds:
            out.append(dataclasses.replace(a, id=f"{a.id}-{n}", text=a.text.replace(" the ", f" the {n} ", 1)))
    return out


def ingest(copies: int = 20) -> float:
    """Sentences/s of a full ingest next to the raw encoder on the same sentences (target ratio >= 0.8)."""
    encoder = SentenceTransformerEncoder()
    articles = _corpus(copies)
    texts = [s.of(a.text) for a in articles for s in reporting_sentences(a.text, a.title)]
    encoder.encode(texts[:64])  # warm-up: first call pays for lazy initialisation
    started = time.perf_counter()
    encoder.encode(texts)
    raw = len(texts) / (time.perf_counter() - started)
    index = SentenceIndex(encoder)
    started = time.perf_counter()
    report = index.add(articles)
    full = report.sentences / (time.perf_counter() - started)
    _say(f"ingest: {report.sentences} sentences from {len(articles)} articles")
    _say(f"  raw encode      {raw:8.1f} sentences/s")
    _say(f"  full ingest     {full:8.1f} sentences/s   ratio {full / raw:.2f} (target >= 0.80)")
    live = [s for s in index.sentences if s is not None]
    return sum(len(json.dumps(dataclasses.asdict(s))) for s in live) / len(live)


def _embedding_like(n: int, dim: int, rng: np.random.Generator, intrinsic: int = 32) -> np.ndarray:
    """Unit vectors on a low-dimensional subspace plus a little noise, like sentence embeddings.

    Sentence embeddings occupy far fewer dimensions than they have (MiniLM's are often estimated at a few
    dozen); uniform noise in 384-d would make every neighbour equidistant and no index could rank it.
    """
    basis = np.linalg.qr(rng.standard_normal((dim, intrinsic)))[0].astype(np.float32)
    latent = rng.standard_normal((n, intrinsic)).astype(np.float32)
    vectors = latent @ basis.T + 0.05 * rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def _latencies(index: faiss.Index, queries: np.ndarray) -> tuple[np.ndarray, list[float]]:
    found, times = [], []
    for q in queries:
        started = time.perf_counter()
        _, rows = index.search(q.reshape(1, -1), K)
        times.append(time.perf_counter() - started)
        found.append(rows[0])
    return np.array(found), times


def search_scale(n: int, dim: int = 384) -> None:
    """Exact and HNSW search latency p50/p95, HNSW recall@10 against exact, bytes per sentence."""
    rng = np.random.default_rng(n)
    # One draw for both, so the queries come from the same subspace as the corpus.
    both = _embedding_like(n + QUERIES, dim, rng)
    vectors, queries = both[:n], both[n:]
    exact = build_dense(vectors, approximate=False)
    truth, exact_times = _latencies(exact, queries)
    started = time.perf_counter()
    hnsw = build_dense(vectors, approximate=True)
    build_s = time.perf_counter() - started
    found, hnsw_times = _latencies(hnsw, queries)
    recall = np.mean([len(set(t) & set(f)) / K for t, f in zip(truth, found, strict=True)])
    for name, times, index in (("exact", exact_times, exact), ("hnsw ", hnsw_times, hnsw)):
        p50, p95 = np.percentile(np.array(times) * 1000, [50, 95])
        size = len(faiss.serialize_index(index)) / n
        _say(f"  {n:>9,} {name} search p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  index {size:6.0f} B/sentence")
    _say(f"  {n:>9,} hnsw  recall@10 {recall:.3f} (target >= 0.95), build {build_s:.1f}s")


class HashEncoder:
    """A fast stand-in for the embedding model at scale (hashed bag of words, 384-d): write latency depends on
    the index's size, not on what the vectors mean; the real encoder's share is measured on its own."""

    name, dim = "hash-384", 384

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


ASSEMBLE_ABOVE = 200_000  # larger indexes are put together directly: ingesting 1M sentences takes about an hour


def _assembled(seeds: list[Article], copies: int) -> SentenceIndex:
    """The seed articles `copies` times under new ids, put together without ingesting them: each copy's
    sentences get the seed sentence's vector plus a little noise (so HNSW sees distinct points) and a group of
    their own. The dense index is built as usual."""
    encoder = HashEncoder()
    spans = [reporting_sentences(a.text, a.title) for a in seeds]
    base = encoder.encode([s.of(a.text) for a, article_spans in zip(seeds, spans, strict=True) for s in article_spans])
    articles: list[Article] = []
    sentences: list[Sentence] = []
    for n in range(copies):
        for a, article_spans in zip(seeds, spans, strict=True):
            copy = dataclasses.replace(a, id=f"{a.id}-{n}")
            articles.append(copy)
            for position, span in enumerate(article_spans):
                row = len(sentences)
                sentences.append(Sentence(row, copy.id, position, span.start, span.end, span.of(a.text), row))
    rng = np.random.default_rng(0)
    vectors = np.tile(base, (copies, 1))
    vectors += 0.05 * rng.standard_normal(vectors.shape, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return SentenceIndex.restore(encoder, articles, sentences, vectors, None, exact_limit=50_000)


def writes(sentences: int, rounds: int = 40) -> int:
    """p50/p95 of adding, replacing and deleting one article through the index's writer (logged and fsync'ed
    before it counts) on an index of about `sentences` real sentences (the seeds, repeated and varied)."""
    seeds = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
    per_copy = sum(len(reporting_sentences(a.text, a.title)) for a in seeds)
    started = time.perf_counter()
    if sentences <= ASSEMBLE_ABOVE:
        index = SentenceIndex(HashEncoder())
        index.add(_corpus(-(-sentences // per_copy)))
    else:
        index = _assembled(seeds, -(-sentences // per_copy))
    how = "ingested" if sentences <= ASSEMBLE_ABOVE else "assembled"
    _say(
        f"writes: {index.live_count:,} sentences, {len(index.articles):,} articles (hash encoder), "
        f"{how} in {time.perf_counter() - started:.0f}s, dense {'hnsw' if index.approximate else 'exact'}"
    )
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        writer = IndexWriter.attach(index, Path(folder))  # the first snapshot, then only the log grows
        _say(f"  first snapshot written in {time.perf_counter() - started:.0f}s")
        times: dict[str, list[float]] = {"add": [], "replace": [], "delete": []}
        for n in range(rounds):
            base = seeds[n % len(seeds)]
            new = dataclasses.replace(base, id=f"bench-{n}", text=base.text.replace(" the ", f" the w{n} ", 3))
            changed = dataclasses.replace(new, text=new.text + f"\nUpdate {n}.")
            for kind, write in (("add", new), ("replace", changed), ("delete", None)):
                t = time.perf_counter()
                if write is None:
                    writer.delete(new.id)
                else:
                    writer.upsert(write)
                times[kind].append(time.perf_counter() - t)
        writer.close()
    for kind, values in times.items():
        p50, p95 = np.percentile(np.array(values) * 1000, [50, 95])
        _say(f"  {kind:8s} one article  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({len(values)} writes)")
    encoder = SentenceTransformerEncoder()
    texts = [s.of(seeds[0].text) for s in reporting_sentences(seeds[0].text, seeds[0].title)]
    encoder.encode(texts)  # warm-up: the first call pays for lazy initialisation
    t = time.perf_counter()
    encoder.encode(texts)
    _say(f"  plus the real encoder on one article ({len(texts)} sentences): {1000 * (time.perf_counter() - t):.0f} ms")
    return 0


def run(sizes: list[int]) -> int:
    _say(f"faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads")
    meta = ingest()
    _say("search (synthetic 384-d unit vectors of intrinsic dimension 32, 200 queries, k=10):")
    for n in sizes:
        search_scale(n)
    _say(f"memory: the index sizes above include the vectors; sentence metadata adds {meta:.0f} B/sentence")
    return 0


if __name__ == "__main__":
    sys.exit(run([10_000, 100_000]))
