"""Rule 21's stage 2 (README here): the candidate judge's judging of the tuning claims and the seven held-out sets
(PREFIX-SET.pkl, from `CLAIMS_JUDGE_DIR=... reading.py decisive PREFIX tune <sets>`), fitted as `eval fit` fits
(its feature sets, penalties and thresholds, on the tuning pickle), scored on each held-out set against the
shipped weights on the shipped judging (session 31's and 32's pickles), with the rule's verdict; where PREFIX-news-test-e.pkl exists (rule 23), also the fresh set, against the shipped
weights on this session's shipped judging of it (var/s34/shipped-news-test-e.pkl).
`stage2.py PREFIX [--head]` (--head: the LLM was read through a head; its answer words are feature sets too, as
`CLAIMS_LLM_HEAD=true eval fit` compares them)."""
import pickle
import sys
from pathlib import Path

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s31", "docs/experiments/2026-12-07-s33"):
    sys.path.insert(0, folder)
from pickled import fit_and_report, score, with_features  # noqa: E402
from qf import SETS, SHIPPED, right  # noqa: E402

from eval import fitting  # noqa: E402
from service import aggregate  # noqa: E402


def main(prefix, head=False):
    print("shipped: service/weights/qwen2.5-coder-1.5b.json on the shipped judging", flush=True)
    before = right("service/weights/qwen2.5-coder-1.5b.json", SHIPPED)
    tune = with_features(pickle.load(open(f"{prefix}-tune.pkl", "rb")))
    held = {n: with_features(pickle.load(open(f"{prefix}-{n}.pkl", "rb"))) for n in SETS}
    model = fit_and_report("candidate judge", tune, held, fitting.feature_sets(head=head))
    after = {n: round(score(model, x)["acc"] * len(x)) for n, x in held.items()}
    m = model.meta
    cv = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
    drops = {n: before[n] - after[n] for n in SETS}
    print(f"held out: {sum(after.values())} against {sum(before.values())}; per set {drops} (positive = lost); "
          f"CV {cv:.4f}", flush=True)
    passed = sum(after.values()) >= sum(before.values()) + 10 and max(drops.values()) <= 3 and cv >= 0.715
    fresh = Path(f"{prefix}-news-test-e.pkl")
    if fresh.exists():  # rule 23's fresh set: the candidate against the shipped weights on this session's judging
        shipped = aggregate.load(Path("service/weights/qwen2.5-coder-1.5b.json"))
        old = with_features(pickle.load(open("var/s34/shipped-news-test-e.pkl", "rb")))
        new = with_features(pickle.load(open(fresh, "rb")))
        old_figures, new_figures = score(shipped, old), score(model, new)
        old_right, new_right = round(old_figures["acc"] * len(old)), round(new_figures["acc"] * len(new))
        print(f"news-test-e: shipped {old_right} of {len(old)} {old_figures}", flush=True)
        print(f"news-test-e: candidate {new_right} of {len(new)} {new_figures}", flush=True)
        passed = passed and new_right >= old_right
    print("stage 2:", "passed" if passed else "failed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], "--head" in sys.argv[2:])
