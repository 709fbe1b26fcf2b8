"""Rule 5 (README here), before (service/checks.py as rule 4 shipped it, read from git) and after in one run.
`rule5.py pairs`: sentences of training rows 0-4499 with an amount such as "£14m", claimed with the scale written
out and with the figure doubled; how often detail_conflicts fires. `rule5.py verdicts`: the shipped weights on every
pickle with each version, and `eval fit`'s choice on the tuning judging with each."""
import re
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import service.checks as after  # noqa: E402
from judge.data import read_rows, split_sentences  # noqa: E402

sys.path.insert(0, "docs/experiments/2026-12-06-s22")
from common import RULE_4, module_at  # noqa: E402

before = module_at(RULE_4, "service/checks.py")

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
    """As rule 4's, with rule 4's checks as the "before"."""
    import rule4

    rule4.verdicts((("before", before), ("after", after)))


if __name__ == "__main__":
    pairs() if sys.argv[1] == "pairs" else verdicts()
