"""Same judged claims, three ways to read the LLM: its answer words only (the shipped pipeline), its head only,
both. CV on the tuning sets (fit_best restricted to each feature set), then the test split."""
import json, pickle, sys
sys.path.insert(0, "var/exp")
import os
PKL = os.environ.get("PKL", "var/s10")
from eval import fitting
from pickled import score, with_features, words_only
TUNE, TEST = os.environ.get("TUNE", "var/s10/tune.pkl"), os.environ.get("TEST", "var/s10/test.pkl")
tune, test = pickle.load(open(TUNE, "rb")), pickle.load(open(TEST, "rb"))
variants = {
    "words": (words_only(tune), words_only(test), ("judges", "judges+checks")),
    "head": (tune, test, tuple(fitting.FEATURE_SETS)),
}
for variant, (tu, te, sets) in variants.items():
    with_features(tu + te)
    for name in sets:
        model, _ = fitting.fit_best(tu, {}, {name: fitting.FEATURE_SETS[name]})
        m = model.meta
        f1 = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
        print(f"{variant:5s} {name:20s} s={model.support} l2={m['l2']} CV mean-F1 {f1:.3f} "
              + " ".join(f"{k} {v['accuracy']:.3f}/{v['macro_f1']:.3f}" for k, v in m["cv_by_set"].items())
              + f" recall {m['cv_recall']}")
        print(f"{'':27s} TEST {json.dumps(score(model, te))}", flush=True)
