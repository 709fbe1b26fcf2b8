"""A reading (README here): the 1.5B asked with CLAIMS_LLM_PROMPT (e.g. entail_strict) on the 30 blind-read teacher
pairs, against the second reader's labels and the teacher's answers. `strict.py sample`. Measuring only."""

import argparse
import json
from collections import Counter
from pathlib import Path

OUT = Path("var/s30")
ANSWERS = ("true", "false", "neither")


def lines(name):
    return [json.loads(line) for line in (OUT / name).read_text(encoding="utf-8").splitlines()]


def sample():
    from eval.__main__ import _judge_and_threshold

    judge, _, how = _judge_and_threshold(argparse.Namespace(judge="llm", threshold=None, model=None))
    blind, key, reader = (
        lines("teacher-sample-blind.jsonl"),
        lines("teacher-sample-key.jsonl"),
        lines("teacher-sample-reader.jsonl"),
    )
    pairs = Counter()
    for b, k, r in zip(blind, key, reader, strict=True):
        reading = judge.read(b["claim"], [b["evidence"]])[0]
        said = ANSWERS[max(range(3), key=[reading.true, reading.false, reading.neither].__getitem__)]
        pairs[(r["label"], k["answer"], said)] += 1
    print(f"asked {how}; (reader, teacher, this prompt): {dict(sorted(pairs.items()))}")
    agree = sum(v for (r, _, s), v in pairs.items() if r == s)
    print(f"this prompt agrees with the reader on {agree} of {sum(pairs.values())}")


if __name__ == "__main__":
    sample()
