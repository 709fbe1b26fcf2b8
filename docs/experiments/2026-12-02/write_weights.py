"""The default verdict weights `make fit` writes, from the tuning claims it judges, pickled by fit_pickle.py with the
shipped judge (var/s13/tune-old.pkl): the features recomputed by today's service/decide.py, the same fit_best over
the same feature sets, the same meta. Judging is unchanged by a new feature, so this is `make fit` less its 13
minutes of judging; overwrites service/weights/qwen2.5-coder-1.5b.json. `write_weights.py [PICKLE]` reads another
pickle of the same judging (session 16: var/s16/shipped-tune.pkl, from 2026-12-05-s16/pickle_sets.py)."""
import json, pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01")
from eval import fitting
from eval.__main__ import _settings, fit_meta
from service import aggregate
from service.loading import load_judge, load_reader, load_verifier
from pickled import TUNING, with_features
examples = with_features(pickle.load(open(sys.argv[1] if len(sys.argv) > 1 else "var/s13/tune-old.pkl", "rb")))
base = _settings(None)
judges = (load_reader(base), load_judge(base))
assert judges[1].head is None
verifier = load_verifier(_settings(None, __import__("pathlib").Path(TUNING[0])), fitted=False, judges=judges)
meta = fit_meta(judges, base.embedding_model, verifier.llm_statements, TUNING)
model, trials = fitting.fit_best(examples, meta, fitting.feature_sets(head=False))
out = aggregate.weights_path(judges[1].preset, head=False)
aggregate.save(model, out)
for t in trials:
    sets = "  ".join(f"{g} {v['accuracy']:.3f}/{v['macro_f1']:.3f}" for g, v in t["groups"].items())
    print(f"{t['feature_set']:<14} support={t['support']:<4} l2={t['l2']:<4} CV accuracy/macro-F1: {sets}")
print(out, model.meta["feature_set"], model.support, model.meta["l2"], json.dumps(model.meta["cv_by_set"]),
      json.dumps(model.meta["cv_recall"]))
