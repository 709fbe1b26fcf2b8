"""The trained judges averaged: the shipped judge's pickled judging (its retrieval and the LLM's readings), each
statement's trained reading replaced by the mean of the shipped judge's and the others' readings of the same
statement for the same claim part (j4 and j5 judged the same retrieved statements; the LLM read what the shipped
judge chose, so the LLM features are the shipped judging's). `eval fit`'s choice, CV, held-out sets.
`ensemble.py SHIPPED_PREFIX OTHER_PREFIX...`"""
import copy
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
from eval import fitting  # noqa: E402
from service.judge import Reading  # noqa: E402

names = ("tune", "test", "news-test")


def load(prefix):
    return {n: pickle.load(open(f"{prefix}-{n}.pkl", "rb")) for n in names}


shipped, others = load(sys.argv[1]), [load(p) for p in sys.argv[2:]]


def averaged(name, members):
    out = copy.deepcopy(shipped[name])
    readings = [{(e.claim.id, j.part, j.hit.key): j.trained for e in o[name] for j in e.judgement.judged}
                for o in members]
    missing = 0
    for e in out:
        for j in e.judgement.judged:
            found = [r[(e.claim.id, j.part, j.hit.key)] for r in readings if (e.claim.id, j.part, j.hit.key) in r]
            missing += len(found) < len(readings)
            if getattr(j, "quotes_claim", False):
                continue
            rs = [j.trained, *found]
            j.trained = Reading(sum(r.true for r in rs) / len(rs), sum(r.false for r in rs) / len(rs))
    print(f"  {name}: statements some judge did not read: {missing}", flush=True)
    return pickled.with_features(out)


chosen = fitting.FEATURE_SETS["judges+checks"]
for label, members in {"shipped": [], "mean of all": others,
                       **{f"mean with {p}": [o] for p, o in zip(sys.argv[2:], others)}}.items():
    sets = {n: averaged(n, members) for n in names}
    pickled.fit_and_report(label, sets["tune"], {n: sets[n] for n in names[1:]}, {label: chosen})
