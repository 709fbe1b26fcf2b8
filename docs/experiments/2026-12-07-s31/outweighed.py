"""A reading (README here): the held-out supported claims whose cited sentence the LLM read as "true", split by the
verdict (right, or `refuted`): the mean of each feature the shipped feature set weighs, and its weight's pull
towards `refuted` against `supported` (coefficient difference on the standardised feature)."""
import sys

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-07-s31")
from eval import fitting  # noqa: E402
from joint import cited, held_out, shipped_fit  # noqa: E402
from service.aggregate import LABELS  # noqa: E402

model = shipped_fit("var/s31/joint")
groups = {"right": [], "refuted": []}
for e in held_out("var/s31/joint"):
    if e.claim.label != "supported":
        continue
    read = [j.llm for j in cited(e, [j for j in e.judgement.judged if j.llm is not None])]
    if not read or max(read, key=lambda r: abs(r.true - r.false)).true < 0.5:
        continue
    predicted = fitting._predict(model, e)
    key = "right" if predicted == "supported" else predicted if predicted in groups else None
    if key:
        groups[key].append(e.features[model.support])
pull = model.coef[:, LABELS.index("refuted")] - model.coef[:, LABELS.index("supported")]
print(f"support {model.support}; n right {len(groups['right'])}, n refuted {len(groups['refuted'])}")
print(f"{'feature':18s} {'right':>8s} {'refuted':>8s} {'pull':>7s}  (pull: towards refuted per standard deviation)")
for i, f in enumerate(model.features):
    means = [np.mean([v[f] for v in groups[k]]) for k in ("right", "refuted")]
    print(f"{f:18s} {means[0]:8.3f} {means[1]:8.3f} {pull[i]:7.2f}")
