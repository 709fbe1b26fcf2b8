"""Rule 26's latency, read by read (reported, not a bar): four ways of reading one claim against one prepared
passage, alternating pair by pair in one process so that the machine's drift falls on all alike. 60 written pairs,
three rounds.

- old: session 35's read, as main read until session 37: embeddings mode on, every claim token an output, on a
  context without an eval callback;
- tap: session 37's read, a plain read with the tap copying one tensor (`hidden`, default result_norm);
- words: a plain read (the answer words alone), on the context without a callback;
- words+callback: the same on the tapped context, the tap asking for nothing (the callback's own cost).

    PYTHONPATH=. python docs/experiments/2026-12-08-s37/read_bench.py [tensor] > var/s37/read-bench.log
"""

import json
import statistics
import sys
import time
from pathlib import Path

import llama_cpp
import numpy as np

from judge import data
from judge.head import Head
from service.judge import data as wrap
from service.llm import LocalLLM
from service.loading import load_judge
from service.settings import Settings

tensor = sys.argv[1] if len(sys.argv) > 1 else "result_norm"
judge = load_judge(Settings(llm_head=False))
tapped = judge.llm
bare = LocalLLM(tapped.llm.model_path, n_ctx=tapped.n_ctx)
bare._set_callback(llama_cpp.ggml_backend_sched_eval_callback())  # no callback, as llama-cpp-python makes it
pairs = data.written_pairs(limit=60)


def old_way(prefix: str, suffix: str) -> np.ndarray:
    llm = bare.llm
    head, tail = bare.tokenize(prefix), bare.tokenize(suffix)
    with bare.lock:
        bare._load_prefix(head)
        bare._llama_cpp.llama_set_embeddings(llm.ctx, True)
        try:
            llm._ctx.kv_cache_seq_rm(-1, llm.n_tokens, -1)
            llm._batch.set_batch(batch=tail, n_past=llm.n_tokens, logits_all=True)
            llm._ctx.decode(llm._batch)
            llm.input_ids[llm.n_tokens : llm.n_tokens + len(tail)] = tail
            llm.n_tokens += len(tail)
            ptr = bare._llama_cpp.llama_get_embeddings_ith(llm.ctx, -1)
            return np.ctypeslib.as_array(ptr, shape=(llm.n_embd(),)).copy()
        finally:
            bare._llama_cpp.llama_set_embeddings(llm.ctx, False)


def main() -> None:
    prompts = [(lambda pre, suf: (pre, wrap(p.claim) + suf))(*judge._split(p.evidence)) for p in pairs]
    for pre, _ in prompts:
        tapped.ensure_prefix(pre)
        bare.ensure_prefix(pre)
    ways = {
        "old": lambda pre, suf: old_way(pre, suf),
        "tap": lambda pre, suf: tapped.option_logprobs_hidden(pre, suf, judge._options, hidden=tensor),
        "words": lambda pre, suf: bare.option_logprobs_split(pre, suf, judge._options),
        "words+callback": lambda pre, suf: tapped.option_logprobs_split(pre, suf, judge._options),
    }
    if tensor == "result_norm":  # the same state both ways? (both contexts evaluated the same prefixes in order)
        shipped = Head.from_json(json.loads(Path("var/s37/head-s35.json").read_text()))  # session 35's head
        old = np.stack([old_way(pre, suf) for pre, suf in prompts])
        new = np.stack([tapped.option_logprobs_hidden(pre, suf, judge._options, tensor)[1] for pre, suf in prompts])
        head_differ = np.abs(shipped.probabilities(old) - shipped.probabilities(new)).max()
        print(
            f"60 pairs, the old way's state against the tapped one: largest difference {np.abs(old - new).max():.2e}"
            f", in session 35's head's probabilities {head_differ:.2e}",
            flush=True,
        )
    times: dict[str, list[float]] = {w: [] for w in ways}
    names = list(ways)
    for rnd in range(3):
        for i, (pre, suf) in enumerate(prompts):
            k = (i + rnd) % len(names)
            for way in names[k:] + names[:k]:
                t = time.perf_counter()
                ways[way](pre, suf)
                times[way].append(time.perf_counter() - t)
        print(f"round {rnd}: " + ", ".join(f"{w} {statistics.mean(times[w][-60:]) * 1000:.0f} ms" for w in names))
    for w in names:
        ratio = statistics.median(n / o for n, o in zip(times[w], times["old"], strict=True))
        print(f"{w:15s} median {statistics.median(times[w]) * 1000:.0f} ms, median ratio to old {ratio:.3f}")


if __name__ == "__main__":
    main()
