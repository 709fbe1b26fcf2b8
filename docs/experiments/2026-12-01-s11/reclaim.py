"""Deleted rows released by a compaction, at scale: an index of N sentences (the seeds repeated, as
`python -m index.bench` assembles it; hash encoder), a tenth of its articles deleted through the writer, then a
compaction while another thread keeps writing. Prints resident memory before and after, the compaction's time and
the slowest write meanwhile. Usage: reclaim.py N (e.g. 1000000)."""
import dataclasses
import gc
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from index.articles import Article, read_paths
from index.bench import SEEDS, _assembled
from index.clean import reporting_sentences
from index.writer import IndexWriter


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


n = int(sys.argv[1])
seeds = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
per_copy = sum(len(reporting_sentences(a.text, a.title)) for a in seeds)
t = time.perf_counter()
index = _assembled(seeds, -(-n // per_copy))
print(f"{len(index.sentences):,} sentences, {len(index.articles):,} articles assembled in {time.perf_counter() - t:.0f}s, "
      f"hnsw={index.approximate}, rss {rss_mb():.0f} MB", flush=True)
with tempfile.TemporaryDirectory(dir="var") as folder:
    writer = IndexWriter.attach(index, Path(folder))
    doomed = list(index.articles)[:: 10]
    t = time.perf_counter()
    for article_id in doomed:
        writer.delete(article_id)
    print(f"deleted {len(doomed):,} articles ({index.sentences.count(None):,} rows) in {time.perf_counter() - t:.0f}s; "
          f"rss {rss_mb():.0f} MB", flush=True)
    index.build_lexical()
    gc.collect()
    before = rss_mb()
    waits: list[float] = []
    stop = threading.Event()

    def keep_writing() -> None:
        k = 0
        while not stop.is_set():
            base = seeds[k % len(seeds)]
            article = dataclasses.replace(base, id=f"during-{k}", text=base.text.replace(" the ", f" the d{k} ", 3))
            s = time.perf_counter()
            writer.upsert(article)
            waits.append(time.perf_counter() - s)
            k += 1
            time.sleep(0.2)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    t = time.perf_counter()
    writer.compact()
    took = time.perf_counter() - t
    stop.set()
    thread.join()
    gc.collect()
    print(f"compaction {took:.0f}s; {len(waits)} writes meanwhile: p50 {1000 * np.median(waits):.0f} ms, "
          f"p95 {1000 * np.percentile(waits, 95):.0f} ms, max {1000 * max(waits):.0f} ms", flush=True)
    print(f"after: {len(index.sentences):,} rows, {index.sentences.count(None):,} deleted, dense {index.dense.ntotal:,}, "
          f"lexical current {index.lexical_current}; rss {before:.0f} MB -> {rss_mb():.0f} MB", flush=True)
    writer.close()
    gc.collect()
    print(f"after the writer closed: rss {rss_mb():.0f} MB", flush=True)
