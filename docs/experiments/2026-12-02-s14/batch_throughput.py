"""Prompt-processing throughput of the 1.5B on 2 cores by batch size, after a 600-token prefix (as a statement's
tokens follow the instructions and worked examples): would evaluating two statements in one batch be faster?"""
import time, glob
from eval.__main__ import _settings
from service.loading import load_judge
judge = load_judge(_settings(None))
L = judge.llm.llm
base = judge.llm.tokenize(judge._split("x")[0])[:600]
filler = judge.llm.tokenize(" ".join(open(sorted(glob.glob("seeds/*.txt"))[0]).read().split()[:400]))
def run(n, reps=6):
    out = []
    for r in range(reps):
        L.reset(); L._ctx.kv_cache_seq_rm(-1, 0, -1); L.eval(base)
        toks = filler[r * 10: r * 10 + n]
        t = time.perf_counter(); L.eval(toks); out.append(time.perf_counter() - t)
    out.sort(); return out[len(out) // 2]
for n in (21, 62, 83, 124, 166):
    t = run(n); print(f"{n} tokens after a 600-token prefix: {t:.3f} s, {n / t:.0f} tok/s")
