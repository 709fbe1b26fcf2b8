"""Memory under churn, before and after in one run: an index of N sentences (assembled as `python -m index.bench`
does), then CYCLES rounds of deleting a tenth of the articles, adding as many new ones and compacting; once with
compaction releasing deleted rows (now) and once with the in-memory adopt step disabled (before). Prints rows
held, HNSW size and resident memory after each round. Usage: churn.py N CYCLES."""
import dataclasses
import gc
import sys
import tempfile
import time
from pathlib import Path

from index.articles import Article, read_paths
from index.bench import SEEDS, _assembled
from index.clean import reporting_sentences
from index.store import SentenceIndex
from index.writer import IndexWriter


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


n, cycles = int(sys.argv[1]), int(sys.argv[2])
seeds = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
per_copy = sum(len(reporting_sentences(a.text, a.title)) for a in seeds)
adopt = SentenceIndex.adopt
for mode in ("release (now)", "keep (before)"):
    SentenceIndex.adopt = adopt if mode.startswith("release") else (lambda self, *a, **k: None)
    index = _assembled(seeds, -(-n // per_copy))
    gc.collect()
    print(f"{mode}: {len(index.sentences):,} rows, rss {rss_mb():.0f} MB", flush=True)
    with tempfile.TemporaryDirectory(dir="var") as folder:
        writer = IndexWriter.attach(index, Path(folder))
        made = 0
        for cycle in range(cycles):
            doomed = list(index.articles)[::10]
            for article_id in doomed:
                writer.delete(article_id)
            for k in range(len(doomed)):
                base = seeds[made % len(seeds)]
                writer.upsert(dataclasses.replace(base, id=f"new-{made}", text=base.text.replace(" the ", f" the n{made} ", 3)))
                made += 1
            t = time.perf_counter()
            writer.compact()
            gc.collect()
            print(f"  round {cycle + 1}: {index.live_count:,} live, {len(index.sentences):,} rows held, "
                  f"hnsw {index.dense.ntotal:,}, compaction {time.perf_counter() - t:.0f}s, rss {rss_mb():.0f} MB",
                  flush=True)
        writer.close()
    del index, writer
    gc.collect()
