"""Screened, not declared (session 35): the head's read with every claim token an output (as shipped) against the claim
read without outputs but its last token, which alone is read with embeddings on ("split"), and the answer words
alone; 30 written pairs, prefixes prepared, two rounds. `PYTHONPATH=. python docs/experiments/2026-12-07-s35/split_read.py`
(var/s35/split-read.log)."""

import time, numpy as np
from service.loading import load_judge
from service.settings import Settings
from service.judge import data as wrap
from judge import data

j = load_judge(Settings(llm_head=False))
llm = j.llm
pairs = data.written_pairs(limit=30)[:30]


def split_eval(prefix, suffix):
    head, tail = llm.tokenize(prefix), llm.tokenize(suffix)
    with llm.lock:
        llm._load_prefix(head)
        llm._eval(tail[:-1])
        llm._llama_cpp.llama_set_embeddings(llm.llm.ctx, True)
        try:
            llm._eval(tail[-1:], every_output=True)
            logits = llm._last_logits()
            state = llm._last_hidden()
        finally:
            llm._llama_cpp.llama_set_embeddings(llm.llm.ctx, False)
    return logits, state


# warm prefixes
for p in pairs:
    pre, suf = j._split(p.evidence)
    llm.ensure_prefix(pre)
for rnd in range(2):
    t = time.perf_counter()
    A = []
    for p in pairs:
        pre, suf = j._split(p.evidence)
        A.append(llm.option_logprobs_hidden(pre, wrap(p.claim) + suf, j._options, hidden=True))
    ta = time.perf_counter() - t
    t = time.perf_counter()
    B = []
    for p in pairs:
        pre, suf = j._split(p.evidence)
        B.append(split_eval(pre, wrap(p.claim) + suf))
    tb = time.perf_counter() - t
    t = time.perf_counter()
    for p in pairs:
        pre, suf = j._split(p.evidence)
        llm.option_logprobs_split(pre, wrap(p.claim) + suf, j._options)
    tc = time.perf_counter() - t
    print(
        f"round {rnd}: all outputs {ta / len(pairs) * 1000:.0f} ms, split {tb / len(pairs) * 1000:.0f} ms, words only {tc / len(pairs) * 1000:.0f} ms"
    )
cos = [float(a[1] @ b[1] / np.linalg.norm(a[1]) / np.linalg.norm(b[1])) for a, b in zip(A, B)]
print("cosine min", min(cos), "max abs diff", max(float(np.abs(a[1] - b[1]).max()) for a, b in zip(A, B)))
from judge import head as H

h = H.load(H.head_path(j.preset), j.sha256)
pa = h.probabilities(np.stack([a[1] for a in A]))
pb = h.probabilities(np.stack([b[1] for b in B]))
print("head P max abs diff", float(np.abs(pa - pb).max()), "mean", float(np.abs(pa - pb).mean()))
