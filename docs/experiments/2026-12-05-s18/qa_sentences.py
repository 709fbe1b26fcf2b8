"""HaluEval QA (a benchmark only), the trained judge reading the knowledge as the service reads an archive: each
sentence after the one before it, the highest P(true) over them, against `eval halueval`'s whole-paragraph reading.
Balanced accuracy at the citation thresholds 0.3 (the shipped weights') and 0.5; no threshold chosen on it.
`qa_sentences.py N` (N answers of eval.halueval's seeded sample, seed 0)."""
import sys

import numpy as np

from eval import halueval, metrics
from index.segment import sentences
from judge.model import CrossEncoderJudge
from service.judge import TrainedReader

reader = TrainedReader(CrossEncoderJudge())
rows = []
for item in halueval.sample(int(sys.argv[1]), 0):
    said = [s.of(item["knowledge"]) for s in sentences(item["knowledge"])]
    passages = [f"{a} {b}" if a else b for a, b in zip([None, *said[:-1]], said)]
    claim = halueval.claim_of(item)
    best = max(r.true for r in reader.read(claim, passages))
    whole = reader.read(claim, [item["knowledge"]])[0].true
    rows.append((item["truth"], best, whole, len(said)))
truth = [r[0] for r in rows]
for threshold in (0.3, 0.5):
    print(f"threshold {threshold}: sentence by sentence "
          f"{metrics.balanced_accuracy(truth, [r[1] >= threshold for r in rows]):.3f}, whole paragraph "
          f"{metrics.balanced_accuracy(truth, [r[2] >= threshold for r in rows]):.3f}")
print(f"mean highest P(true): right {np.mean([r[1] for r in rows if r[0]]):.3f}, hallucinated "
      f"{np.mean([r[1] for r in rows if not r[0]]):.3f}; sentences per knowledge {np.mean([r[3] for r in rows]):.2f}")
