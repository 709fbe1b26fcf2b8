"""Session 31's reading again, before and after the shipped change: of the held-out supported claims whose cited
sentence the LLM read as "true" (session 31's judging), how many each shipped weights answer `supported` and how
many `refuted`. `outweighed_after.py BEFORE AFTER` (the weights files, as shipped.py)."""
import pickle
import sys
from collections import Counter
from pathlib import Path

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s31", "docs/experiments/2026-12-07-s32"):
    sys.path.insert(0, folder)
from details import with_checks  # noqa: E402
from joint import HELD, cited  # noqa: E402
from pickled import with_features  # noqa: E402

from eval import fitting  # noqa: E402
from service import aggregate  # noqa: E402


def read_true(e):
    read = [j.llm for j in cited(e, [j for j in e.judgement.judged if j.llm is not None])]
    return bool(read) and max(read, key=lambda r: abs(r.true - r.false)).true >= 0.5


for label, path, form in (("before", sys.argv[1], "shipped"), ("after", sys.argv[2], "contradicted")):
    model = aggregate.load(Path(path))
    verdicts = Counter()
    for n in HELD:
        for e in with_checks(with_features(pickle.load(open(f"var/s31/joint-{n}.pkl", "rb"))), form):
            if e.claim.label == "supported" and read_true(e):
                verdicts[fitting._predict(model, e)] += 1
    print(label, sum(verdicts.values()), dict(verdicts))
