"""Rule 3 (README here): `absent_words` added to the shipped feature set, replayed with `eval fit`'s choice on
session 16's tuning judging and scored on the five held-out sets, beside the shipped set on the same replay."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import pickled  # noqa: E402
import reading  # noqa: E402
import service.decide as decide  # noqa: E402
from eval import fitting, metrics  # noqa: E402
from index.lexical import tokens  # noqa: E402

CLOSEST = 3


def absent_words(judgement):
    """Share of the claim's content words that no article of its CLOSEST closest statements uses."""
    closest = sorted(judgement.judged, key=lambda j: j.relevance, reverse=True)[:CLOSEST]
    known = set().union(*(tokens(j.hit.article.text) for j in closest))
    words = tokens(judgement.claim)
    return sum(w not in known for w in words) / len(words) if words else 0.0


def main():
    shipped_features = decide.features
    pickled.features = lambda judgement, support: {**shipped_features(judgement, support),
                                                   "absent_words": absent_words(judgement)}
    tune = reading.load(reading.SHIPPED["tune"])
    held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
    base = fitting.FEATURE_SETS["judges+checks"]
    for label, chosen in {"shipped": base, "+absent_words": (*base, "absent_words")}.items():
        model = pickled.fit_and_report(label, tune, held, {label: chosen})
        right = sum(metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))
                    for examples in held.values() for e in examples)
        print(f"    pooled: {right} of {sum(len(v) for v in held.values())}", flush=True)


if __name__ == "__main__":
    main()
