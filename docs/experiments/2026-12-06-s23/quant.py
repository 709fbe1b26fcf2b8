"""How fast the 1.5B reads a statement cold, and how its readings move, in other quantisations of the same weights.

The shipped file is Q4_K_M. llama.cpp re-quantises it (llama_model_quantize, allow_requantize) into each TYPE;
every variant then reads the same (claim, gold evidence) pairs of the news tuning claims with no saved prompt
state (a cold read: instructions and worked examples stay in the context, as in the service, and the passage and
claim are evaluated afresh). Prints seconds per read, tokens per second, and P(true)/P(false) against Q4_K_M's.
`quant.py N [TYPE...]` (N pairs; TYPE among Q8_0, Q4_0, Q5_0, Q6_K, Q4_K_M)."""
import json
import sys
import time
from pathlib import Path

import llama_cpp
import numpy as np

from service.judge import LlamaJudge
from service.llm import LocalLLM
from service.models import resolve_model

FTYPES = {"Q4_0": 2, "Q8_0": 7, "Q5_0": 8, "Q4_K_M": 15, "Q6_K": 18}
n = int(sys.argv[1])
types = sys.argv[2:] or ["Q4_K_M", "Q8_0", "Q4_0"]
shipped = resolve_model("qwen2.5-coder-1.5b", Path.home() / ".cache/claimcheck").path

pairs = []
for name in ("news-dev-a", "news-dev-b"):
    for line in open(f"eval/data/{name}.jsonl"):
        row = json.loads(line)
        if row["evidence"]:
            pairs.append((row["claim"], row["evidence"][0]["text"]))
pairs = pairs[:n]


def variant(kind: str) -> Path:
    if kind == "Q4_K_M":
        return shipped
    out = Path(f"var/s23/qwen2.5-coder-1.5b-{kind.lower()}.gguf")
    if not out.exists():
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype, params.allow_requantize, params.nthread = FTYPES[kind], True, 2
        started = time.perf_counter()
        rc = llama_cpp.llama_model_quantize(str(shipped).encode(), str(out).encode(), params)
        assert rc == 0, rc
        print(f"{kind}: quantised in {time.perf_counter() - started:.0f} s, {out.stat().st_size / 1e9:.2f} GB")
    return out


readings = {}
for kind in types:
    path = variant(kind)
    llm = LocalLLM(str(path), prefix_cache_mb=0)  # nothing saved: every read is cold
    judge = LlamaJudge(llm, "qwen2.5-coder-1.5b", "")
    judge.read(pairs[0][0], [pairs[0][1]])  # the instructions and worked examples into the context once
    rows, seconds, tokens = [], [], 0
    instructions = len(llm.tokenize(judge._split("")[0]))  # evaluated once; a read's new tokens come after them
    for claim, evidence in pairs:
        prefix, suffix = judge._split(evidence)
        tokens += len(llm.tokenize(prefix)) - instructions + len(llm.tokenize(claim + suffix))
        started = time.perf_counter()
        r = judge.read(claim, [evidence])[0]
        seconds.append(time.perf_counter() - started)
        rows.append((r.true, r.false))
    readings[kind] = np.array(rows)
    s = np.array(seconds)
    print(f"{kind}: {path.stat().st_size / 1e9:.2f} GB, cold read p50 {np.median(s):.3f} s, mean {s.mean():.3f} s, "
          f"{tokens / s.sum():.0f} new tokens/s ({tokens / len(pairs):.0f} a read)", flush=True)
    del judge, llm

base = readings.get("Q4_K_M")
for kind, r in readings.items():
    if base is None or kind == "Q4_K_M":
        continue
    d = np.abs(r - base)
    same = np.mean((base[:, 0] >= 0.5) == (r[:, 0] >= 0.5))
    print(f"{kind} against Q4_K_M: |dP(true)| mean {d[:, 0].mean():.3f} max {d[:, 0].max():.3f}; "
          f"|dP(false)| mean {d[:, 1].mean():.3f} max {d[:, 1].max():.3f}; same side of 0.5 (true) {same:.1%}")
