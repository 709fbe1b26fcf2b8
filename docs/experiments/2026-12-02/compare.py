"""The shipped cross-encoder against the reworded-pairs one, on the same tuning and test claims (pickled by
fit_pickle.py, the LLM read by its answer words as the default pipeline does): `eval fit`'s choice (fit_best over the
feature sets it compares without the head) and each feature set alone, CV on both tuning sets, then the test split.
Also how often a supported claim has some retrieved statement read false / true (the judge's known fault)."""
import json, pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01")
from eval import fitting
from pickled import score, with_features

def line(tag, model, te):
    m = model.meta
    f1 = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
    print(f"{tag:28s} s={model.support} l2={m['l2']} CV mean-F1 {f1:.3f} "
          + " ".join(f"{k} {v['accuracy']:.3f}/{v['macro_f1']:.3f}" for k, v in m["cv_by_set"].items()))
    print(f"{'':28s} TEST {json.dumps(score(model, te))}", flush=True)

def fault(examples, news):
    sup = [e for e in examples if e.claim.label == "supported" and (e.group == "news") == news]
    f = sum(any(j.trained.false > 0.5 for j in e.judgement.judged) for e in sup) / max(1, len(sup))
    t = sum(any(j.trained.true > 0.5 for j in e.judgement.judged) for e in sup) / max(1, len(sup))
    return f"{len(sup)} supported: some statement P(false)>0.5 {f:.0%}, P(true)>0.5 {t:.0%}"

sets = fitting.feature_sets(head=False)
for name in sys.argv[1:] or ("old", "new"):
    # pickled with the head off: the LLM's reading already is its answer words' (2026-12-01's words_only is for
    # pickles made with the head on, and would erase it here)
    tune = pickle.load(open(f"var/s13/tune-{name}.pkl", "rb"))
    test = pickle.load(open(f"var/s13/test-{name}.pkl", "rb"))
    assert any(j.llm is not None for e in tune for j in e.judgement.judged)
    with_features(tune + test)
    print(f"== {name}: seeds {fault(tune, False)}; news {fault(tune, True)}")
    model, _ = fitting.fit_best(tune, {}, sets)
    line(f"{name} fit_best ({model.meta.get('feature_set')})", model, test)
    for s, feats in sets.items():
        model, _ = fitting.fit_best(tune, {}, {s: feats})
        line(f"{name} {s}", model, test)
