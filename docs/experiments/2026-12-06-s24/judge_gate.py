"""Rule 2's gate (README here). `judge_gate.py pairs DIR`: the shipped cross-encoder and the one in DIR on the same
reserved-row pairs (rows 8000-8299): the shipped kinds, and the synonym pass's kinds. `judge_gate.py replay PREFIX`:
`eval fit`'s choice on the shipped judging (session 23's pickles) and on PREFIX-SET.pkl (judged with the new judge by
`reading.py decisive PREFIX SET...`), each scored on the held-out sets whose pickles exist, pooled. Measuring only."""
import json
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
import reading  # noqa: E402
from common import pooled  # noqa: E402

SHIPPED = {**reading.SHIPPED, "news-test-c": "var/s23/shipped-news-test-c.pkl"}


def judged(prefix):
    """The pickles `reading.py decisive PREFIX SET...` writes, one per set of SHIPPED."""
    return {n: f"{prefix}-{n}.pkl" for n in SHIPPED}


def verdicts(label, paths):
    """`eval fit`'s choice on the tuning pickle (reported under `label`), and under it each held-out claim's verdict:
    the model, and {(set, claim id): (example, verdict)}."""
    import pickled

    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
    model = pickled.fit_and_report(label, reading.load(paths["tune"]), held, base)
    return model, {(n, e.claim.id): (e, fitting._predict(model, e)) for n, examples in held.items() for e in examples}


def pairs(directory):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from judge import data
    from judge.model import MAX_TOKENS
    from judge.train import predict, scores

    sets = {"shipped kinds": data.held_out_pairs(300), "with synonyms": data.held_out_pairs(300, synonyms=1)}
    for name, d in {"shipped": Path("judge/weights"), "new": Path(directory)}.items():
        tok = AutoTokenizer.from_pretrained(str(d))
        model = AutoModelForSequenceClassification.from_pretrained(str(d)).float()
        for s, made in sets.items():
            print(name, s, json.dumps(scores(made, predict(model, tok, made, MAX_TOKENS))), flush=True)


def replay(prefix):
    import pickled

    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for label, paths in {"shipped": SHIPPED, prefix: judged(prefix)}.items():
        held = {n: reading.load(p) for n, p in paths.items() if n != "tune" and Path(p).exists()}
        model = pickled.fit_and_report(label, reading.load(paths["tune"]), held, base)
        print(pooled(model, held), flush=True)


if __name__ == "__main__":
    pairs(sys.argv[2]) if sys.argv[1] == "pairs" else replay(sys.argv[2])
