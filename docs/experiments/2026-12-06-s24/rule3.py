"""Rule 3 (README here): `detail_conflict` replayed with service/checks.py and service/roles.py as committed (HEAD) and
as in the work tree, on session 23's pickles of the shipped judging; `eval fit`'s choice for each, pooled."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
import reading  # noqa: E402
from common import module_at, pooled  # noqa: E402

import service.checks  # noqa: E402  (the work tree's, bound to the work tree's roles.py)
import service.roles  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "HEAD"


def committed_checks():
    """service/checks.py at BASE with the service/roles.py of BASE."""
    here = sys.modules["service.roles"]
    sys.modules["service.roles"] = module_at(BASE, "service/roles.py")
    try:
        return module_at(BASE, "service/checks.py")
    finally:
        sys.modules["service.roles"] = here


def main():
    import pickled

    import service.decide as decide
    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    paths = {**reading.SHIPPED, "news-test-c": "var/s23/shipped-news-test-c.pkl"}
    old = committed_checks()
    versions = {BASE: old.detail_conflicts, "rule 3": service.checks.detail_conflicts}
    tune = reading.load(paths["tune"])
    held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
    moved = sum(old.detail_conflicts(e.judgement.parts[j.part], j.hit.sentence.text)
                != service.checks.detail_conflicts(e.judgement.parts[j.part], j.hit.sentence.text)
                for examples in [tune, *held.values()] for e in examples for j in e.judgement.judged)
    print(f"judged statements whose check moved: {moved}", flush=True)
    for label, check in versions.items():
        decide.detail_conflicts = check
        tune = pickled.with_features(tune)
        held = {n: pickled.with_features(v) for n, v in held.items()}
        model = pickled.fit_and_report(label, tune, held, base)
        print(pooled(model, held), flush=True)


if __name__ == "__main__":
    main()
