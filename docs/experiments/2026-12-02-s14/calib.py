"""Offline: would a temperature on the verdict probabilities make the confidence mean what it says? On the
pickled judging (policy and limit as argv, default today 2): `eval fit`'s choice; its out-of-fold probabilities
(the same 5 folds as the fit's CV); the temperature minimising their gold-label log-loss; ECE out of fold and on
the test split, before and after. Labels do not change (a temperature keeps every ordering). Measuring only."""
import pickle, sys
import numpy as np
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import policies
from replay import replay
from eval import fitting, metrics
from service.aggregate import LABELS, _softmax
from service.decide import choose

name, limit = (sys.argv[1], int(sys.argv[2])) if len(sys.argv) > 2 else ("today", 2)
tune, _ = replay(pickle.load(open("var/s14/tune.pkl", "rb")), policies.POLICIES[name], limit)
test, _ = replay(pickle.load(open("var/s14/test.pkl", "rb")), policies.POLICIES[name], limit)
model, _ = fitting.fit_best(tune, {}, fitting.feature_sets(head=False))
names, l2, s = model.features, model.meta["l2"], model.support


def logits(m, e):
    v = e.features[s]
    x = np.clip(np.array([v[f] for f in m.features]), m.low, m.high)
    return ((x - m.mean) / m.scale) @ m.coef + m.bias


def answers(rows, temperature):
    """(confidence, correct, gold log-prob) per example, as decide() answers."""
    out = []
    for z, e in rows:
        if not e.judgement.judged:
            out.append((0.9, e.claim.label == "not_enough_info" or "not_enough_info" in e.claim.also, 0.0))
            continue
        p = dict(zip(LABELS, _softmax(z / temperature)))
        label = choose(p, e.features[s]["p_true_sources"] > 0)
        hit = metrics.correct(e.claim.label, e.claim.also, label)
        out.append((p[label], hit, float(np.log(max(p[e.claim.label], 1e-12)))))
    return out


fold = np.random.default_rng(0).permutation(len(tune)) % 5
oof = [None] * len(tune)
for k in range(5):
    m = fitting._fit([e for e, f in zip(tune, fold) if f != k], names, l2, s)
    for i in np.flatnonzero(fold == k):
        oof[i] = (logits(m, tune[i]), tune[i])
on_test = [(logits(model, e), e) for e in test]
grid = np.round(np.arange(0.5, 4.01, 0.05), 2)
best = max(grid, key=lambda t: sum(a[2] for a in answers(oof, t)))
for t in (1.0, best):
    cv, te = answers(oof, t), answers(on_test, t)
    ece = lambda a: metrics.ece([c for c, _, _ in a], [h for _, h, _ in a])
    chance = metrics.ece_by_chance([c for c, _, _ in te])
    print(f"{name}@{limit} T={t}: CV ECE {ece(cv):.3f} (n={len(cv)}, acc {np.mean([h for _, h, _ in cv]):.3f}, "
          f"mean conf {np.mean([c for c, _, _ in cv]):.3f}, log-loss {-np.mean([g for *_, g in cv]):.3f})  "
          f"TEST ECE {ece(te):.3f} chance {chance['mean']:.3f} [{chance['p5']:.3f}-{chance['p95']:.3f}] "
          f"mean conf {np.mean([c for c, _, _ in te]):.3f} acc {np.mean([h for _, h, _ in te]):.3f}")
