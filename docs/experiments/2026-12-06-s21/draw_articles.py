"""Draw the articles of a second held-out news test set (news-test-b) and write its archive.

24 rows drawn with seed 21 from rows 4500-7899 (never in the shipped judge's rows 0-4499), leaving out the
news test set's rows; articles of 1,700-4,100 characters (the news test set's range), so that a reader can
write seven claims about each. Writes eval/data/news-test-b/articles.jsonl and one text file per article under
var/s21/articles/ for the writers. Run from the repository root: python docs/experiments/2026-12-06-s21/draw_articles.py
"""

import json
import random
from pathlib import Path

from judge import data

ROWS = range(4500, 7900)
SEED = 21
COUNT = 24
LENGTH = (1700, 4100)



def draw(seed: int, count: int, skip: frozenset[int], archive: Path, texts: Path) -> None:
    """`count` rows of ROWS within LENGTH and outside `skip`, drawn with `seed`: the archive's articles.jsonl, and one
    text file per article under `texts` for the writers."""
    records = {
        row: record["document"]
        for row, record in data.read_rows(ROWS)
        if row not in skip and LENGTH[0] <= len(record["document"]) <= LENGTH[1]
    }
    drawn = sorted(random.Random(seed).sample(sorted(records), count))
    archive.mkdir(parents=True, exist_ok=True)
    texts.mkdir(parents=True, exist_ok=True)
    with (archive / "articles.jsonl").open("w") as out:
        for row in drawn:
            article = f"halueval-sum-{row}"
            title = f"CNN/DailyMail story (HaluEval summarization row {row})"
            out.write(json.dumps({"id": article, "title": title, "text": records[row], "source": "CNN/DailyMail"}) + "\n")
            (texts / f"{article}.txt").write_text(records[row])
    print(len(records), "eligible;", "drawn:", drawn)


if __name__ == "__main__":
    draw(SEED, COUNT, data.NEWS_TEST_ROWS, Path("eval/data/news-test-b"), Path("var/s21/articles"))
