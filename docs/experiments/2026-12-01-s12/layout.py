"""Cold cost of one LLM read, question after the evidence (shipped) against question before it.

For news tuning claims' first retrieved statements: how many tokens a cold read evaluates past what the
previous read left in the context, and how long the read takes, both layouts in one run, alternating.
Usage: python docs/experiments/2026-12-01-s12/layout.py [n]
"""

from __future__ import annotations

import json
import statistics
import string
import sys
import time
from pathlib import Path

from service.judge import _MARK, LlamaJudge, data
from service.llm import LocalLLM
from service.models import resolve_model
from service.prompts import ENTAIL, PROMPTS_DIR, QUESTION_FIRST, examples, render, split_system
from service.settings import Settings

# The user turn of each prompt file: prompts/entail.txt (before) and prompts/entail.txt (after).
AFTER, BEFORE = ((PROMPTS_DIR / f"{n}.txt").read_text().partition("\n---\n")[2].strip() for n in (ENTAIL, QUESTION_FIRST))


def main(n: int) -> None:
    settings = Settings()
    model = resolve_model(settings.model, settings.model_cache_dir)
    llm = LocalLLM(str(model.path), n_ctx=settings.n_ctx, n_threads=settings.n_threads, prefix_cache_mb=0)
    judge = LlamaJudge(llm, model.preset, model.sha256)
    system = split_system(render("entail", claim="x", evidence="y"))[0]
    claims = [json.loads(line) for line in Path("eval/data/news-dev-a.jsonl").read_text().splitlines()][:n]
    corpus = [json.loads(line) for line in Path("eval/data/news/articles.jsonl").read_text().splitlines()]
    sentences = [s for a in corpus for s in a["text"].split(". ") if len(s) > 60][: n * 2]
    cost: dict[str, list[float]] = {"after": [], "before": []}
    toks: dict[str, list[int]] = {"after": [], "before": []}
    for i, claim in enumerate(claims):
        for name, tpl in (("after", AFTER), ("before", BEFORE)) if i % 2 else (("before", BEFORE), ("after", AFTER)):
            turns = []
            for ex in examples("entail_examples"):
                q = string.Template(tpl).substitute(claim=ex["claim"], evidence=ex["evidence"])
                turns += [{"role": "user", "content": q}, {"role": "assistant", "content": ex["answer"]}]
            # warm the instructions and examples with an unrelated passage, as the service's context holds them
            for passage in (sentences[2 * i], sentences[2 * i + 1]):
                q = string.Template(tpl).substitute(claim=_MARK, evidence=data(passage))
                prompt = llm.render([system, *turns, {"role": "user", "content": q}])
                prefix, suffix = prompt.rsplit(_MARK, 1)
                cached = llm.llm.input_ids[: llm.llm.n_tokens].tolist()
                full = llm.tokenize(prefix) + llm.tokenize(data(claim["claim"]) + suffix)
                common = 0
                for a, b in zip(cached, full, strict=False):
                    if a != b:
                        break
                    common += 1
                start = time.perf_counter()
                llm.option_logprobs_split(prefix, data(claim["claim"]) + suffix, judge._options)
                if passage is sentences[2 * i + 1]:
                    cost[name].append(time.perf_counter() - start)
                    toks[name].append(len(full) - common)
    for name in cost:
        print(f"{name}: new tokens median {statistics.median(toks[name])}, read p50 {statistics.median(cost[name]):.3f} s, mean {statistics.mean(cost[name]):.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
