"""A reading (README here): for held-out supported and refuted claims whose gold passage the LLM read, what the LLM
answered on it (its largest probability among true, false, neither) against whether the verdict was right, with the
shipped feature set fitted on the same judging (var/s31/joint-*.pkl)."""
import pickle
import sys
from collections import Counter

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-07-s31")
from eval import fitting, metrics  # noqa: E402
from joint import HELD, holds_gold  # noqa: E402
from pickled import with_features  # noqa: E402
from service import evidence  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else "var/s31/joint"
tune = with_features(pickle.load(open(f"{out}-tune.pkl", "rb")))
model, _ = fitting.fit_best(tune, {}, {"judges+checks": fitting.FEATURE_SETS["judges+checks"]})
table = Counter()
for name in HELD:
    for e in with_features(pickle.load(open(f"{out}-{name}.pkl", "rb"))):
        if e.claim.label not in ("supported", "refuted"):
            continue
        golds = [g.text for g in e.claim.evidence]
        read = [j for j in e.judgement.judged if j.llm is not None
                and any(holds_gold(evidence.passage(j.hit), g) for g in golds)]
        if not read:
            continue
        r = max((j.llm for j in read), key=lambda x: abs(x.true - x.false))
        answer = max((("true", r.true), ("false", r.false), ("neither", r.neither)), key=lambda x: x[1])[0]
        predicted = fitting._predict(model, e)
        ok = metrics.correct(e.claim.label, e.claim.also, predicted)
        table[(e.claim.label, answer, "right" if ok else f"wrong: {predicted}")] += 1
for key in sorted(table):
    print(f"{key[0]:10s} LLM answered {key[1]:8s} verdict {key[2]:28s} {table[key]:4d}")
