"""The LLM reading one statement (the most decisive) instead of two, replayed on the pickled judging as replay.py
does; and the best "trained only" feature set (no LLM) among the fit's trials."""
import pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01"); sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import policies
from replay import fit_and_report, replay
from eval import fitting
tune, r = replay(pickle.load(open("var/s14/tune.pkl", "rb")), policies.today, 1)
test, _ = replay(pickle.load(open("var/s14/test.pkl", "rb")), policies.today, 1)
_, trials = fit_and_report(f"today@1 read {r:.2f}/claim", tune, test, fitting.feature_sets(head=False))
t = max((t for t in trials if t["feature_set"] == "trained only"), key=lambda t: t["score"])
print("trained only best CV", round(t["score"], 3), {g: round(v["macro_f1"], 3) for g, v in t["groups"].items()})
