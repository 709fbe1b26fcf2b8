"""Does llama.cpp read more tokens a second in bigger batches on these 2 cores? A cold read evaluates about 76 new
tokens (a passage and a claim) after the instructions; two statements are two such runs. Times evaluating N new
tokens after a fixed 600-token context, for several N, in a GGUF given on the command line (`batch.py PATH`)."""
import sys
import time

import numpy as np

from service.llm import LocalLLM

llm = LocalLLM(sys.argv[1], prefix_cache_mb=0)
text = open("seeds/" + sorted(__import__("os").listdir("seeds"))[0]).read()
tokens = llm.llm.tokenize(text.encode(), add_bos=False)
context, rest = tokens[:600], tokens[600:]
for n in (19, 38, 76, 152, 304):
    seconds = []
    for trial in range(3):
        llm._eval_reusing_prefix(context)
        started = time.perf_counter()
        llm.llm.eval(rest[trial * 7 : trial * 7 + n])
        seconds.append(time.perf_counter() - started)
    best = float(np.median(seconds))
    print(f"{n:4d} new tokens: {best:.3f} s, {n / best:.0f} tokens/s", flush=True)
