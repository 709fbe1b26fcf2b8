"""Which features carry not_enough_info claims to `refuted`: the shipped configuration (`eval fit`'s choice on the
shipped tuning pickle), per set and per (gold, predicted) cell, the share of claims whose closest statement has a
detail conflict and the mean of llm_false, llm_true and the trained judge's p_false. `nei_refuted.py`."""
import sys

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading  # noqa: E402

from eval import fitting  # noqa: E402

CELLS = [("not_enough_info", "not_enough_info"), ("not_enough_info", "refuted"), ("refuted", "refuted"),
         ("refuted", "not_enough_info")]

tune = reading.load(reading.SHIPPED["tune"])
model, _ = fitting.fit_best(tune, {}, {"judges+checks": fitting.FEATURE_SETS["judges+checks"]})
for name in ["tune", "news-test", "news-test-b"]:
    examples = tune if name == "tune" else reading.load(reading.SHIPPED[name])
    cells = {}
    for e in examples:
        f = e.features[model.support]
        row = [f["detail_conflict"] > 0, f["llm_false"], f["llm_true"], f["p_false"]]
        cells.setdefault((e.claim.label, fitting._predict(model, e)), []).append(row)
    for cell in CELLS:
        v = np.array(cells.get(cell, [[0, 0, 0, 0]]), dtype=float)
        print(name, cell, len(cells.get(cell, [])), "detail_conflict share", v[:, 0].mean().round(2),
              "llm_false", v[:, 1].mean().round(2), "llm_true", v[:, 2].mean().round(2), "p_false", v[:, 3].mean().round(2))
