"""Rule 3d: `rule3d.py judge` pickles the shipped pipeline's judging of news-test-c (var/s23/shipped-news-test-c.pkl;
the number check plays no part in judging); `rule3d.py replay` replays `detail_conflict` with today's check
(service/checks.py) and with rule 3d's (shipped, then reverted: read from git) on the tuning pickle and the six
held-out sets, `eval fit`'s choice for each, pooled."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
sys.path.insert(0, "docs/experiments/2026-12-06-s23")
import aligned  # noqa: E402
import reading  # noqa: E402
from common import pooled  # noqa: E402

NEWS_TEST_C = "var/s23/shipped-news-test-c.pkl"  # what reading.judge("decisive", "var/s23/shipped", ...) writes


def judge():
    reading.judge("decisive", "var/s23/shipped", ["news-test-c"])


def replay():
    import pickled

    import service.checks
    import service.decide as decide
    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    paths = {**reading.SHIPPED, "news-test-c": NEWS_TEST_C}
    versions = {"shipped": service.checks.detail_conflicts, "3d": aligned.checks_of_rule_3d().detail_conflicts}
    for label, check in versions.items():
        decide.detail_conflicts = check
        tune = reading.load(paths["tune"])
        held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
        model = pickled.fit_and_report(label, tune, held, base)
        print(pooled(model, held), flush=True)


if __name__ == "__main__":
    judge() if sys.argv[1] == "judge" else replay()
