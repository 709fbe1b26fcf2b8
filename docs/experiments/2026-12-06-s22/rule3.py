"""Rule 3 (README here): `absent_words` added to the shipped feature set, replayed with `eval fit`'s choice on
session 16's tuning judging and scored on the five held-out sets, beside the shipped set on the same replay."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-06-s22")
from common import with_feature  # noqa: E402
from index.lexical import tokens  # noqa: E402

CLOSEST = 3


def absent_words(judgement):
    """Share of the claim's content words that no article of its CLOSEST closest statements uses."""
    closest = sorted(judgement.judged, key=lambda j: j.relevance, reverse=True)[:CLOSEST]
    known = set().union(*(tokens(j.hit.article.text) for j in closest))
    words = tokens(judgement.claim)
    return sum(w not in known for w in words) / len(words) if words else 0.0


def main():
    with_feature("absent_words", absent_words)


if __name__ == "__main__":
    main()
