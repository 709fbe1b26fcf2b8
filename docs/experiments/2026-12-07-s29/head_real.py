"""Rule 9 (README here): a head over the 1.5B's hidden state fitted on rule 8's real pairs, against its answer words
and the shipped head, on the tuning claims' gold statements.

`head_real.py collect`: hidden states of 600 of var/s29/new.jsonl's pairs and of the gold statements (resumable, in
var/s29/states/). `head_real.py fit`: the heads and the AUCs. Measuring only."""
import json
import pickle
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-07-s29")

OUT = Path("var/s29")
PER_LABEL = 200


def training_pairs():
    from judge import data
    from mil import read_pairs

    pairs = read_pairs(OUT / "new.jsonl")
    rng = random.Random(0)
    picked = [p for label in data.LABELS for p in rng.sample([p for p in pairs if p.label == label], PER_LABEL)]
    rng.shuffle(picked)
    return picked


def gold_pairs():
    """(label, Pair) for each supported or refuted tuning claim's first gold statement."""
    from gold_reading import gold_statements
    from judge import data
    from reading import files
    from service.evidence import passage

    claims = gold_statements(pickle.load(open(files("shipped")["tune"], "rb")))
    return [(c.label, data.Pair(passage(hits[0].hit), c.claim, "true", "gold", 0)) for c, hits in claims]


def collect():
    from tqdm import tqdm

    from judge import head
    from service.loading import load_judge
    from service.settings import Settings

    reader = load_judge(Settings(llm_head=False))
    train, gold = training_pairs(), [p for _, p in gold_pairs()]
    with tqdm(total=len(train) + len(gold), desc="hidden states", unit="pair") as bar:
        head.collect(reader, gold, OUT / "states" / "gold", progress=bar.update)
        head.collect(reader, train, OUT / "states" / "train", progress=bar.update)


def fit():
    from gold_reading import auc
    from judge import head

    class Nobody:
        def read_hidden(self, claim, passages):
            raise RuntimeError("collect first")

    train = head.collect(Nobody(), training_pairs(), OUT / "states" / "train")
    labelled = gold_pairs()
    gold = head.collect(Nobody(), [p for _, p in labelled], OUT / "states" / "gold")
    supported = np.array([label == "supported" for label, _ in labelled])
    cv = {l2: head.cross_validate(train.states, train.labels, train.rows, l2) for l2 in (10.0, 30.0, 100.0, 300.0, 1000.0)}
    l2 = max(cv, key=lambda p: (cv[p], p))
    new = head.fit(train.states, train.labels.tolist(), l2)
    shipped = json.loads(head.head_path("qwen2.5-coder-1.5b").read_text())
    shipped = head.Head.from_json(shipped)
    readings = {
        "answer words": gold.true - gold.false,
        "shipped head (960 synthetic pairs)": (lambda p: p[:, 0] - p[:, 1])(shipped.probabilities(gold.states)),
        f"new head (600 real pairs, l2 {l2})": (lambda p: p[:, 0] - p[:, 1])(new.probabilities(gold.states)),
    }
    print("cross-validated three-way accuracy on the 600:", {k: round(v, 3) for k, v in cv.items()}, flush=True)
    for name, margin in readings.items():
        s, r = margin[supported], margin[~supported]
        print(f"{name}: gold AUC {auc(s, r):.3f} ({len(s)} supported, {len(r)} refuted); supported read true "
              f"{(s > 0).mean():.2f}, refuted read false {(r < 0).mean():.2f}", flush=True)


if __name__ == "__main__":
    {"collect": collect, "fit": fit}[sys.argv[1]]()
