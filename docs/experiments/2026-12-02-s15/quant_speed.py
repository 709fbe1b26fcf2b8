"""Prompt-processing speed of the 1.5B by quantization on 2 cores: the shipped Q4_K_M file, and the same weights
requantized by llama.cpp's own quantizer (`llama_model_quantize`, allow_requantize) to Q4_0 and Q8_0, which
llama.cpp's CPU backend repacks for its faster matrix kernels. Cold statements cost their evidence tokens after a
600-token prefix; how fast each file evaluates them, and how far its next-token log-probabilities move from the
shipped file's on one statement prompt. Writes the requantized files to var/s15/. Measuring only."""
import ctypes, glob, os, sys, time
from pathlib import Path
import numpy as np
import llama_cpp

SRC = Path.home() / ".cache/claimcheck/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
OUT = Path("var/s15")
TYPES = {"q4_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0, "q8_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0}


def quantize(name):
    dst = OUT / f"qwen2.5-coder-1.5b-instruct-{name}.gguf"
    if not dst.exists():
        p = llama_cpp.llama_model_quantize_default_params()
        p.nthread, p.ftype, p.allow_requantize = 2, TYPES[name], True
        t = time.perf_counter()
        rc = llama_cpp.llama_model_quantize(str(SRC).encode(), str(dst).encode(), ctypes.byref(p))
        assert rc == 0, rc
        print(f"{name}: quantized in {time.perf_counter() - t:.0f} s, {dst.stat().st_size / 1e6:.0f} MB", flush=True)
    return dst


words = " ".join(open(sorted(glob.glob("seeds/*.txt"))[0]).read().split())
files = {"q4_k_m": SRC} | {n: quantize(n) for n in (sys.argv[1:] or TYPES)}
ref = None
for name, path in files.items():
    L = llama_cpp.Llama(model_path=str(path), n_ctx=2048, n_threads=2, n_batch=512, seed=0, verbose=False,
                        logits_all=False)
    toks = L.tokenize(words.encode())
    base = toks[:600]
    res = {}
    for n in (21, 62, 124):
        out = []
        for r in range(5):
            L.reset(); L._ctx.kv_cache_seq_rm(-1, 0, -1); L.eval(base)
            t = time.perf_counter(); L.eval(toks[600 + r * 10: 600 + r * 10 + n]); out.append(time.perf_counter() - t)
        res[n] = sorted(out)[2]
    L.reset(); L._ctx.kv_cache_seq_rm(-1, 0, -1); L.eval(toks[:700])
    logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(L._ctx.ctx, -1), shape=(L.n_vocab(),)).copy()
    lp = logits - np.log(np.exp(logits - logits.max()).sum()) - logits.max()
    drift = "" if ref is None else f", next-token log-prob drift (mean abs over top 50): {np.abs(lp[np.argsort(ref)[-50:]] - ref[np.argsort(ref)[-50:]]).mean():.3f}"
    ref = lp if ref is None else ref
    print(f"{name}: " + ", ".join(f"{n} tokens {t:.3f} s ({n / t:.0f} tok/s)" for n, t in res.items()) + drift,
          flush=True)
    del L
