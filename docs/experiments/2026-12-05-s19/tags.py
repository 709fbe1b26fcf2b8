"""Where the shipped verdict fails on the seed *tuning* claims, by tag: out-of-fold predictions of the shipped
configuration (`eval fit`'s folds, its feature set, threshold and penalty) on session 16's pickled judging, and
the accuracy of each tag of the seed claims, with the counts of its three commonest wrong answers. Read on tuning
claims only, so that test-b stays blind. `tags.py PREFIX`"""
import collections
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
from eval import fitting, metrics  # noqa: E402

tune = pickled.judged(f"{sys.argv[1]}-tune.pkl")
predicted = fitting.out_of_fold(tune, 0.3, 0.3, fitting.FEATURE_SETS["judges+checks"])
by_tag, wrong = collections.defaultdict(list), collections.defaultdict(collections.Counter)
for e, p in zip(tune, predicted):
    if e.group != "seeds":
        continue
    right = metrics.correct(e.claim.label, e.claim.also, p)
    for t in e.claim.tags or []:
        by_tag[t].append(right)
        if not right:
            wrong[t][f"{e.claim.label}->{p}"] += 1
for t, hits in sorted(by_tag.items(), key=lambda kv: sum(kv[1]) / len(kv[1])):
    print(f"{t:<20} {sum(hits) / len(hits):.2f} (n={len(hits)})  {dict(wrong[t].most_common(3))}")
