"""Rule 4's gate (README here): `eval fit`'s choice replayed on the shipped judging (session 23's pickles), with
`decide.confirming` as shipped (a statement the detail check finds in conflict may still confirm) and with rule 4
(it may not); CV on the tuning claims, each held-out set, and the pooled held-out accuracy. `rule4.py [PREFIX]` replays
PREFIX-SET.pkl instead (rule 2's judge). Measuring only."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
import judge_gate  # noqa: E402
import reading  # noqa: E402
from common import pooled  # noqa: E402

from service import decide  # noqa: E402
from service.checks import detail_conflicts  # noqa: E402

SHIPPED = decide.confirming


def rule4(judged, support, parts):
    """decide.confirming with rule 4: a statement in conflict with its claim part's number, date or title does not
    confirm it. The part's text is the judgement's (set by main for each example, as decide.features is called)."""
    return [j for j in SHIPPED(judged, support, parts) if not detail_conflicts(PARTS[j.part], j.hit.sentence.text)]


PARTS = []
_features = decide.features


def features(judgement, support):
    PARTS[:] = judgement.parts
    return _features(judgement, support)


def main(prefix=None):
    import pickled

    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    paths = judge_gate.SHIPPED if prefix is None else judge_gate.judged(prefix)
    predicted = {}
    pickled.features = features
    for label, rule in {"before rule 4": SHIPPED, "rule 4": rule4}.items():
        decide.confirming = rule
        held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
        model = pickled.fit_and_report(f"{prefix or 'shipped'} {label}", reading.load(paths["tune"]), held, base)
        print(pooled(model, held), flush=True)
        predicted[label] = {(n, e.claim.id): (e.claim.label, fitting._predict(model, e), e.claim.claim)
                            for n, examples in held.items() for e in examples}
    for key, (gold, old, text) in predicted["before rule 4"].items():
        new = predicted["rule 4"][key][1]
        if new != old:
            print(f"- {key[0]} gold {gold}: {old} -> {new}: {text}")


if __name__ == "__main__":
    main(*sys.argv[1:])
