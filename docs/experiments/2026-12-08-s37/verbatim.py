"""Rule 26's amendment check: claims that are an article's own sentences, word for word (each `supported`), on the
seed articles and on news-test-e's archive; 40 each, seeded.

    PYTHONPATH=. python docs/experiments/2026-12-08-s37/verbatim.py var/s37/verbatim
    python -m eval run --data var/s37/verbatim/verbatim-seeds.jsonl --out ... --no-baseline
    python -m eval run --data var/s37/verbatim/verbatim-news.jsonl --corpus eval/data/news-test-e --out ... \
        --no-baseline
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from index.segment import paragraphs, sentences


def article_sentences(text: str) -> list[str]:
    found = []
    for paragraph in paragraphs(text):
        for span in sentences(text, paragraph):
            sentence = " ".join(span.of(text).split())
            if 10 <= len(sentence.split()) <= 40 and sentence[-1] in ".!?\"'”":
                found.append(sentence)
    return found


def write(out: Path, name: str, articles: list[tuple[str, str]], n: int, seed: int) -> None:
    pool = [(aid, s) for aid, text in articles for s in dict.fromkeys(article_sentences(text))]
    picked = random.Random(seed).sample(pool, n)
    with (out / f"verbatim-{name}.jsonl").open("w") as f:
        for i, (aid, s) in enumerate(picked):
            row = {"id": f"verbatim-{name}-{i:03d}", "claim": s, "label": "supported"}
            row |= {"evidence": [{"article": aid, "text": s}], "tags": ["copy"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    seeds = [(p.stem, p.read_text()) for p in sorted(Path("seeds").glob("*.txt"))]
    lines = Path("eval/data/news-test-e/articles.jsonl").read_text().splitlines()
    news = [(a["id"], a["text"]) for a in map(json.loads, lines)]
    write(out, "seeds", seeds, 40, 37)
    write(out, "news", news, 40, 37)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
