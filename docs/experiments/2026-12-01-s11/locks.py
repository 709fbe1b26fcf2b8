"""Who holds the write lock during a tombstone compaction, on N sentences (assembled as index.bench does), while
another thread writes every 0.05 s: the compaction's own holds and the writes' own. Usage: locks.py N."""
import dataclasses, sys, tempfile, threading, time
from pathlib import Path
import numpy as np
from index.articles import Article, read_paths
from index.bench import SEEDS, _assembled
from index.clean import reporting_sentences
from index.writer import IndexWriter

class Timed:
    def __init__(self, lock, name, out): self.lock, self.name, self.out = lock, name, out
    def __enter__(self):
        self.lock.acquire(); self.t = time.perf_counter(); self.who = threading.current_thread().name
    def __exit__(self, *a):
        self.out.append((self.who, time.perf_counter() - self.t)); self.lock.release()
    def locked(self): return self.lock.locked()

n = int(sys.argv[1])
seeds = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
per = sum(len(reporting_sentences(a.text, a.title)) for a in seeds)
index = _assembled(seeds, -(-n // per))
with tempfile.TemporaryDirectory(dir="var") as folder:
    w = IndexWriter.attach(index, Path(folder))
    for a in list(index.articles)[::10]:
        w.delete(a)
    held = []
    w._writing = Timed(w._writing, "writing", held)
    waits, stop = [], threading.Event()
    def writes():
        k = 0
        while not stop.is_set():
            b = seeds[k % len(seeds)]
            t = time.perf_counter(); w.upsert(dataclasses.replace(b, id=f"d{k}", text=b.text.replace(" the ", f" the d{k} ", 3))); waits.append(time.perf_counter() - t)
            k += 1; time.sleep(0.05)
    th = threading.Thread(target=writes, name="writer"); th.start()
    t = time.perf_counter(); w.compact(); print(f"compaction {time.perf_counter()-t:.1f}s")
    stop.set(); th.join()
    comp = sorted((d for who, d in held if who == "MainThread"), reverse=True)
    wr = sorted((d for who, d in held if who == "writer"), reverse=True)
    print("compaction's write-lock holds (s):", [round(x, 3) for x in comp])
    print("longest write-lock holds by writes (s):", [round(x, 3) for x in wr[:5]], "of", len(wr))
    print(f"write waits: p50 {1000*np.median(waits):.0f} ms, p95 {1000*np.percentile(waits,95):.0f} ms, max {1000*max(waits):.0f} ms")
    w.close()
