"""The LLM reading one statement (the most decisive) instead of two, replayed on the pickled judging as replay.py
does; and the best "trained only" feature set (no LLM) among the fit's trials."""
import json, pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01"); sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import pickled, policies
from replay import replay
from eval import fitting
tune, r = replay(pickle.load(open("var/s14/tune.pkl", "rb")), policies.today, 1)
test, _ = replay(pickle.load(open("var/s14/test.pkl", "rb")), policies.today, 1)
model, trials = fitting.fit_best(tune, {}, fitting.feature_sets(head=False))
m = model.meta
print(r, m["feature_set"], model.support, m["l2"], json.dumps(m["cv_by_set"]), json.dumps(m["cv_recall"]))
print("TEST", json.dumps(pickled.score(model, test)))
t = max((t for t in trials if t["feature_set"] == "trained only"), key=lambda t: t["score"])
print("trained only best CV", round(t["score"], 3), {g: round(v["macro_f1"], 3) for g, v in t["groups"].items()})
