"""The local LLM reading 1, 2 or 3 statements a claim, simulated on the pickled judged claims (the shipped
judge; LLM read by its answer words): the readings of the statements it would not read are dropped, the verdict
weights refitted by `eval fit`'s cross-validation, then the test split scored. From the repo root:
PYTHONPATH=docs/experiments/2026-12-01:docs/experiments/2026-12-01-s11 .venv/bin/python .../fewer_reads.py"""
import copy
import json
import os
import pickle

from eval import fitting
from pickled import score, with_features, words_only
from service.evidence import for_llm

TUNE = os.environ.get("TUNE", "var/s9/tune-head.pkl")
TEST = os.environ.get("TEST", "var/s9/test-head.pkl")


def reading(examples, limit):
    out = copy.deepcopy(examples)
    for e in out:
        judgement = e.judgement
        if not judgement.judged:
            continue
        kept = {id(j) for j in for_llm(judgement.of_part(judgement.weakest_part()), limit)}
        for j in judgement.judged:
            if id(j) not in kept:
                j.llm = None
    return out


tune0, test0 = words_only(pickle.load(open(TUNE, "rb"))), words_only(pickle.load(open(TEST, "rb")))
for limit in (3, 2, 1):
    tune, test = reading(tune0, limit), reading(test0, limit)
    with_features(tune + test)
    names = fitting.FEATURE_SETS["judges+checks"]
    model, _ = fitting.fit_best(tune, {}, {"judges+checks": names})
    m = model.meta
    f1 = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
    read = sum(sum(j.llm is not None for j in e.judgement.judged) for e in test) / len(test)
    print(f"{limit} statements ({read:.2f} read a test claim) s={model.support} CV mean-F1 {f1:.3f} "
          + " ".join(f"{k} {v['accuracy']:.3f}/{v['macro_f1']:.3f}" for k, v in m["cv_by_set"].items()))
    print(f"   TEST {json.dumps(score(model, test))}", flush=True)
