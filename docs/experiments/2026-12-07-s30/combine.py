"""A reading, no rule: on the tuning claims' cited sentences, does the trained judge's margin or the share of the
claim's words the passage holds add to the local 1.5B's margin? 5-fold cross-validated logistic regression, folds
drawn with seed 0, over the claims both `eval gold` runs read.

`combine.py LLM_DIR TRAINED_DIR`: the folders of `python -m eval gold --judge llm` and `python -m eval gold`."""

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from eval import metrics


def rows(folder):
    lines = (Path(folder) / "readings.jsonl").read_text(encoding="utf-8").splitlines()
    return {(r["set"], r["id"]): r for r in map(json.loads, lines) if r["found"]}


def main(llm_dir, trained_dir):
    llm, trained = rows(llm_dir), rows(trained_dir)
    keys = sorted(llm.keys() & trained.keys())
    y = np.array([llm[k]["label"] == "supported" for k in keys])
    columns = {
        "llm": [llm[k]["true"] - llm[k]["false"] for k in keys],
        "trained": [trained[k]["true"] - trained[k]["false"] for k in keys],
        "words": [llm[k]["word_recall"] for k in keys],
    }
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    print(f"{len(keys)} claims, {int(y.sum())} supported")
    for names in (["llm"], ["trained"], ["words"], ["llm", "words"], ["llm", "trained"], ["llm", "trained", "words"]):
        x = np.column_stack([columns[n] for n in names])
        p = cross_val_predict(LogisticRegression(), x, y, cv=folds, method="predict_proba")[:, 1]
        right = float(((p >= 0.5) == y).mean())
        print(f"{' + '.join(names):24s} accuracy {right:.3f}  AUC {metrics.auc(list(p[y]), list(p[~y])):.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
