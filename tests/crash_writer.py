"""A writer for the kill -9 test: opens an index directory and writes articles until it is killed.

`python -m tests.crash_writer DIR SEED` prints `begin OP ID CHECKSUM` before each operation and `ack OP ID
CHECKSUM` once it returned (the point where the service would answer 200). A small compaction threshold
makes background compactions (snapshot + log rewrite) happen often, so kills land inside them too.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from index.articles import Article
from index.writer import IndexWriter
from tests.fakes import FakeEncoder

WORDS = "envoy minister talks ceasefire port grain tanker harbour budget vote court ruling rain flood".split()


def article(rng: random.Random, article_id: str) -> Article:
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
        + f" number {rng.randint(0, 10**6)}."
        for _ in range(rng.randint(1, 8))
    ]
    return Article(article_id, f"Dispatch {article_id}", "\n".join(sentences))


def main(directory: Path, seed: int) -> None:
    rng = random.Random(seed)
    writer = IndexWriter.open(directory, FakeEncoder(), compact_bytes=rng.choice([20_000, 60_000, 10**9]))
    say = sys.stdout
    while True:
        article_id = f"a{rng.randint(0, 39)}"
        if rng.random() < 0.25 and article_id in writer.index.articles:
            say.write(f"begin delete {article_id} -\n")
            say.flush()
            writer.delete(article_id)
            say.write(f"ack delete {article_id} -\n")
        else:
            new = article(rng, article_id)
            say.write(f"begin upsert {article_id} {new.checksum}\n")
            say.flush()
            writer.upsert(new)
            say.write(f"ack upsert {article_id} {new.checksum}\n")
        say.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
