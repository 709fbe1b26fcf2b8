"""`detail_conflicts` as shipped (no value of a kind shared between the claim and the statement) against a stricter
rule (some value of the claim's missing from a statement that states values of that kind), replayed on session
16's pickled judging with `eval fit`'s choice; CV per tuning set, and with --held-out the test split and the news
test claims. `strict_details.py PREFIX [--held-out]`."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
import service.decide as decide  # noqa: E402
from eval import fitting  # noqa: E402
from service.checks import detail_conflicts, details, role_conflict  # noqa: E402


def strict(claim, evidence):
    c, e = details(claim), details(evidence)
    kinds = [k for k in c if c[k] and e[k] and c[k] - e[k]]
    return [*kinds, "role"] if role_conflict(claim, evidence) else kinds


prefix = sys.argv[1]
names = ("tune", "test", "news-test") if "--held-out" in sys.argv else ("tune",)
sets = {n: pickle.load(open(f"{prefix}-{n}.pkl", "rb")) for n in names}
for rule, check in (("shipped", detail_conflicts), ("strict", strict)):
    decide.detail_conflicts = check
    for examples in sets.values():
        pickled.with_features(examples)
    pickled.fit_and_report(rule, sets["tune"], {n: sets[n] for n in names[1:]}, fitting.feature_sets(head=False))
