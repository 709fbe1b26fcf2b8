"""Before and after rule 17 shipped, in one run: the shipped weights before (`BEFORE`, session 24's, with the detail
check as it was) and after (`AFTER`, refitted by `make fit` with the contradicted check) applied to session 31's
judging of the six held-out sets and session 32's of news-test-d; accuracy, macro-F1, recall and ECE per set, and
the pooled count. `shipped.py BEFORE AFTER`."""
import pickle
import sys
from pathlib import Path

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s31", "docs/experiments/2026-12-07-s32"):
    sys.path.insert(0, folder)
from details import with_checks  # noqa: E402
from joint import HELD  # noqa: E402
from pickled import score, with_features  # noqa: E402

from service import aggregate  # noqa: E402

PICKLES = {**{n: f"var/s31/joint-{n}.pkl" for n in HELD}, "news-test-d": "var/s32/joint-news-test-d.pkl"}


def main(before, after):
    for label, path, form in (("before", before, "shipped"), ("after", after, "contradicted")):
        model = aggregate.load(Path(path))
        right = total = 0
        print(label, path, model.meta["feature_set"], model.support, model.meta["l2"], flush=True)
        for name, p in PICKLES.items():
            claims = with_checks(with_features(pickle.load(open(p, "rb"))), form)
            figures = score(model, claims)
            right += round(figures["acc"] * len(claims))
            total += len(claims)
            print(f"    {name}: {figures}", flush=True)
        print(f"    pooled: {right} of {total}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
