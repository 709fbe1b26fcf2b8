"""Rule 1 (README here). `mutual.py read`: session 19's reverse readings (`var/s19/reverse.pkl`) copied to
`var/s22/reverse.pkl`, with those of news-test-b's statements added. `mutual.py replay`: the shipped set and the
declared candidate fitted by `eval fit`'s choice on the shipped tuning judging and scored on the five held-out
sets."""
import pickle
import shutil
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-05-s19")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import pickled  # noqa: E402
import reading  # noqa: E402
import reverse  # noqa: E402
import service.decide as decide  # noqa: E402

OUT = "var/s22/reverse.pkl"


def read():
    if not Path(OUT).exists():
        shutil.copy("var/s19/reverse.pkl", OUT)
    reverse.read(OUT, list(reading.SHIPPED.values()))


def replay():
    from eval import fitting, metrics

    readings = pickle.load(open(OUT, "rb"))
    shipped_features = decide.features

    def features(judgement, support):
        mutual = (min(j.trained.false, readings[(judgement.parts[j.part], j.hit.sentence.text)][1])
                  for j in judgement.judged)
        return {**shipped_features(judgement, support), "p_false_mutual": max(mutual, default=0.0)}

    pickled.features = features
    tune = reading.load(reading.SHIPPED["tune"])
    held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
    base = fitting.FEATURE_SETS["judges+checks"]
    for label, chosen in {"shipped": base, "+p_false_mutual": (*base, "p_false_mutual")}.items():
        model = pickled.fit_and_report(label, tune, held, {label: chosen})
        right = sum(metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))
                    for examples in held.values() for e in examples)
        print(f"    pooled: {right} of {sum(len(v) for v in held.values())}", flush=True)


if __name__ == "__main__":
    {"read": read, "replay": replay}[sys.argv[1]]()
