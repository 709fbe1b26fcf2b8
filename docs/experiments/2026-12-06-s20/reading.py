"""The third rule's candidates (README here): which statements the local model reads. `reading.py VARIANT OUT SET...`
judges the sets as `make fit` does with `service.evidence.for_llm` replaced, pickled to OUT-SET.pkl (a set already
pickled is kept); `reading.py replay OUT_A OUT_B ...` fits each prefix's tuning pickle (and scores its held-out
pickles where they exist) against the shipped pipeline's pickles."""
import os
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
from service import evidence  # noqa: E402

SETS = {"tune": None, "test": ["eval/data/test.jsonl"], "news-test": ["eval/data/news-test.jsonl"],
        "news-dev-c": ["eval/data/news-dev-c.jsonl"], "test-b": ["eval/data/test-b.jsonl"],
        "news-test-b": ["eval/data/news-test-b.jsonl"],  # added in session 21
        "news-test-c": ["eval/data/news-test-c.jsonl"],  # added in session 23
        "news-test-d": ["eval/data/news-test-d.jsonl"],  # added in session 32
        "news-test-e": ["eval/data/news-test-e.jsonl"]}  # added in session 34


def confirming_first(judged, limit):
    """The statement the trained judge reads most true, then the best retrieved ones."""
    judged = [j for j in judged if not getattr(j, "quotes_claim", False)]
    first = max(judged, key=lambda j: j.trained.true, default=None)
    rest = [j for j in judged if j is not first]
    return ([first] if first else []) + rest[: max(0, limit - 1)]


def retrieved(judged, limit):
    """The best retrieved statements, in retrieval order."""
    return [j for j in judged if not getattr(j, "quotes_claim", False)][:limit]


VARIANTS = {"confirming-first": confirming_first, "retrieved": retrieved, "decisive": evidence.for_llm}


def judge(variant, out, sets):
    from fit_pickle import TUNING, judge_files, judges

    evidence.for_llm = VARIANTS[variant]
    loaded = judges()
    for name in sets:
        target = Path(f"{out}-{name}.pkl")
        if not target.exists():
            examples = judge_files(SETS[name] or TUNING, loaded, desc=name)
            pickle.dump(examples, open(f"{target}.part", "wb"))
            os.replace(f"{target}.part", target)
            print("saved", len(examples), target, flush=True)


def answer_words(examples):
    """The LLM's readings as its answer words gave them, where a pickle was judged with the head (test-b's)."""
    import pickled

    head = any(j.llm is not None and j.llm.words is not None for e in examples for j in e.judgement.judged)
    return pickled.words_only(examples) if head else examples


# The shipped pipeline's judging: session 16's pickles, session 18's of news-dev-c, session 19's of test-b (the head
# on, read by its answer words).
SHIPPED = {"tune": "var/s16/shipped-tune.pkl", "test": "var/s16/shipped-test.pkl",
           "news-test": "var/s16/shipped-news-test.pkl", "news-dev-c": "var/s18/news18-news-dev-c.pkl",
           "test-b": "var/s19/head-seeds-test-b97.pkl",
           "news-test-b": "var/s21/shipped-news-test-b.pkl"}  # session 21: `reading.py decisive var/s21/shipped news-test-b`


def files(prefix):
    """Each set's pickle of a judging: PREFIX-SET.pkl, or SHIPPED where the prefix is "shipped"."""
    return SHIPPED if prefix == "shipped" else {n: f"{prefix}-{n}.pkl" for n in SETS}


def load(path):
    """A pickled judging, read as the default pipeline reads it, with its features."""
    import pickled

    return pickled.with_features(answer_words(pickle.load(open(path, "rb"))))


def replay(prefixes):
    import pickled
    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for prefix in ["shipped", *prefixes]:
        paths = files(prefix)
        held = {n: load(p) for n, p in paths.items() if n != "tune" and Path(p).exists()}
        pickled.fit_and_report(prefix, load(paths["tune"]), held, base)

if __name__ == "__main__":
    if sys.argv[1] == "replay":
        replay(sys.argv[2:])
    else:
        judge(sys.argv[1], sys.argv[2], sys.argv[3:])
