"""Where a warm verification's time goes on the seeds: the test split's claims verified once (their statements'
prompt states saved), then again under cProfile; prints the second pass's time per claim in retrieval, the trained
judge, the LLM and the rest. `warm_parts.py N` (the first N claims)."""
import cProfile
import json
import pstats
import sys
import time

from eval.__main__ import _settings
from service.loading import load_verifier

claims = [json.loads(line)["claim"] for line in open("eval/data/test.jsonl")][: int(sys.argv[1])]
verifier = load_verifier(_settings(None))
for claim in claims:
    verifier.verify(claim)
profile = cProfile.Profile()
started = time.perf_counter()
profile.enable()
for claim in claims:
    verifier.verify(claim)
profile.disable()
total = time.perf_counter() - started
stats = pstats.Stats(profile)
print(f"{len(claims)} claims warm: {total / len(claims):.3f} s a claim")
for name in ("_retrieve", "read", "option_logprobs_split", "_restore_sequence", "decode", "decide", "cite"):
    rows = [(k, v) for k, v in stats.stats.items() if k[2] == name]
    for (path, line, func), (calls, _, tottime, cumtime, _) in rows:
        print(f"  {func} ({path.split('/')[-1]}:{line}): {cumtime / len(claims):.3f} s a claim, {calls / len(claims):.1f} calls")
