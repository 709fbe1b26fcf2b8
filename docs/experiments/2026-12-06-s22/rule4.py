"""Rule 4 (README here), before and after in one run. `rule4.py pairs PAIRS.jsonl`: how often detail_conflicts
fires by kind of pair, with session 21's checks (service/checks.py at 6ef753f, read from git) and
today's. `rule4.py verdicts`: the shipped weights' verdicts on every pickle with each, and `eval
fit`'s choice on the tuning judging with each."""
import collections
import json
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
import service.checks as after  # noqa: E402
from common import SESSION_21, module_at  # noqa: E402

before = module_at(SESSION_21, "service/checks.py")


def pairs(path):
    fired = {"before": collections.Counter(), "after": collections.Counter()}
    n = collections.Counter()
    for line in open(path, encoding="utf-8"):
        pair = json.loads(line)
        key = (pair["label"], pair["kind"])
        n[key] += 1
        for name, module in (("before", before), ("after", after)):
            fired[name][key] += bool(module.detail_conflicts(pair["claim"], pair["evidence"]))
    for key in sorted(n):
        b, a = fired["before"][key], fired["after"][key]
        print(f"{key[0]:8s} {key[1]:22s} pairs {n[key]:5d}  fires before {b:4d} ({b / n[key]:.1%})  after {a:4d} "
              f"({a / n[key]:.1%})")


def verdicts(versions=(("before", before), ("after", after))):
    from pathlib import Path

    import pickled
    import reading
    import service.decide as decide
    from eval import fitting, metrics
    from service.aggregate import load

    shipped = load(Path("service/weights/qwen2.5-coder-1.5b.json"))
    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for name, module in versions:
        decide.detail_conflicts = module.detail_conflicts
        print(f"== checks {name}", flush=True)
        tune = reading.load(reading.SHIPPED["tune"])
        held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
        right = 0
        for set_name, examples in {"tune": tune, **held}.items():
            preds = [fitting._predict(shipped, e) for e in examples]
            ok = sum(metrics.correct(e.claim.label, e.claim.also, p) for e, p in zip(examples, preds, strict=True))
            right += ok if set_name != "tune" else 0
            print(f"    shipped weights, {set_name}: {ok} of {len(examples)} right; {pickled.score(shipped, examples)}")
        print(f"    held out pooled: {right}", flush=True)
        pickled.fit_and_report(f"fit's choice, checks {name}", tune, held, base)


if __name__ == "__main__":
    pairs(sys.argv[2]) if sys.argv[1] == "pairs" else verdicts()
