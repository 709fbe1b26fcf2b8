"""Rule 5 (README here), before (`checks_rule4.py`, service/checks.py as rule 4 shipped it) and after in one run.
`rule5.py pairs`: sentences of training rows 0-4499 with an amount such as "£14m", claimed with the scale written
out and with the figure doubled; how often detail_conflicts fires. `rule5.py verdicts`: the shipped weights on every
pickle with each version, and `eval fit`'s choice on the tuning judging with each."""
import importlib.util
import re
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import service.checks as after  # noqa: E402
from judge.data import read_rows, split_sentences  # noqa: E402

spec = importlib.util.spec_from_file_location("checks_rule4", "docs/experiments/2026-12-06-s22/checks_rule4.py")
before = importlib.util.module_from_spec(spec)
spec.loader.exec_module(before)

AMOUNT = re.compile(r"([£$€])(\d+(?:\.\d+)?)(bn|m|k)\b")
WORDS = {"bn": "billion", "m": "million", "k": "thousand"}


def pairs():
    counts = {(kind, name): 0 for kind in ("same", "doubled") for name in ("before", "after")}
    n = 0
    for _, record in read_rows(range(0, 4500)):
        for sentence in split_sentences(record["document"]):
            match = AMOUNT.search(sentence)
            if not match:
                continue
            n += 1
            sign, figure, abbr = match.groups()
            doubled = f"{float(figure) * 2:g}"
            for kind, value in (("same", figure), ("doubled", doubled)):
                claim = sentence[: match.start()] + f"{sign}{value} {WORDS[abbr]}" + sentence[match.end():]
                for name, module in (("before", before), ("after", after)):
                    counts[kind, name] += bool(module.detail_conflicts(claim, sentence))
    print(f"{n} sentences with an amount such as '£14m' (training rows 0-4499)")
    for (kind, name), fired in counts.items():
        print(f"  the amount {kind:8s} with its scale written out, checks {name:6s}: fires on {fired} ({fired / n:.1%})")


def verdicts():
    import pickled
    import reading
    import service.decide as decide
    from eval import fitting, metrics
    from service.aggregate import load

    shipped = load(Path("service/weights/qwen2.5-coder-1.5b.json"))
    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for name, module in (("before", before), ("after", after)):
        decide.detail_conflicts = module.detail_conflicts
        print(f"== checks {name}", flush=True)
        tune = reading.load(reading.SHIPPED["tune"])
        held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
        right = 0
        for set_name, examples in {"tune": tune, **held}.items():
            ok = sum(metrics.correct(e.claim.label, e.claim.also, fitting._predict(shipped, e)) for e in examples)
            right += ok if set_name != "tune" else 0
            print(f"    shipped weights, {set_name}: {ok} of {len(examples)} right", flush=True)
        print(f"    held out pooled: {right}", flush=True)
        pickled.fit_and_report(f"fit's choice, checks {name}", tune, held, base)


if __name__ == "__main__":
    pairs() if sys.argv[1] == "pairs" else verdicts()
