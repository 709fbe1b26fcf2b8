"""Rule 26 B: a head over each tapped tensor, fitted as `judge.head.train` fits one (L2 penalty chosen from the
recipe's five by grouped CV, whole articles held out), its CV, and the reserved-row pairs (reported, not chosen on).

    PYTHONPATH=. python docs/experiments/2026-12-08-s37/layers_cv.py var/s37/layers > var/s37/layers-cv.log
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from judge.data import held_out_pairs, written_pairs
from judge.head import HeadRecipe, balanced, chunk_path, cross_validate, fit
from judge.train import scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect_layers import NAMES


def states(work: Path, pairs: list) -> np.ndarray:
    parts = []
    for start in range(0, len(pairs), 60):
        with np.load(chunk_path(work, start, pairs[start : start + 60])) as saved:
            parts.append(saved["states"])
    return np.concatenate(parts)


def main(tapped: Path) -> None:
    pairs, held = written_pairs(), balanced(held_out_pairs(300), 360, 2)
    train, test = states(tapped / "written", pairs), states(tapped / "held_out", held)
    labels, groups = np.array([p.label for p in pairs]), np.array([p.row for p in pairs])
    penalties = HeadRecipe("", "", "", "").penalties
    results = {}
    for i, name in enumerate(NAMES):
        cv = {l2: cross_validate(train[:, i], labels, groups, l2) for l2 in penalties}
        l2 = max(cv, key=lambda p: (cv[p], p))
        head = fit(train[:, i], labels.tolist(), l2)
        held_scores = scores(held, head.probabilities(test[:, i]))
        results[name] = {"cv": {str(k): round(v, 4) for k, v in cv.items()}, "l2": l2, "held_out": held_scores}
        print(
            f"{name:12s} CV {cv[l2]:.4f} (l2 {l2:g}) | reserved pairs: three-way {held_scores['accuracy']:.4f}, "
            f"balanced {held_scores['balanced_accuracy_true']:.4f}",
            flush=True,
        )
    (tapped / "layers-cv.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
