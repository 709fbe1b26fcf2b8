"""Out-of-fold confidences of the shipped configuration on the tuning claims (pickled, shipped judge): are they
over- or under-confident, and would one temperature (fitted out of fold) help? Measuring only."""
import pickle, sys
import numpy as np
sys.path.insert(0, "var/exp")
from eval import fitting, metrics
from service.decide import decide
from pickled import with_features, words_only
tune = pickle.load(open("var/s9/tune-head.pkl", "rb")); test = pickle.load(open("var/s9/test-head.pkl", "rb"))
tune, test = with_features(words_only(tune)), with_features(words_only(test))
names, l2, s = fitting.FEATURE_SETS["judges+checks"], 0.3, 0.3
fold = np.random.default_rng(0).permutation(len(tune)) % 5
out = [None] * len(tune)
for k in range(5):
    m = fitting._fit([e for e, f in zip(tune, fold) if f != k], names, l2, s)
    for i in np.flatnonzero(fold == k):
        o = decide(tune[i].judgement, m, tune[i].features[s]); out[i] = o
hits = [metrics.correct(e.claim.label, e.claim.also, o.label) for e, o in zip(tune, out)]
conf = [o.confidence for o in out]
print("CV acc", np.mean(hits), "mean conf", np.mean(conf), "ECE", metrics.ece(conf, hits))
for lo, hi, mem in metrics.reliability(conf, hits):
    if mem: print(f"  {lo:.1f}-{hi:.1f} n={len(mem)} acc={np.mean([hits[i] for i in mem]):.2f} conf={np.mean([conf[i] for i in mem]):.2f}")
for g in ("news", "seeds"):
    idx = [i for i, e in enumerate(tune) if e.group == g]
    print(g, "acc", np.mean([hits[i] for i in idx]), "conf", np.mean([conf[i] for i in idx]), "ECE", metrics.ece([conf[i] for i in idx], [hits[i] for i in idx]))
m = fitting._fit(tune, names, l2, s)
to = [decide(e.judgement, m, e.features[s]) for e in test]
th = [metrics.correct(e.claim.label, e.claim.also, o.label) for e, o in zip(test, to)]
print("TEST acc", np.mean(th), "conf", np.mean([o.confidence for o in to]), "ECE", metrics.ece([o.confidence for o in to], th))
# The ECE a perfectly calibrated service would show on 85 claims with these confidences (sampling noise alone).
rng = np.random.default_rng(0)
c = np.array([o.confidence for o in to])
sims = [metrics.ece(c.tolist(), (rng.random(len(c)) < c).tolist()) for _ in range(2000)]
print("perfectly calibrated, 85 claims: ECE mean %.3f, 90%% interval %.3f-%.3f" % (np.mean(sims), *np.percentile(sims, [5, 95])))
c = np.array(conf)
sims = [metrics.ece(c.tolist(), (rng.random(len(c)) < c).tolist()) for _ in range(2000)]
print("perfectly calibrated, 425 claims: ECE mean %.3f, 90%% interval %.3f-%.3f" % (np.mean(sims), *np.percentile(sims, [5, 95])))
