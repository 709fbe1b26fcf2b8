"""The 1.5B read through its head against its answer words, on the same judging (README here).
`head.py PREFIX NEWS_DEV_C`: PREFIX-{tune,test,news-test}.pkl and NEWS_DEV_C, judged with CLAIMS_LLM_HEAD=true
(each LLM reading keeps its answer words). For each reading of the LLM, `eval fit`'s choice on the tuning claims,
its CV by set and its figures on each held-out set, and its accuracy over the held-out sets pooled.
`--words-confirm`: the head only, a statement counting as confirmed by the LLM where its answer words give P(true)
>= 0.5 (README's follow-up). `--test-b PATH`: also the figures on test-b judged the same way (for information; not in
the pooled figure the rule reads)."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
import service.decide as decide  # noqa: E402
from eval import fitting, metrics  # noqa: E402


def load(path, words):
    examples = pickle.load(open(path, "rb"))
    return pickled.with_features(pickled.words_only(examples) if words else examples)


prefix, news_dev_c = sys.argv[1], sys.argv[2]
readings = (("answer words (default)", True), ("head", False))
if "--words-confirm" in sys.argv[3:]:
    def words_confirm(j):
        return j.llm is not None and (j.llm.words or j.llm).true >= decide.LLM_SUPPORT

    decide._llm_confirms = words_confirm
    readings = (("head, the answer words confirm", False),)
paths = {"tune": f"{prefix}-tune.pkl", "test": f"{prefix}-test.pkl", "news-test": f"{prefix}-news-test.pkl",
         "news-dev-c": news_dev_c}
if "--test-b" in sys.argv:
    paths["test-b"] = sys.argv[sys.argv.index("--test-b") + 1]
for label, words in readings:
    sets = {n: load(p, words) for n, p in paths.items()}
    held = {n: examples for n, examples in sets.items() if n != "tune"}
    model = pickled.fit_and_report(label, sets["tune"], held, fitting.feature_sets(head=not words))
    pooled = [e for n in ("test", "news-test", "news-dev-c") for e in held[n]]
    preds = [fitting._predict(model, e) for e in pooled]
    acc = metrics.accuracy([e.claim.label for e in pooled], [e.claim.also for e in pooled], preds)
    print(f"    pooled held-out accuracy ({len(pooled)} claims): {acc:.3f}", flush=True)
