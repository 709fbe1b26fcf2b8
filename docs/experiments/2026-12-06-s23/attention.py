"""Flash attention on and off, after 100 and 1,000 tokens of context: seconds to evaluate 20 and 60 new tokens of seed text with the 1.5B (median of 3)."""
import sys, time, os
import numpy as np
import llama_cpp
path = os.path.expanduser("~/.cache/claimcheck/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
text = " ".join(open("seeds/" + f).read() for f in sorted(os.listdir("seeds")))
for fa in (False, True):
    llm = llama_cpp.Llama(model_path=path, n_ctx=2048, n_threads=2, n_batch=512, verbose=False, flash_attn=fa)
    toks = llm.tokenize(text.encode(), add_bos=False)
    for ctx in (100, 1000):
        for n in (20, 60):
            s = []
            for t in range(3):
                llm.n_tokens = 0; llm._ctx.kv_cache_seq_rm(-1, 0, -1)
                llm.eval(toks[:ctx])
                st = time.perf_counter(); llm.eval(toks[ctx + 5*t: ctx + 5*t + n]); s.append(time.perf_counter() - st)
            print(f"flash_attn={fa} ctx {ctx} new {n}: {np.median(s):.3f} s ({n/np.median(s):.0f} tok/s)", flush=True)
    del llm
