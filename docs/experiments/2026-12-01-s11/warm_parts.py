"""Where a warm read of one statement by the 1.5B goes: restoring the saved prompt state of the evidence, and
evaluating the claim's own tokens. Three seed passages, prepared first; then each read timed in its parts."""
import time
from pathlib import Path

from eval.__main__ import _settings
from index.articles import Article, read_paths
from index.clean import reporting_sentences
from service.loading import load_judge

judge = load_judge(_settings(None))
llm = judge.llm
seeds = [a for a in read_paths([Path("seeds")]) if isinstance(a, Article)]
passages = [s.of(seeds[i].text) for i in range(3) for s in reporting_sentences(seeds[i].text, seeds[i].title)[2:3]]
claim = "Witkoff met Putin in Moscow for five hours on Tuesday, the Kremlin said."
for p in passages:
    judge.prepare(p)
prefix_tokens = [len(llm.tokenize(judge._split(p)[0])) for p in passages]
tail = llm.tokenize("x" and judge._split(passages[0])[1])
print("prefix tokens", prefix_tokens, "claim+suffix tokens", len(llm.tokenize(claim)) + len(tail))
for rnd in range(3):
    restore = evaluate = 0.0
    for p in passages:
        prefix, suffix = judge._split(p)
        head, rest = llm.tokenize(prefix), llm.tokenize(claim + suffix)
        t0 = time.perf_counter()
        llm._load_prefix(head)
        t1 = time.perf_counter()
        llm._eval(rest)
        llm._last_logits()
        t2 = time.perf_counter()
        restore += t1 - t0
        evaluate += t2 - t1
    t = time.perf_counter()
    judge.read(claim, passages)
    whole = time.perf_counter() - t
    print(f"round {rnd}: restore {restore:.3f}s eval {evaluate:.3f}s (3 statements); judge.read {whole:.3f}s")
