"""Offline, on the pickled judged claims of the shipped judge (var/s13/tune-old.pkl, test-old.pkl): would a
cross-article feature that also uses the LLM's reading help `conflicting`? Each variant is added to the shipped
feature set (judges+checks) and `eval fit`'s cross-validation rerun. Measuring only; nothing here ships."""
import json, pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled
from eval import fitting
from service import decide
from service.decide import RELATED

def _pairs(judged, read):
    best = 0.0
    related = [j for j in judged if j.relevance >= RELATED]
    for a in related:
        for b in related:
            if not set(a.hit.sources) & set(b.hit.sources):
                best = max(best, min(read(a)[0], read(b)[1]))
    return best

def either(j):  # the stronger of the two judges' readings, where the LLM read the statement
    t, f = j.trained.true, j.trained.false
    return (max(t, j.llm.true), max(f, j.llm.false)) if j.llm else (t, f)

def extra(judgement):
    parts = range(len(judgement.parts))
    return {
        "disagreement_either": max((_pairs(judgement.of_part(p), either) for p in parts), default=0.0),
        "both_sides": float(any(j.trained.true >= 0.3 for j in judgement.judged)
                            and any(j.trained.false >= 0.3 for j in judgement.judged)),
    }

base = pickled.features
pickled.features = lambda judgement, s: {**base(judgement, s), **extra(judgement)}
tune = pickled.with_features(pickle.load(open("var/s13/tune-old.pkl", "rb")))
test = pickled.with_features(pickle.load(open("var/s13/test-old.pkl", "rb")))
shipped = fitting.FEATURE_SETS["judges+checks"]
for name, feats in {"shipped": shipped, "+either": (*shipped, "disagreement_either"),
                    "+both_sides": (*shipped, "both_sides"),
                    "+both": (*shipped, "disagreement_either", "both_sides")}.items():
    model, _ = fitting.fit_best(tune, {}, {name: feats})
    m = model.meta
    f1 = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
    print(f"{name:12s} CV mean-F1 {f1:.3f} {json.dumps(m['cv_by_set'])} recall {json.dumps(m['cv_recall'])}")
    print(f"{'':12s} TEST {json.dumps(pickled.score(model, test))}", flush=True)
