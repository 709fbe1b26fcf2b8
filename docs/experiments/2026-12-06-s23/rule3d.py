"""Rule 3d: `rule3d.py judge` pickles the shipped pipeline's judging of news-test-c (var/s23/shipped-news-test-c.pkl;
the number check plays no part in judging); `rule3d.py replay` replays `detail_conflict` with the shipped check
(service/checks.py at SHIPPED, read from git) and with today's service/checks.py (rule 3d's pairing) on the
tuning pickle and the six held-out sets, `eval fit`'s choice for each, pooled."""
import os
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
from common import module_at, pooled  # noqa: E402

SHIPPED = "eb9e92a"  # service/checks.py before rule 3d
RULE_3D = "d7405a2"  # rule 3d as shipped, then reverted (README); it imports service/roles.py: rerun at that commit
NEWS_TEST_C = "var/s23/shipped-news-test-c.pkl"


def judge():
    from fit_pickle import judge_files, judges

    if not Path(NEWS_TEST_C).exists():
        examples = judge_files(["eval/data/news-test-c.jsonl"], judges(), desc="news-test-c")
        pickle.dump(examples, open(f"{NEWS_TEST_C}.part", "wb"))
        os.replace(f"{NEWS_TEST_C}.part", NEWS_TEST_C)
        print("saved", len(examples), NEWS_TEST_C, flush=True)


def replay():
    import pickled
    import reading

    import service.decide as decide
    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    paths = {**reading.SHIPPED, "news-test-c": NEWS_TEST_C}
    versions = {"shipped": module_at(SHIPPED, "service/checks.py").detail_conflicts,
                "3d": module_at(RULE_3D, "service/checks.py").detail_conflicts}
    for label, check in versions.items():
        decide.detail_conflicts = check
        tune = reading.load(paths["tune"])
        held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
        model = pickled.fit_and_report(label, tune, held, base)
        print(pooled(model, held), flush=True)


if __name__ == "__main__":
    judge() if sys.argv[1] == "judge" else replay()
