"""Rule 6 (README here): the shipped judge and the seed-1 judge, their probabilities averaged.

`ensemble.py pairs`: the shipped judge, the seed-1 judge and their average on the same reserved-row pairs (rows
8000-8299, the shipped kinds), with the seed-1 judge's distance from the shipped one pair by pair.
`ensemble.py judge PREFIX SET...`: the sets judged as `make fit` judges them (`reading.py decisive`), with the
ensemble as the trained judge, pickled to PREFIX-SET.pkl. Measuring only."""
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")

MEMBERS = [Path("judge/weights"), Path("var/s27/judge-seed1/out")]


class Averaged:
    """The CrossEncoderJudge interface over several judges: the mean of their probabilities."""

    def __init__(self, directories):
        from judge.model import CrossEncoderJudge

        self.members = [CrossEncoderJudge(d) for d in directories]
        self.card = self.members[0].card
        self.name = "+".join(m.name for m in self.members)
        self.sha256 = hashlib.sha256("".join(m.sha256 for m in self.members).encode()).hexdigest()

    def probabilities(self, claim, passages):
        return np.mean([m.probabilities(claim, passages) for m in self.members], axis=0)


def pairs():
    from judge import data
    from judge.model import MAX_TOKENS, CrossEncoderJudge
    from judge.train import predict, scores

    made = data.held_out_pairs(300)
    probs = {}
    for d in MEMBERS:
        judge = CrossEncoderJudge(d)
        probs[str(d)] = predict(judge.model, judge.tokenizer, made, MAX_TOKENS)
    probs["average"] = np.mean(list(probs.values()), axis=0)
    for name, p in probs.items():
        print(name, json.dumps(scores(made, p)), flush=True)
    a, b = (probs[str(d)] for d in MEMBERS)
    print("seed 1 against shipped: argmax differs on", int((a.argmax(1) != b.argmax(1)).sum()), "of", len(made),
          "pairs; mean |P(true) difference|", round(float(np.abs(a[:, 0] - b[:, 0]).mean()), 4), flush=True)


def judge(prefix, sets):
    import fit_pickle
    import reading

    from service.judge import TrainedReader

    fit_pickle.load_reader = lambda settings: TrainedReader(Averaged(MEMBERS))
    reading.judge("decisive", prefix, sets)


if __name__ == "__main__":
    pairs() if sys.argv[1] == "pairs" else judge(sys.argv[2], sys.argv[3:])
