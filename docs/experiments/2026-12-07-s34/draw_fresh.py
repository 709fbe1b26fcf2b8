"""Draw the articles of a fifth held-out news test set (news-test-e) and write its archive.

24 rows drawn with seed 34 from rows 4500-7899 (never in the shipped judge's rows 0-4499), leaving out the four news
test sets' rows; articles of 1,700-4,100 characters, by session 21's `draw`. Writes eval/data/news-test-e/articles.jsonl
and one text file per article under var/s34/fresh/ for the writers. Run from the repository root:
python docs/experiments/2026-12-07-s34/draw_fresh.py
"""

import importlib.util
from pathlib import Path

from judge import data

spec = importlib.util.spec_from_file_location("s21_draw", "docs/experiments/2026-12-06-s21/draw_articles.py")
s21 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(s21)
EARLIER = data.NEWS_TEST_ROWS | data.NEWS_TEST_B_ROWS | data.NEWS_TEST_C_ROWS | data.NEWS_TEST_D_ROWS
s21.draw(34, 24, EARLIER, Path("eval/data/news-test-e"), Path("var/s34/fresh"))
