"""Prompt evaluation speed of the 1.5B as shipped (Q4_K_M) and requantised to Q8_0 and Q4_0 (llama.cpp's own
quantiser, --allow-requantize), 39 new tokens after a 400-token context, median of 5. Measured 2026-12-01:
Q4_K_M 0.463 s, Q8_0 0.585 s, Q4_0 0.481 s: no quantisation reads faster here, so the model file stays."""

import ctypes
import time

import llama_cpp

SRC = "/root/.cache/claimcheck/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
TEXT = (
    "The council voted on Tuesday to extend the tram line to the northern suburbs, at a cost of 1.2 million "
    "dollars, after residents said yes in a referendum held in the spring. "
)

for name, ftype in (("q8_0", llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0), ("q4_0", llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0)):
    p = llama_cpp.llama_model_quantize_default_params()
    p.ftype, p.allow_requantize, p.nthread = ftype, True, 2
    llama_cpp.llama_model_quantize(SRC.encode(), f"/tmp/m-{name}.gguf".encode(), ctypes.byref(p))

for path in [SRC, "/tmp/m-q8_0.gguf", "/tmp/m-q4_0.gguf"]:
    m = llama_cpp.Llama(model_path=path, n_ctx=2048, n_threads=2, n_batch=512, verbose=False)
    base = m.tokenize(("You are a careful fact-checker. " * 40).encode())
    m.eval(base)
    toks = m.tokenize(TEXT.encode(), add_bos=False)[:60]
    times = []
    for _ in range(5):
        m.n_tokens = len(base)
        m._ctx.kv_cache_seq_rm(-1, len(base), -1)
        start = time.perf_counter()
        m.eval(toks)
        times.append(time.perf_counter() - start)
    print(path.split("/")[-1], len(toks), "tokens", sorted(times)[2], flush=True)
    del m
