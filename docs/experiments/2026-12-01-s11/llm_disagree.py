"""Does the local LLM's own reading of disagreement between articles find `conflicting` better? Extra features
computed on the pickled judged claims (the shipped judge; the LLM read by its answer words), `eval fit`'s
cross-validation per feature set, then the test split. From the repo root:
PYTHONPATH=docs/experiments/2026-12-01 .venv/bin/python docs/experiments/2026-12-01-s11/llm_disagree.py"""
import json
import os
import pickle

from eval import fitting
from pickled import score, with_features, words_only
from service.evidence import RELATED

TUNE = os.environ.get("TUNE", "var/s9/tune-head.pkl")
TEST = os.environ.get("TEST", "var/s9/test-head.pkl")


def extra(judgement):
    read = [j for j in judgement.judged if j.llm is not None and j.relevance >= RELATED]
    llm_disagree = 0.0
    mixed = 0.0  # the trained judge's P(true) on one article, the LLM's P(false) on another, and the reverse
    for a in read:
        for b in judgement.judged:
            if b is a or set(a.hit.sources) & set(b.hit.sources) or b.relevance < RELATED:
                continue
            if b.llm is not None:
                llm_disagree = max(llm_disagree, min(a.llm.true, b.llm.false))
            mixed = max(mixed, min(a.llm.true, b.trained.false), min(a.llm.false, b.trained.true))
    sources = {s for j in read for s in j.hit.sources}
    return {"llm_disagree": llm_disagree, "mixed_disagree": mixed, "llm_sources": float(len(sources))}


def main():
    tune, test = words_only(pickle.load(open(TUNE, "rb"))), words_only(pickle.load(open(TEST, "rb")))
    with_features(tune + test)
    for e in tune + test:
        more = extra(e.judgement)
        for values in e.features.values():
            values.update(more)
    base = fitting.FEATURE_SETS["judges+checks"]
    sets = {
        "judges+checks": base,
        "+llm_disagree": (*base, "llm_disagree"),
        "+mixed_disagree": (*base, "mixed_disagree"),
        "+both": (*base, "llm_disagree", "mixed_disagree"),
        "+both+sources": (*base, "llm_disagree", "mixed_disagree", "llm_sources"),
    }
    for name, names in sets.items():
        model, _ = fitting.fit_best(tune, {}, {name: names})
        m = model.meta
        f1 = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
        print(f"{name:18s} s={model.support} l2={m['l2']} CV mean-F1 {f1:.3f} "
              + " ".join(f"{k} {v['accuracy']:.3f}/{v['macro_f1']:.3f}" for k, v in m["cv_by_set"].items())
              + f" recall {m['cv_recall']}")
        print(f"{'':18s} TEST {json.dumps(score(model, test))}", flush=True)


if __name__ == "__main__":
    main()
