"""Draw the articles of a third held-out news test set (news-test-c) and write its archive.

16 rows drawn with seed 23 from rows 4500-7899 (never in the shipped judge's rows 0-4499), leaving out both news
test sets' rows; articles of 1,700-4,100 characters (as for news-test-b). Writes eval/data/news-test-c/articles.jsonl
and one text file per article under var/s23/articles/ for the writers. Run from the repository root:
python docs/experiments/2026-12-06-s23/draw_articles.py
"""

import json
import random
from pathlib import Path

from judge import data

ROWS = range(4500, 7900)
SEED = 23
COUNT = 16
LENGTH = (1700, 4100)

records = {
    row: record["document"]
    for row, record in data.read_rows(ROWS)
    if row not in data.HELD_OUT_NEWS_ROWS and LENGTH[0] <= len(record["document"]) <= LENGTH[1]
}
drawn = sorted(random.Random(SEED).sample(sorted(records), COUNT))
archive = Path("eval/data/news-test-c")
archive.mkdir(parents=True, exist_ok=True)
texts = Path("var/s23/articles")
texts.mkdir(parents=True, exist_ok=True)
with (archive / "articles.jsonl").open("w") as out:
    for row in drawn:
        article = f"halueval-sum-{row}"
        title = f"CNN/DailyMail story (HaluEval summarization row {row})"
        out.write(json.dumps({"id": article, "title": title, "text": records[row], "source": "CNN/DailyMail"}) + "\n")
        (texts / f"{article}.txt").write_text(records[row])
print(len(records), "eligible;", "drawn:", drawn)
