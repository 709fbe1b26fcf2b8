"""Rule 1: the judges' seven probability features as log-odds in the verdict step. Replays the shipped feature set
on the shipped pipeline's pickles (reading.SHIPPED, re-pickled this session) with the features as they are and with
the seven as log(p / (1 - p)), p held to [EPS, 1 - EPS]; `eval fit`'s choice for each, scored on the five held-out
sets and pooled."""
import math
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
import pickled  # noqa: E402
import reading  # noqa: E402
from common import pooled  # noqa: E402

from eval import fitting  # noqa: E402
from service.decide import features as shipped_features  # noqa: E402

EPS = 0.001
PROBABILITIES = ("p_true", "p_false", "disagreement", "llm_disagreement", "llm_true", "llm_false", "llm_true_closest")


def logit(p: float) -> float:
    p = min(max(p, EPS), 1 - EPS)
    return math.log(p / (1 - p))


def as_log_odds(judgement, support):
    values = shipped_features(judgement, support)
    return {k: logit(v) if k in PROBABILITIES else v for k, v in values.items()}


base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
for label, compute in {"shipped": shipped_features, "log-odds": as_log_odds}.items():
    pickled.features = compute
    tune = reading.load(reading.SHIPPED["tune"])
    held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
    model = pickled.fit_and_report(label, tune, held, base)
    print(pooled(model, held), flush=True)
