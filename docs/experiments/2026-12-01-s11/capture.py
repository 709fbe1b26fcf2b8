"""What a compaction's capture holds writes for at 1M sentences, before and after, in one run: serializing the
live HNSW to bytes (before) against copying it in memory (after), each three times, alternating, on the bench's
saved 1M index (`python -m eval.bench --only scale --sentences 1000000` leaves it in var/bench-scale-1000000)."""
import sys
import time

import faiss

path = sys.argv[1] if len(sys.argv) > 1 else "var/bench-scale-1000000/index/current/dense.faiss"
t = time.perf_counter()
hnsw = faiss.read_index(path)
print(f"read {hnsw.ntotal:,} vectors in {time.perf_counter() - t:.1f}s", flush=True)
times: dict[str, list[float]] = {"serialize": [], "clone": []}
for _ in range(3):
    for name, copy in (("serialize", faiss.serialize_index), ("clone", faiss.clone_index)):
        t = time.perf_counter()
        out = copy(hnsw)
        times[name].append(time.perf_counter() - t)
        del out
for name, values in times.items():
    print(f"{name:9s} " + " ".join(f"{v:.2f}s" for v in values), flush=True)
print(f"ratio of medians {sorted(times['serialize'])[1] / sorted(times['clone'])[1]:.1f}x")
