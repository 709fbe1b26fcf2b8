"""Rule 16 (README here): the detail check counts a statement that gives another number, date or weekday than the
claim only where no statement retrieved for the same part gives the claim's own.

`details.py rates PICKLE` prints, per tuning set and label, how often each form of the check fires and its mean.
`details.py replay OUT` fits the shipped feature set and the rule's two variants on session 31's judging of the
tuning claims (OUT-tune.pkl), as `eval fit` chooses penalty and threshold, and scores each held-out pickle.
`details.py fresh OUT PICKLE` (rule 17) fits the shipped form and the two others the same way and scores the fresh
set's judging (PICKLE), printing which claims each form gets right that the shipped one does not, and the reverse.
`details.py screen PICKLE` (after rule 17, tuning claims only) prints the CV of contradicted and ordered."""
import pickle
import sys
from collections import defaultdict

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s31"):
    sys.path.insert(0, folder)
from service.checks import _by_kind as keyed  # noqa: E402  (what rule 16's runs used, moved into the service)
from service.checks import _compared as compared  # noqa: E402
from service.roles import role_conflict  # noqa: E402

FORMS = ("shipped", "contradicted", "disputed", "ordered")


def check(judgement, form):
    """The detail check's value, the relevance of the closest statement it fires on, in one of three forms:
    `shipped` (decide.features' detail_conflict: another value of a detail the claim gives, or another title);
    `contradicted` (the same, but a detail that another statement retrieved for the same part gives as the claim
    does no longer counts); `disputed` (only those details: the archive gives both the claim's value and another);
    `ordered` (screened after rule 17, on tuning claims only: as contradicted, but only a statement at least as close
    to the claim cancels)."""
    by_part = defaultdict(list)
    for j in judgement.judged:
        by_part[j.part].append(j)
    value = 0.0
    for part, judged in by_part.items():
        claim = judgement.parts[part]
        said = keyed(claim)
        rows = [(j, *compared(said, keyed(j.hit.sentence.text))) for j in judged]
        given = set().union(*(alike for _, _, alike in rows))
        for j, other, _ in rows:
            if form == "ordered":
                other = other - set().union(*(a for k, _, a in rows if k is not j and k.relevance >= j.relevance))
            if form == "disputed":
                fires = bool(other & given)
            else:
                other = other - given if form == "contradicted" else other
                fires = bool(other) or role_conflict(claim, j.hit.sentence.text)
            if fires:
                value = max(value, j.relevance)
    return value


def rates(path):
    examples = pickle.load(open(path, "rb"))
    for form in FORMS:
        table = defaultdict(lambda: [0, 0, 0.0])
        for e in examples:
            v = check(e.judgement, form)
            row = table[(e.group, e.claim.label)]
            row[0], row[1], row[2] = row[0] + 1, row[1] + (v > 0), row[2] + v
        print(form)
        for (group, label), (n, fired, total) in sorted(table.items()):
            print(f"    {group:6s} {label:16s} fires on {fired:3d} of {n:3d}, mean {total / n:.3f}")


def screen(path):
    """The CV of contradicted and ordered on the tuning claims' judging (`eval fit`'s choice, the shipped set)."""
    from eval import fitting
    from pickled import with_features

    for form in ("contradicted", "ordered"):
        examples = with_features(pickle.load(open(path, "rb")))
        for e in examples:
            value = check(e.judgement, form)
            for values in e.features.values():
                values["detail_conflict"] = value
        model, _ = fitting.fit_best(examples, {}, {form: fitting.FEATURE_SETS["judges+checks"]})
        by_set = model.meta["cv_by_set"]
        mean = sum(v["macro_f1"] for v in by_set.values()) / len(by_set)
        print(f"{form}: mean CV macro-F1 {mean:.4f} {by_set} {model.meta['cv_recall']}", flush=True)


def with_checks(examples, form):
    """The examples with detail_conflict in the given form, and (form "split") detail_disputed beside it."""
    for e in examples:
        conflict = check(e.judgement, "shipped" if form == "shipped" else "contradicted")
        disputed = check(e.judgement, "disputed")
        for values in e.features.values():
            values["detail_conflict"] = conflict
            if form == "split":
                values["detail_disputed"] = disputed
    return examples


def replay(out):
    from eval import fitting
    from joint import HELD
    from pickled import fit_and_report, score, with_features

    shipped = fitting.FEATURE_SETS["judges+checks"]
    runs = {"shipped": shipped, "contradicted": shipped, "split": (*shipped, "detail_disputed")}
    for form, names in runs.items():
        tune = with_checks(with_features(pickle.load(open(f"{out}-tune.pkl", "rb"))), form)
        held = {n: with_checks(with_features(pickle.load(open(f"{out}-{n}.pkl", "rb"))), form) for n in HELD}
        model = fit_and_report(form, tune, held, {form: names})
        right = sum(round(score(model, x)["acc"] * len(x)) for x in held.values())
        print(f"    held out pooled: {right} of {sum(len(x) for x in held.values())}", flush=True)


def fresh(out, path):
    from eval import fitting, metrics
    from pickled import fit_and_report, with_features

    shipped = fitting.FEATURE_SETS["judges+checks"]
    runs = {"shipped": shipped, "contradicted": shipped, "split": (*shipped, "detail_disputed")}
    right = {}
    for form, names in runs.items():
        tune = with_checks(with_features(pickle.load(open(f"{out}-tune.pkl", "rb"))), form)
        claims = with_checks(with_features(pickle.load(open(path, "rb"))), form)
        model = fit_and_report(form, tune, {"fresh": claims}, {form: names})
        right[form] = {e.claim.id for e in claims
                       if metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))}
        print(f"    right: {len(right[form])} of {len(claims)}", flush=True)
    for form in ("contradicted", "split"):
        print(form, "right, shipped wrong:", sorted(right[form] - right["shipped"]))
        print(form, "wrong, shipped right:", sorted(right["shipped"] - right[form]))


if __name__ == "__main__":
    {"rates": lambda: rates(sys.argv[2]), "replay": lambda: replay(sys.argv[2]),
     "fresh": lambda: fresh(sys.argv[2], sys.argv[3]), "screen": lambda: screen(sys.argv[2])}[sys.argv[1]]()
