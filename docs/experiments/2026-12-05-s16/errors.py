"""Why the shipped weights get the news test claims wrong: for every wrong claim (pickled judging, PREFIX-news-test.pkl),
its features and each one's pull towards the label given against the gold label (coefficient times the
standardized value). Sums per feature over all wrong claims at the end. `errors.py PREFIX`."""
import collections
import pickle
import sys

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
from service import aggregate  # noqa: E402
from service.decide import decide  # noqa: E402

model = aggregate.load(aggregate.weights_path("qwen2.5-coder-1.5b", head=False))
examples = pickled.with_features(pickle.load(open(f"{sys.argv[1]}-news-test.pkl", "rb")))
labels = list(aggregate.LABELS)
total = collections.Counter()
pairs = collections.Counter()
for e in examples:
    values = e.features[model.support]
    out = decide(e.judgement, model, values)
    if out.label == e.claim.label or out.label in e.claim.also:
        continue
    pairs[(e.claim.label, out.label)] += 1
    x = np.clip(np.array([values[f] for f in model.features]), model.low, model.high)
    z = (x - model.mean) / model.scale
    pull = z * (model.coef[:, labels.index(out.label)] - model.coef[:, labels.index(e.claim.label)])
    top = sorted(zip(model.features, pull, x), key=lambda t: -t[1])[:4]
    total.update({f: p for f, p, _ in zip(model.features, pull, x)})
    print(f"{e.claim.id} {e.claim.label}->{out.label} " + "  ".join(f"{f}={v:.2f}({p:+.1f})" for f, p, v in top))
print(pairs)
print("summed pull towards the wrong label:", {f: round(v, 1) for f, v in total.most_common()})
