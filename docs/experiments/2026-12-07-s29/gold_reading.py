"""How each trained judge reads the tuning claims' gold statements: for supported and refuted claims whose gold
evidence sentence was among the judged statements, the trained judge's most probable answer on it, and the area
under the ROC curve of P(true) - P(false), supported against refuted. `--llm`: on the claims where the local LLM read
a gold statement, both judges' AUC there and a 5-fold logistic regression's accuracy on both margins and on the
LLM's alone. Tuning pickles only (no held-out claim is read). `gold_reading.py [--llm] PREFIX...` ("shipped" for the
shipped judging). Reading only."""
import pickle
import sys
from collections import Counter

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
from reading import files  # noqa: E402

from eval.metrics import auc  # noqa: E402  (mil.py and head_real.py import it from here)

KEPT = ("supported", "refuted")


def answer(reading):
    return max([("true", reading.true), ("false", reading.false), ("neither", reading.neither)], key=lambda x: x[1])[0]


def is_gold(judged, gold):
    text = judged.hit.sentence.text.strip()
    return any(text in g or g in text for g in gold)


def gold_statements(examples, llm=False):
    """(claim, its gold statements among the judged ones: all, or those the LLM read) for supported and refuted
    claims with gold evidence."""
    for e in examples:
        if e.claim.label in KEPT and e.claim.evidence:
            gold = {ev.text.strip() for ev in e.claim.evidence}
            hits = [j for j in e.judgement.judged if is_gold(j, gold) and (j.llm is not None or not llm)]
            if hits:
                yield e.claim, hits


def trained(prefix):
    answers = {k: Counter() for k in KEPT}
    margin = {k: [] for k in KEPT}
    for claim, hits in gold_statements(pickle.load(open(files(prefix)["tune"], "rb"))):
        best = max(hits, key=lambda j: abs(j.trained.true - j.trained.false))
        answers[claim.label][answer(best.trained)] += 1
        margin[claim.label].append(best.trained.true - best.trained.false)
    share = {k: {a: round(n / sum(v.values()), 2) for a, n in sorted(v.items())} for k, v in answers.items()}
    print(f"{prefix}: supported {share['supported']} (n {sum(answers['supported'].values())}); refuted "
          f"{share['refuted']} (n {sum(answers['refuted'].values())}); AUC "
          f"{auc(margin['supported'], margin['refuted']):.3f}", flush=True)


def with_llm(prefix):
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    rows, truth = [], []
    for claim, hits in gold_statements(pickle.load(open(files(prefix)["tune"], "rb")), llm=True):
        j = hits[0]
        rows.append([j.trained.true - j.trained.false, j.llm.true - j.llm.false])
        truth.append(claim.label == "supported")
    x, y = np.array(rows), np.array(truth)
    accuracy = {n: cross_val_score(LogisticRegression(), x[:, c], y, cv=5).mean() for n, c in
                {"both": [0, 1], "llm": [1]}.items()}
    print(f"{prefix}: {len(y)} claims; AUC trained {auc(x[y, 0], x[~y, 0]):.3f}, LLM {auc(x[y, 1], x[~y, 1]):.3f}; "
          f"5-fold accuracy both {accuracy['both']:.3f}, LLM alone {accuracy['llm']:.3f}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    for p in args[1:] if args[:1] == ["--llm"] else args:
        (with_llm if args[:1] == ["--llm"] else trained)(p)
