"""Where a cold statement's time goes in the 1.5B judge: the tokens evaluated for the evidence prefix (instructions
and worked examples are kept from the previous prompt), saving its state, and the claim's suffix; 16 seed sentences
read one at a time against one claim. Measuring only."""
import time, statistics, glob
from eval.__main__ import _settings
from service.loading import load_judge
judge = load_judge(_settings(None))
llm = judge.llm
stats = {"prefix_eval": [], "new_tokens": [], "save": [], "suffix": [], "suffix_tokens": []}
o_eval, o_save, o_evalx = llm._eval_reusing_prefix, llm._save_sequence, llm._eval
def ev(tokens):
    cached = llm.llm.input_ids[: llm.llm.n_tokens].tolist()
    common = 0
    for a, b in zip(cached, tokens):
        if a != b: break
        common += 1
    stats["new_tokens"].append(len(tokens) - common)
    t = time.perf_counter(); o_eval(tokens); stats["prefix_eval"].append(time.perf_counter() - t)
def sv():
    t = time.perf_counter(); r = o_save(); stats["save"].append(time.perf_counter() - t); return r
def sx(tokens, every_output=False):
    t = time.perf_counter(); o_evalx(tokens, every_output); stats["suffix"].append(time.perf_counter() - t); stats["suffix_tokens"].append(len(tokens))
llm._eval_reusing_prefix, llm._save_sequence, llm._eval = ev, sv, sx
sents = []
for f in sorted(glob.glob("seeds/*.txt")):
    sents += [s.strip() + "." for s in open(f).read().split(". ") if 60 < len(s) < 220]
claim = "Putin and Witkoff met in Moscow for a five-hour meeting on Tuesday"
for s in sents[:16]:
    judge.read(claim, [s])
for k, v in stats.items():
    print(k, [round(x, 3) for x in v[1:9]], "median", round(statistics.median(v[1:]), 3))
print("prefix tokens total", len(llm.tokenize(judge._split(sents[3])[0])))
