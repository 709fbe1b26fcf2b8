"""Two judgings compared claim by claim over every labeled claim they both cover: the tuning claims out of fold (each
judging fitted by `eval fit`'s choice on the shipped feature set, `fitting.out_of_fold` with the chosen threshold and
penalty), the held-out claims by the weights fitted on all tuning claims. Prints, per set and pooled, the claims
only one of them gets right (B's gain is those only B gets right minus those only A gets), with a 90% interval from
resampling claims (seeded). `paired.py A_PREFIX B_PREFIX`; "shipped" names session 16, 18 and 19's pickles."""
import random
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-06-s20")
from eval import fitting, metrics  # noqa: E402
from reading import SETS, files, load  # noqa: E402

def right(prefix):
    """Per set, claim id -> whether the judging's verdict is right."""
    paths = files(prefix)
    tune = load(paths["tune"])
    model, _ = fitting.fit_best(tune, {}, {"judges+checks": fitting.FEATURE_SETS["judges+checks"]})
    oof = fitting.out_of_fold(tune, model.meta["l2"], model.support, model.features)
    out = {}
    for group in ("news", "seeds"):
        out[f"tune-{group}"] = {e.claim.id: metrics.correct(e.claim.label, e.claim.also, p)
                                for e, p in zip(tune, oof) if e.group == group}
    for name in SETS:
        if name != "tune" and Path(paths[name]).exists():
            out[name] = {e.claim.id: metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))
                         for e in load(paths[name])}
    return out


def interval(pairs, rounds=2000, seed=0):
    rng = random.Random(seed)
    gains = sorted(sum(b - a for a, b in (rng.choice(pairs) for _ in pairs)) for _ in range(rounds))
    return gains[int(0.05 * rounds)], gains[int(0.95 * rounds)]


def main(a, b):
    ra, rb = right(a), right(b)
    pooled = {"tuning": [], "held out": []}
    for name in ra:
        if name not in rb:
            continue
        pairs = [(int(ra[name][i]), int(rb[name][i])) for i in ra[name] if i in rb[name]]
        pooled["tuning" if name.startswith("tune") else "held out"] += pairs
        only_a = sum(x > y for x, y in pairs)
        only_b = sum(y > x for x, y in pairs)
        print(f"{name:<12} n={len(pairs):<4} only {a}: {only_a:<3} only {b}: {only_b:<3} gain {only_b - only_a:+d} "
              f"90% {interval(pairs)}")
    for name, pairs in pooled.items():
        if pairs:
            gain = sum(y - x for x, y in pairs)
            print(f"{name:<12} n={len(pairs):<4} gain {gain:+d} 90% {interval(pairs)}")
    both = pooled["tuning"] + pooled["held out"]
    print(f"{'all':<12} n={len(both):<4} gain {sum(y - x for x, y in both):+d} 90% {interval(both)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
