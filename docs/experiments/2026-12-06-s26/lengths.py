"""The lead checked after rule 5's gate (README here): are the tuning claims shorter than the held-out claims, and are
the held-out verdicts rule 5 moved the long ones? Words and commas per claim for every labelled set, then the word
counts of the claims `moved.py` listed as becoming right (+) and wrong (-). `lengths.py var/s26/moved.txt`."""
import collections
import json
import re
import statistics
import sys

SETS = ["dev", "dev2", "dev3", "news-dev-a", "news-dev-b", "test", "test-b", "news-test", "news-dev-c", "news-test-b",
        "news-test-c"]


def main(moved):
    for name in SETS:
        rows = [json.loads(line) for line in open(f"eval/data/{name}.jsonl")]
        words = statistics.mean(len(r["claim"].split()) for r in rows)
        commas = statistics.mean(r["claim"].count(",") for r in rows)
        labels = collections.Counter(r["label"] for r in rows)
        print(f"{name:12} n={len(rows):3} words={words:5.1f} commas={commas:.2f} {dict(labels)}")
    lengths = {"+": [], "-": []}
    for line in open(moved):
        found = re.match(r"- \S+ gold \S+: \S+ -> \S+ \((.)\) (.*)", line.rstrip())
        if found and found.group(1) in lengths:
            lengths[found.group(1)].append(len(found.group(2).split()))
    for sign, name in (("+", "became right"), ("-", "became wrong")):
        xs = lengths[sign]
        print(f"{name}: {len(xs)}, median {statistics.median(xs)} words, {sum(x >= 20 for x in xs)} of 20 words or more")


if __name__ == "__main__":
    main(sys.argv[1])
