"""A diagnostic for issue 11's ECE target (README here): is the verdict's confidence over- or under-confident, and
would one temperature on the verdict step's logits, fitted on the tuning claims' out-of-fold verdicts only, bring each
held-out set's ECE down? Replayed on the shipped judging (session 23's pickles) at the shipped fit (threshold 0.3,
penalty 1.0). Verdicts do not change with a temperature (the most probable label stays the most probable), only the
confidence. Measuring only: nothing here ships."""
import sys

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
import judge_gate  # noqa: E402
import reading  # noqa: E402

from eval import fitting, metrics  # noqa: E402
from service.aggregate import LABELS  # noqa: E402

NAMES = fitting.FEATURE_SETS["judges+checks"]
SUPPORT, L2 = 0.3, 1.0


def confidence(model, example, label, temperature):
    """The verdict's confidence with the verdict step's logits divided by `temperature`: the log of the fitted
    probabilities differs from the logits by a constant, which the softmax cancels."""
    if not example.judgement.judged:
        return 0.9  # as pickled.score: a claim nothing was retrieved for
    z = np.log(list(model.probabilities(example.features[model.support]).values())) / temperature
    p = np.exp(z - z.max())
    return float(p[LABELS.index(label)] / p.sum())


def readings(model, examples):
    """(verdict, hit) per claim under `model`."""
    out = []
    for e in examples:
        label = fitting._predict(model, e)
        out.append((e, model, label, metrics.correct(e.claim.label, e.claim.also, label)))
    return out


def ece(rows, temperature):
    return metrics.ece([confidence(m, e, label, temperature) for e, m, label, _ in rows], [h for *_, h in rows])


def log_loss(rows, temperature):
    total = 0.0
    for e, m, label, hit in rows:
        c = min(max(confidence(m, e, label, temperature), 1e-6), 1 - 1e-6)
        total -= np.log(c if hit else 1 - c)
    return total / len(rows)


def main():
    tune = reading.load(judge_gate.SHIPPED["tune"])
    held = {n: reading.load(p) for n, p in judge_gate.SHIPPED.items() if n != "tune"}
    fold = np.random.default_rng(0).permutation(len(tune)) % 5
    oof = []
    for k in range(5):
        model = fitting._fit([e for e, f in zip(tune, fold) if f != k], NAMES, L2, SUPPORT)
        oof += readings(model, [e for e, f in zip(tune, fold) if f == k])
    grid = [round(t, 2) for t in np.arange(0.5, 2.01, 0.05)]
    best = min(grid, key=lambda t: log_loss(oof, t))
    hits = np.mean([h for *_, h in oof])
    mean_conf = np.mean([confidence(m, e, label, 1.0) for e, m, label, _ in oof])
    print(f"tuning out-of-fold: accuracy {hits:.3f}, mean confidence {mean_conf:.3f}, ECE {ece(oof, 1.0):.3f} at T=1, "
          f"{ece(oof, best):.3f} at T={best} (fitted by log-loss)")
    full = fitting._fit(tune, NAMES, L2, SUPPORT)
    for name, examples in held.items():
        rows = readings(full, examples)
        acc = np.mean([h for *_, h in rows])
        conf = np.mean([confidence(m, e, label, 1.0) for e, m, label, _ in rows])
        print(f"{name}: accuracy {acc:.3f}, mean confidence {conf:.3f}, ECE {ece(rows, 1.0):.3f} -> "
              f"{ece(rows, best):.3f} at T={best}")


if __name__ == "__main__":
    main()
