"""Rule 25's latency, read by read (reported): the head's read the old way (every claim token an output, with hidden
states on) against the shipped way (`option_logprobs_hidden`: the claim without outputs, its last token alone with
hidden states on), alternating pair by pair in one process, so the machine's drift between runs (1.3x this session)
falls on both alike. 60 written pairs, prefixes prepared, three rounds. Run at commit 3ae19fd, where
`option_logprobs_hidden` read the new way (taken back since: on main today both ways are the old one).
`PYTHONPATH=. python docs/experiments/2026-12-07-s36/read_bench.py` (var/s36/read-bench.log)."""

import statistics
import time

from judge import data
from service.judge import data as wrap
from service.loading import load_judge
from service.settings import Settings

j = load_judge(Settings(llm_head=False))
llm = j.llm
pairs = data.written_pairs(limit=60)


def old_way(prefix, suffix):
    head, tail = llm.tokenize(prefix), llm.tokenize(suffix)
    with llm.lock:
        llm._load_prefix(head)
        llm._llama_cpp.llama_set_embeddings(llm.llm.ctx, True)
        try:
            llm._eval(tail, every_output=True)
            return llm._last_logits(), llm._last_hidden()
        finally:
            llm._llama_cpp.llama_set_embeddings(llm.llm.ctx, False)


def main():
    prompts = [(lambda pre, suf: (pre, wrap(p.claim) + suf))(*j._split(p.evidence)) for p in pairs]
    for pre, _ in prompts:
        llm.ensure_prefix(pre)
    times = {"old": [], "new": []}
    for rnd in range(3):
        for i, (pre, suf) in enumerate(prompts):
            order = ("old", "new") if (i + rnd) % 2 else ("new", "old")
            for way in order:
                t = time.perf_counter()
                if way == "old":
                    old_way(pre, suf)
                else:
                    llm.option_logprobs_hidden(pre, suf, j._options, hidden=True)
                times[way].append(time.perf_counter() - t)
        print(f"round {rnd}: old {statistics.mean(times['old'][-60:]) * 1000:.0f} ms, new {statistics.mean(times['new'][-60:]) * 1000:.0f} ms", flush=True)
    ratios = [n / o for n, o in zip(times["new"], times["old"])]
    print(f"median read: old {statistics.median(times['old']) * 1000:.0f} ms, new {statistics.median(times['new']) * 1000:.0f} ms; median ratio new/old {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
