"""The detail check's two forms for another preset, on one judging: `preset.py MODEL OUT.pkl` judges the tuning claims
as `make fit MODEL=...` does (once, pickled to OUT.pkl; kept if it exists) and prints `eval fit`'s choice over the
feature sets with the detail check as shipped before session 32 and as contradicted."""
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-07-s32")
from details import with_checks  # noqa: E402  (puts 2026-12-01 on the path, whose fit_pickle.py is another script)
from pickled import with_features  # noqa: E402

sys.path.insert(0, "docs/experiments/2026-12-02")  # its fit_pickle.py: make fit's judging
from fit_pickle import TUNING, judge_files, judges  # noqa: E402

from eval import fitting  # noqa: E402


def judged(model, out):
    if not Path(out).exists():
        pickle.dump(judge_files(TUNING, judges(model), desc=model, model=model), open(out, "wb"))


if __name__ == "__main__":
    model, out = sys.argv[1], sys.argv[2]
    judged(model, out)
    for form in ("shipped", "contradicted"):
        examples = with_checks(with_features(pickle.load(open(out, "rb"))), form)
        chosen, _ = fitting.fit_best(examples, {}, fitting.feature_sets(head=False))
        m = chosen.meta
        mean = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
        print(f"{form}: {m['feature_set']} s={chosen.support} l2={m['l2']} mean CV F1 {mean:.3f} {m['cv_by_set']}",
              flush=True)
