"""Reported beside rule 25 (README here), comparative only: AUC of P(true) - P(false), supported against refuted, on
the sentences the labeled claims cite (each supported or refuted claim's first gold passage), read by heads given as
files, from session 34's hidden states of those passages (`var/s34/states/gold-*`, read the old way, every claim
token an output: the new heads are read on states a little unlike their own, so this compares heads, not readings).

`PYTHONPATH=. python docs/experiments/2026-12-07-s36/gold_auc.py NAME=HEAD.json ...`"""

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-07-s34")
from head_written import HELD, STATES, TUNING, gold_pairs  # noqa: E402

from eval.metrics import auc  # noqa: E402
from judge import head  # noqa: E402


class Nobody:
    def read_hidden(self, claim, passages):
        raise RuntimeError("session 34's states are missing for a gold passage")


def main(named):
    heads = {name: head.Head.from_json(json.loads(Path(p).read_text())) for name, p in (a.split("=") for a in named)}
    for name, sets, folder in (("tuning", TUNING, "gold-tuning"), ("held out", HELD, "gold-held")):
        labelled = gold_pairs(sets)
        gold = head.collect(Nobody(), [p for _, p in labelled], STATES / folder)
        supported = np.array([label == "supported" for label, _ in labelled])
        margins = {"answer words": gold.true - gold.false}
        for label, h in heads.items():
            p = h.probabilities(gold.states)
            margins[label] = p[:, 0] - p[:, 1]
        for label, margin in margins.items():
            s, r = margin[supported], margin[~supported]
            print(f"{name}: {label}: gold AUC {auc(list(s), list(r)):.4f} ({len(s)} supported, {len(r)} refuted)")


if __name__ == "__main__":
    main(sys.argv[1:])
