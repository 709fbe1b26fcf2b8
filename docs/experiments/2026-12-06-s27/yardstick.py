"""How far a judge's held-out count moves, against the shipped judging, for each PREFIX given (judged by
`reading.py decisive PREFIX SET...` or `ensemble.py judge`): `eval fit`'s choice replayed on each side, then over the
770 held-out claims the count right, the claims gained and lost, a paired bootstrap of the difference (2,000
resamples of the claims, seed 0; the 5th and 95th percentiles) and the two-sided sign test over the claims that
changed from right to wrong or back. `yardstick.py [--against BASE] PREFIX...`: against BASE's judging instead of
the shipped one. Reading only."""
import sys
from math import comb

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
import judge_gate  # noqa: E402


def correctness(paths):
    """{(set, claim id): right?} under `eval fit`'s choice on the pickles' tuning judging."""
    from eval import metrics

    _, said = judge_gate.verdicts(str(paths["tune"]), paths)
    return {key: metrics.correct(e.claim.label, e.claim.also, verdict) for key, (e, verdict) in said.items()}


def sign_test(gained, lost):
    """Two-sided binomial p of so uneven a split of the changed claims, were either way equally likely."""
    n, k = gained + lost, min(gained, lost)
    return min(1.0, 2 * sum(comb(n, i) for i in range(k + 1)) / 2**n) if n else 1.0


def main(prefixes, base=None):
    shipped = correctness(judge_gate.judged(base) if base else judge_gate.SHIPPED)
    keys = sorted(shipped)
    old = np.array([shipped[k] for k in keys], dtype=int)
    rng = np.random.default_rng(0)
    draws = rng.integers(0, len(keys), size=(2000, len(keys)))
    for prefix in prefixes:
        other = correctness(judge_gate.judged(prefix))
        new = np.array([other[k] for k in keys], dtype=int)
        diff = new - old
        low, high = np.percentile(diff[draws].sum(axis=1), [5, 95])
        gained, lost = int((diff > 0).sum()), int((diff < 0).sum())
        print(f"{prefix}: {new.sum()} of {len(keys)} against {old.sum()} ({diff.sum():+d}); gained {gained}, lost "
              f"{lost}; paired bootstrap 90% {low:+.0f} to {high:+.0f}; sign test p {sign_test(gained, lost):.2f}",
              flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[2:], args[1]) if args[:1] == ["--against"] else main(args)
