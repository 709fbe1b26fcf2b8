"""Rule 18 (README here): the detail check as shipped (a detail counts as contradicted only where no statement read
for the same part gives the claim's value) against `ordered` (only a statement at least as close to the claim as
the one giving another value may cancel it; session 32's `details.py screen`, tuning claims only, CV 0.729 against
0.728). Each fitted on session 31's judging of the tuning claims as `eval fit` chooses penalty and threshold, then
scored on the seven held-out sets (session 31's judging of six, session 32's of news-test-d), with the claims each
gets right that the other does not. `ordered.py`"""
import pickle
import sys

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s31", "docs/experiments/2026-12-07-s32"):
    sys.path.insert(0, folder)
from details import check  # noqa: E402
from joint import HELD  # noqa: E402
from pickled import fit_and_report, score, with_features  # noqa: E402

from eval import fitting, metrics  # noqa: E402

PICKLES = {**{n: f"var/s31/joint-{n}.pkl" for n in HELD}, "news-test-d": "var/s32/joint-news-test-d.pkl"}


def judged(path, form):
    examples = with_features(pickle.load(open(path, "rb")))
    if form == "ordered":
        for e in examples:
            value = check(e.judgement, "ordered")
            for values in e.features.values():
                values["detail_conflict"] = value
    return examples


def main():
    right = {}
    for form in ("contradicted", "ordered"):
        tune = judged("var/s31/joint-tune.pkl", form)
        held = {n: judged(p, form) for n, p in PICKLES.items()}
        model = fit_and_report(form, tune, held, {form: fitting.FEATURE_SETS["judges+checks"]})
        right[form] = {(n, e.claim.id) for n, x in held.items() for e in x
                       if metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))}
        pooled = sum(round(score(model, x)["acc"] * len(x)) for x in held.values())
        print(f"    held out pooled: {pooled} of {sum(len(x) for x in held.values())}", flush=True)
    print("ordered right, contradicted wrong:", sorted(right["ordered"] - right["contradicted"]))
    print("ordered wrong, contradicted right:", sorted(right["contradicted"] - right["ordered"]))


if __name__ == "__main__":
    main()
