"""What each judge answers on a claim's gold statement, where the LLM read it: for supported and refuted claims, the
LLM's and the trained judge's most probable answer (true, false, neither) on the first gold evidence sentence
among the statements the LLM read. `gold_answers.py [PREFIX]` (default "shipped"), every set pickled."""
import os
import pickle
import sys
from collections import Counter

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
from reading import answer_words, files  # noqa: E402


def answer(reading):
    return max([("true", reading.true), ("false", reading.false), ("neither", reading.neither)], key=lambda x: x[1])[0]


def is_gold(judged, gold):
    text = judged.hit.sentence.text.strip()
    return any(text in g or g in text for g in gold)


for name, path in files(sys.argv[1] if len(sys.argv) > 1 else "shipped").items():
    if not os.path.exists(path):
        continue
    llm = {"supported": Counter(), "refuted": Counter()}
    trained = {"supported": Counter(), "refuted": Counter()}
    for e in answer_words(pickle.load(open(path, "rb"))):
        if e.claim.label not in llm or not e.claim.evidence:
            continue
        gold = {ev.text.strip() for ev in e.claim.evidence}
        read = next((j for j in e.judgement.judged if j.llm is not None and is_gold(j, gold)), None)
        if read is not None:
            llm[e.claim.label][answer(read.llm)] += 1
            trained[e.claim.label][answer(read.trained)] += 1
    print(name, "LLM", {k: dict(v) for k, v in llm.items()}, "| trained", {k: dict(v) for k, v in trained.items()})
