"""Diagnostic after rule 5's gate (README here): the judging of PREFIX-SET.pkl with `eval fit`'s choice pinned to the
threshold and penalty of each cell of the grid `eval fit` searches (not chosen by CV), for the shipped judging and
PREFIX's: each cell's mean CV macro-F1 and pooled held-out accuracy. Measuring only: nothing is chosen by this script."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
import judge_gate  # noqa: E402
import reading  # noqa: E402
from common import pooled  # noqa: E402

from eval import fitting  # noqa: E402


def main(prefix):
    names = fitting.FEATURE_SETS["judges+checks"]
    candidates = {"shipped": judge_gate.SHIPPED, prefix: judge_gate.judged(prefix)}
    for label, paths in candidates.items():
        tune = reading.load(paths["tune"])
        held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
        rows = []
        for support in fitting.SUPPORTS:
            for l2 in fitting.PENALTIES:
                cv = fitting.cross_validate(tune, l2, support, names)["score"]
                rows.append((support, l2, round(cv, 4), pooled(fitting._fit(tune, names, l2, support), held)))
        for row in rows:
            print(label, *row, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
