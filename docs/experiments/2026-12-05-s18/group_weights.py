"""Each tuning set weighing alike in the verdict weights' fit (the rule is in this folder's README): every claim
weighted by 1 / (claims of its set), the weights scaled to sum to the number of claims (so the penalty means what it
meant), in `eval fit`'s choice, its cross-validation and the final fit. Replayed on the pickled judging:
A on the shipped tuning files, B with news-dev-c (`news_tuning.py judge` pickles), each against the held-out sets.
`group_weights.py SHIPPED_PREFIX NEWS18_PREFIX`"""
import collections
import sys

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
from eval import fitting  # noqa: E402
from service import aggregate  # noqa: E402


def group_fit(examples, names, l2, support):
    counts = collections.Counter(e.group for e in examples)
    raw = np.array([1.0 / counts[e.group] for e in examples])
    weights = raw * len(examples) / raw.sum()
    rows, labels = [e.features[support] for e in examples], [e.claim.label for e in examples]
    return aggregate.fit(rows, labels, names, l2=l2, support=support, weights=weights)


def main(shipped, news18):
    tune = pickled.judged(f"{shipped}-tune.pkl")
    seeds = [e for e in tune if e.group != "news"]
    news = {n: pickled.judged(f"{news18}-{n}.pkl") for n in ("news-dev-a", "news-dev-b", "news-dev-c")}
    held = {n: pickled.judged(f"{shipped}-{n}.pkl") for n in ("test", "news-test")}
    sets = fitting.feature_sets(head=False)
    pooled_fit = fitting._fit
    runs = [
        ("shipped fit (pooled)", pooled_fit, tune, {**held, "news-dev-c": news["news-dev-c"]}),
        ("A: sets alike", group_fit, tune, {**held, "news-dev-c": news["news-dev-c"]}),
        ("pooled, with c", pooled_fit, seeds + news["news-dev-a"] + news["news-dev-b"] + news["news-dev-c"], held),
        ("B: sets alike, with c", group_fit, seeds + news["news-dev-a"] + news["news-dev-b"] + news["news-dev-c"], held),
    ]
    for label, fit, examples, held_out in runs:
        fitting._fit = fit
        pickled.fit_and_report(label, examples, held_out, sets)
    fitting._fit = pooled_fit


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
