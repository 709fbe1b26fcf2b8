"""Rule 22 (README here): a head over the 1.5B's hidden state fitted on the written training claims, against the
1.5B's answer words and the shipped head, on the sentences the labeled claims cite.

`head_written.py collect`: hidden states (and the answer words' reading, same pass) of the 800 written pairs
(`written.py`'s, in its order) and of each supported or refuted claim's first gold passage in the tuning sets, then
the held-out sets (`eval gold`'s passages); chunks saved under var/s34/states/, so an interrupted run resumes.
`head_written.py fit`: the penalty chosen by 5-fold cross-validation over the written pairs with each article's
pairs held out together, the head fitted on all 800, and the AUC of P(true) - P(false) (supported against refuted)
of each reading on the tuning sets' and the held-out sets' gold passages, and writes the written head to
var/s34/head-written.json. `head_written.py judge PREFIX SET...`: rule 22's stage 2 judging, session 20's
`reading.py decisive` with the LLM read through the written head (CLAIMS_LLM_HEAD=true), pickled to PREFIX-SET.pkl."""
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-07-s34")
STATES = Path("var/s34/states")
WRITTEN_HEAD = Path("var/s34/head-written.json")
TUNING = ["dev", "dev2", "dev3", "news-dev-a", "news-dev-b"]
HELD = ["test", "test-b", "news-test", "news-dev-c", "news-test-b", "news-test-c", "news-test-d"]


def gold_pairs(names):
    """(label, Pair) for each supported or refuted claim of the sets with a gold passage found: its first."""
    from eval import claims as claims_io
    from eval import gold
    from eval.__main__ import _settings
    from index.encoder import SentenceTransformerEncoder
    from judge import data
    from service.loading import load_index

    out = []
    for name in names:
        path = Path(f"eval/data/{name}.jsonl")
        archive = _settings(None, path)
        index = load_index(archive, SentenceTransformerEncoder(archive.embedding_model))
        for c in claims_io.load(path):
            if c.label in gold.KEPT and c.evidence:
                found = gold.gold_passages(index, c)
                if found:
                    out.append((c.label, data.Pair(found[0], c.claim, "true", f"gold-{name}", 0)))
    return out


def collect():
    from tqdm import tqdm

    from judge import head
    from service.loading import load_judge
    from service.settings import Settings
    from written import pairs

    reader = load_judge(Settings(llm_head=False))
    written, _ = pairs()
    tuning, held = [p for _, p in gold_pairs(TUNING)], [p for _, p in gold_pairs(HELD)]
    with tqdm(total=len(written) + len(tuning) + len(held), desc="hidden states", unit="pair") as bar:
        head.collect(reader, written, STATES / "written", progress=bar.update)
        head.collect(reader, tuning, STATES / "gold-tuning", progress=bar.update)
        head.collect(reader, held, STATES / "gold-held", progress=bar.update)


def fit():
    from eval.metrics import auc
    from judge import head
    from written import pairs

    class Nobody:
        def read_hidden(self, claim, passages):
            raise RuntimeError("collect first")

    written, _ = pairs()
    train = head.collect(Nobody(), written, STATES / "written")
    cv = {l2: head.cross_validate(train.states, train.labels, train.rows, l2) for l2 in (10.0, 30.0, 100.0, 300.0,
                                                                                          1000.0)}
    l2 = max(cv, key=lambda p: (cv[p], p))
    new = head.fit(train.states, train.labels.tolist(), l2)
    shipped = head.Head.from_json(json.loads(head.head_path("qwen2.5-coder-1.5b").read_text()))
    new.card = {**shipped.card, "pairs": "written", "l2": l2, "cv_accuracy": round(cv[l2], 4),
                "note": "rule 22 (docs/experiments/2026-12-07-s34), not shipped"}
    head.save(new, WRITTEN_HEAD)
    print("cross-validated three-way accuracy on the written pairs:", {k: round(v, 3) for k, v in cv.items()},
          flush=True)
    for name, sets in (("tuning", TUNING), ("held out", HELD)):
        labelled = gold_pairs(sets)
        gold = head.collect(Nobody(), [p for _, p in labelled], STATES / ("gold-tuning" if name == "tuning" else
                                                                         "gold-held"))
        supported = np.array([label == "supported" for label, _ in labelled])
        readings = {
            "answer words": gold.true - gold.false,
            "shipped head (960 synthetic pairs)": (lambda p: p[:, 0] - p[:, 1])(shipped.probabilities(gold.states)),
            f"written head (800 written pairs, l2 {l2})": (lambda p: p[:, 0] - p[:, 1])(new.probabilities(gold.states)),
        }
        for reading, margin in readings.items():
            s, r = margin[supported], margin[~supported]
            print(f"{name}: {reading}: gold AUC {auc(list(s), list(r)):.4f} ({len(s)} supported, {len(r)} refuted); "
                  f"supported read true {(s > 0).mean():.2f}, refuted read false {(r < 0).mean():.2f}", flush=True)


def judge(prefix, sets):
    """The sets judged as session 20's reading.py judges them, the 1.5B read through the written head."""
    import os

    sys.path.insert(0, "docs/experiments/2026-12-06-s20")
    os.environ["CLAIMS_LLM_HEAD"] = "true"
    import reading

    from service import loading

    loading.heads.head_path = lambda preset, directory=None: WRITTEN_HEAD
    reading.judge("decisive", prefix, sets)


if __name__ == "__main__":
    {"collect": collect, "fit": fit, "judge": lambda: judge(sys.argv[2], sys.argv[3:])}[sys.argv[1]]()
