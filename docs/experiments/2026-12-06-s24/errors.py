"""Where the shipped verdict step goes wrong: `eval fit`'s choice replayed on the tuning pickle (today's tree, rule 3d's
check), then every held-out set's confusion and each wrong claim with the features it was decided on. Reading only:
nothing here is tuned."""
import sys
from collections import Counter

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading  # noqa: E402

SHOWN = ("relevance", "p_true", "p_false", "disagreement", "llm_disagreement", "llm_true", "llm_false",
         "detail_conflict", "unknown_names")


def main():
    import pickled

    from eval import fitting, metrics

    paths = {**reading.SHIPPED, "news-test-c": "var/s23/shipped-news-test-c.pkl"}
    tune = reading.load(paths["tune"])
    held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
    model = pickled.fit_and_report("shipped", tune, held, {"judges+checks": fitting.FEATURE_SETS["judges+checks"]})
    for name, examples in held.items():
        confusion = Counter()
        print(f"\n## {name}")
        for e in examples:
            predicted = fitting._predict(model, e)
            confusion[(e.claim.label, predicted)] += 1
            if metrics.correct(e.claim.label, e.claim.also, predicted):
                continue
            f = e.features[model.support]
            shown = " ".join(f"{k}={f[k]:.2f}" for k in SHOWN if k in f)
            print(f"- gold {e.claim.label} got {predicted}: {e.claim.claim}\n    {shown}")
        print("confusion (gold -> predicted):", dict(sorted(confusion.items())))


if __name__ == "__main__":
    main()
