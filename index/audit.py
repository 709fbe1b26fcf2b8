"""Measure what cleaning drops on real news: `python -m index.audit FILE [-n 200] [--wrap 70]`.

FILE is JSON Lines with the article text in "text" or "document" (HaluEval's summarization file). Prints
how many sentences the segmenter finds, how many the cleaning rules drop, by reason, and a sample of the
drops to read by hand. Rows 8000-9999 of HaluEval are reserved for held-out evaluation: never read them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from collections import Counter
from pathlib import Path

from index.clean import clean
from index.segment import paragraphs, sentences

RESERVED_FROM = 8000  # HaluEval rows from here on are held out


def load(path: Path, rows: range) -> list[tuple[int, str, str]]:
    """(row, title, text) of the articles in `rows` of a JSON Lines file."""
    out = []
    with path.open(encoding="utf-8") as lines:
        for row, line in enumerate(lines):
            if row >= rows.stop:
                break
            if row in rows and line.strip():
                record = json.loads(line)
                out.append((row, record.get("title", ""), record.get("text") or record.get("document", "")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.audit", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--rows", default="0-7999", help="first-last rows to sample from (inclusive)")
    parser.add_argument("-n", type=int, default=200, help="articles to sample")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--wrap", type=int, default=0, help="hard-wrap each article at this width first")
    parser.add_argument("--show", type=int, default=40, help="drops to print")
    args = parser.parse_args(argv)
    first, last = (int(x) for x in args.rows.split("-"))
    if "halueval" in args.file.name and last >= RESERVED_FROM:
        print(f"error: HaluEval rows {RESERVED_FROM}-9999 are reserved for held-out evaluation", file=sys.stderr)
        return 2
    articles = load(args.file, range(first, last + 1))
    rng = random.Random(args.seed)
    sample = sorted(rng.sample(articles, min(args.n, len(articles))))
    n_sentences, n_kept, n_dropped, reasons, drops = 0, 0, 0, Counter[str](), []
    for row, title, text in sample:
        if args.wrap:
            text = textwrap.fill(" ".join(text.split()), args.wrap, break_on_hyphens=False)
        result = clean(text, title)
        segmented = [s for p in paragraphs(text) for s in sentences(text, p)]
        n_sentences += len(segmented)
        n_kept += len(result.kept)  # fewer than found where a fragment ("Yes.") was joined to its neighbour
        for drop in result.dropped:
            inside = max(1, sum(drop.start <= s.start and s.end <= drop.end for s in segmented))
            n_dropped += inside
            reasons[drop.reason] += inside
            drops.append((row, drop.reason, text[drop.start : drop.end]))
    share = n_dropped / max(n_sentences, 1)
    print(f"{len(sample)} articles, {n_sentences} sentences, {n_dropped} dropped ({share:.2%}), {n_kept} indexed")
    for reason, count in reasons.most_common():
        print(f"  {reason}: {count}")
    for row, reason, piece in rng.sample(drops, min(args.show, len(drops))):
        print(f"row {row} [{reason}] {' '.join(piece.split())[:200]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
