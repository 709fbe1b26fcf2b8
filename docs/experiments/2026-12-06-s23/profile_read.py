"""Where a cold read of the 1.5B spends its time: cProfile over 11 reads of news tuning claims against their gold sentences, nothing saved between reads."""
import cProfile, pstats, json, sys
sys.argv = ["x"]
from pathlib import Path
from service.judge import LlamaJudge
from service.llm import LocalLLM
from service.models import resolve_model
path = resolve_model("qwen2.5-coder-1.5b", Path.home() / ".cache/claimcheck").path
llm = LocalLLM(str(path), prefix_cache_mb=0)
judge = LlamaJudge(llm, "qwen2.5-coder-1.5b", "")
pairs = [(r["claim"], r["evidence"][0]["text"]) for r in map(json.loads, open("eval/data/news-dev-a.jsonl")) if r["evidence"]][:12]
judge.read(*pairs[0][:1], [pairs[0][1]])
pr = cProfile.Profile(); pr.enable()
for c, e in pairs[1:]:
    judge.read(c, [e])
pr.disable()
pstats.Stats(pr).sort_stats("cumulative").print_stats(25)
