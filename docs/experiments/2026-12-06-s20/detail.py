"""The rule's three candidates (README here), replayed on pickled judging: the LLM's confirmation checked against the
confirmed statement's numbers and dates. `detail.py SHIPPED NEWS_DEV_C TEST_B` (SHIPPED: the prefix of session 16's
pickles; TEST_B: a pickle judged with the head, read by its answer words as the default pipeline reads)."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
from eval import fitting  # noqa: E402
from service import decide  # noqa: E402
from service.checks import details  # noqa: E402

KINDS = ("number", "year", "weekday", "month", "relative")  # role_conflict's families are grown on the seeds


def differs(claim, evidence):
    """Whether the evidence states a number or date of a kind the claim states, and none of the claim's."""
    c, e = details(claim), details(evidence)
    return any(c[k] and e[k] and not c[k] & e[k] for k in KINDS)


def mark(examples):
    """Each judged statement marked with whether its numbers or dates differ from its claim part's."""
    for ex in examples:
        for j in ex.judgement.judged:
            j.differs = differs(ex.judgement.parts[j.part], j.hit.sentence.text)
    return examples


shipped_features = decide.features
shipped_confirms = decide._llm_confirms


def features(judgement, support):
    asked = [j for j in judgement.judged if j.llm is not None]
    return {
        **shipped_features(judgement, support),
        "llm_true_detail": max((j.llm.true for j in asked if j.differs), default=0.0),
        "llm_true_clean": max((j.llm.true for j in asked if not j.differs), default=0.0),
    }


def load(prefix, news_dev_c, test_b):
    tune = mark(pickle.load(open(f"{prefix}-tune.pkl", "rb")))
    held = {n: mark(pickle.load(open(f"{prefix}-{n}.pkl", "rb"))) for n in ("test", "news-test")}
    held["news-dev-c"] = mark(pickle.load(open(news_dev_c, "rb")))
    held["test-b"] = mark(pickled.words_only(pickle.load(open(test_b, "rb"))))
    return tune, held


def main(prefix, news_dev_c, test_b):
    pickled.features = features  # with_features reads features through the module
    tune, held = load(prefix, news_dev_c, test_b)
    base = fitting.FEATURE_SETS["judges+checks"]
    with_detail = (*base, "llm_true_detail")
    clean = tuple("llm_true_clean" if f == "llm_true" else f for f in with_detail)
    candidates = {"shipped": (base, False), "+llm_true_detail": (with_detail, False), "clean": (clean, False),
                  "clean+cite": (clean, True)}
    for label, (names, cite) in candidates.items():
        decide._llm_confirms = (lambda j: shipped_confirms(j) and not j.differs) if cite else shipped_confirms
        pickled.with_features(tune)
        for examples in held.values():
            pickled.with_features(examples)
        pickled.fit_and_report(label, tune, held, {label: names})


if __name__ == "__main__":
    main(*sys.argv[1:4])
