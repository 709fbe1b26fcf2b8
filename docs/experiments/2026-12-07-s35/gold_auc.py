"""Rule 24's second bar (README here): AUC of P(true) - P(false), supported against refuted, on the sentences the
labeled claims cite (each supported or refuted claim's first gold passage, as session 34's rule 22 measured it), read
by the answer words, session 34's written head and the recipe's head (judge/heads/), from session 34's hidden states
of those passages (`var/s34/states/gold-*`; nothing is read again).

`PYTHONPATH=. python docs/experiments/2026-12-07-s35/gold_auc.py`"""

import json
import sys

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-07-s34")
from head_written import HELD, STATES, TUNING, WRITTEN_HEAD, gold_pairs  # noqa: E402

from eval.metrics import auc  # noqa: E402
from judge import head  # noqa: E402


class Nobody:
    def read_hidden(self, claim, passages):
        raise RuntimeError("session 34's states are missing for a gold passage")


def main():
    heads = {
        "session 34's written head": head.Head.from_json(json.loads(WRITTEN_HEAD.read_text())),
        "the recipe's head (shipped)": head.Head.from_json(
            json.loads(head.head_path("qwen2.5-coder-1.5b").read_text())
        ),
    }
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
            print(
                f"{name}: {label}: gold AUC {auc(list(s), list(r)):.4f} ({len(s)} supported, {len(r)} refuted)",
                flush=True,
            )


if __name__ == "__main__":
    main()
