"""Rule 3 (README here): the sets judged as `make fit` judges them, with the five worked examples of
examples_more.json after the shipped eight. `examples_more.py OUT SET...` pickles OUT-SET.pkl (reading.py's
judging, its sets plus news-test-b; a set already pickled is kept)."""
import json
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading  # noqa: E402

from service import judge, prompts  # noqa: E402

MORE = tuple(json.loads(Path("docs/experiments/2026-12-06-s21/examples_more.json").read_text()))


def examples(name):
    shipped = prompts.examples(name)
    return shipped + MORE if name == "entail_examples" else shipped


if __name__ == "__main__":
    judge.examples = examples
    reading.SETS["news-test-b"] = ["eval/data/news-test-b.jsonl"]
    reading.judge("decisive", sys.argv[1], sys.argv[2:])
