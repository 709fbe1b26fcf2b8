"""Rule 4b (README here): sentences of training rows 0-4499 with a whole number >= 100 in digits, claimed with the
number in words (num2words) and with it doubled in words; how often detail_conflicts fires, session 21's checks
against today's. Needs `pip install num2words` (this measurement only)."""
import re
import sys

from num2words import num2words

import service.checks as after
from judge.data import read_rows, split_sentences

sys.path.insert(0, "docs/experiments/2026-12-06-s22")
from common import SESSION_21, module_at  # noqa: E402

before = module_at(SESSION_21, "service/checks.py")

FIGURE = re.compile(r"(?<![\d.,$£€])\b(\d{1,3}(?:,\d{3})+|\d{3,})\b(?![.,]\d)")


def words(n):
    return num2words(n).replace(",", "")


def main():
    counts = {(kind, name): 0 for kind in ("same", "changed") for name in ("before", "after")}
    n = 0
    for _, record in read_rows(range(0, 4500)):
        for sentence in split_sentences(record["document"]):
            match = FIGURE.search(sentence)
            if not match:
                continue
            raw = match.group(1)
            value = int(raw.replace(",", ""))
            if "," not in raw and 1900 <= value <= 2099:
                continue  # a year
            n += 1
            for kind, claimed in (("same", value), ("changed", value * 2)):
                claim = sentence[: match.start(1)] + words(claimed) + sentence[match.end(1):]
                for name, module in (("before", before), ("after", after)):
                    counts[kind, name] += bool(module.detail_conflicts(claim, sentence))
    print(f"{n} sentences with a whole number >= 100 in digits (training rows 0-4499)")
    for (kind, name), fired in counts.items():
        print(f"  number {kind:8s} in words, checks {name:6s}: fires on {fired} ({fired / n:.1%})")


if __name__ == "__main__":
    main()
