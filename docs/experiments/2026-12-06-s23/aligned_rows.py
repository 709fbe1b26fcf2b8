"""Rules 3b's and 3c's condition 4: how often the number check fires on real sentences of training rows (`aligned_rows.py
FIRST STOP`, rows 0-4499 by default; rows of the news test sets left out), today's check against rules 3b's
and 3c's pairings and rule 3d's (shipped, then reverted: read from git). Three kinds of pair:
- restated: a faithful summary sentence with a number (not a year) against the article sentence that holds that
  number and the most of its words (word recall at least 0.7): should not fire;
- changed: the same summary sentence with that number changed (judge.data.change_number, seeded): should fire;
- other: an article sentence with a number against another sentence of the same article with a number (seeded):
  a different statement, mostly about other things."""
import random
import re
import sys

sys.path.insert(0, "docs/experiments/2026-12-06-s23")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
import aligned  # noqa: E402

from index.lexical import tokens, word_recall  # noqa: E402
from judge import data  # noqa: E402
from service import checks  # noqa: E402

FIGURE = re.compile(r"\b\d+(?:[.,]\d+)*\b")


def figures(text):
    return [f for f in FIGURE.findall(text) if not data._YEAR.fullmatch(f)]


# today's check is service/checks.py as it stands (before rule 3d and again after its revert, the ValueError mended)
CHECKS = {"today": checks.detail_conflicts, "3b": aligned.aligned_conflicts_b, "3c": aligned.aligned_conflicts_c,
          "3d": aligned.checks_of_rule_3d().detail_conflicts}
FIRST, STOP = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (0, 4500)
fired = {(kind, name): 0 for kind in ("restated", "changed", "other") for name in CHECKS}
n = dict.fromkeys(("restated", "changed", "other"), 0)
for row, record in data.read_rows(range(FIRST, STOP)):
    if row in data.HELD_OUT_NEWS_ROWS:
        continue
    rng = random.Random(f"s23-{row}")
    article = record["document"]
    sents = data.split_sentences(article)
    numbered = [s for s in sents if figures(s) and 5 <= len(s.split()) <= 60]
    pairs = []
    for claim in data.split_sentences(record["right_summary"]):
        if not figures(claim):
            continue
        words = set(tokens(claim))
        holding = [s for s in numbered if set(figures(claim)) & set(figures(s))]
        if not holding:
            continue
        best = max(holding, key=lambda s: word_recall(words, s))
        if word_recall(words, best) < 0.7:
            continue
        pairs.append(("restated", claim, best))
        changed = data.change_number(claim, article, rng)
        if changed and changed != claim:
            pairs.append(("changed", changed, best))
    if len(numbered) >= 2:
        a, b = rng.sample(numbered, 2)
        pairs.append(("other", a, b))
    for kind, claim, evidence in pairs:
        n[kind] += 1
        for name, check in CHECKS.items():
            fired[kind, name] += bool(check(claim, evidence))
for kind in n:
    line = ", ".join(f"{name} {fired[kind, name]} ({fired[kind, name] / max(1, n[kind]):.1%})" for name in CHECKS)
    print(f"{kind:9s} {n[kind]:5d} pairs: fires {line}")
