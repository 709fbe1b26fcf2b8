"""Draw the articles of a third held-out news test set (news-test-c) and write its archive.

16 rows drawn with seed 23 from rows 4500-7899 (never in the shipped judge's rows 0-4499), leaving out both news
test sets' rows; articles of 1,700-4,100 characters (as for news-test-b), by session 21's `draw`. Writes
eval/data/news-test-c/articles.jsonl and one text file per article under var/s23/articles/ for the writers. Run from
the repository root: python docs/experiments/2026-12-06-s23/draw_articles.py
"""

import importlib.util
from pathlib import Path

from judge import data

spec = importlib.util.spec_from_file_location("s21_draw", "docs/experiments/2026-12-06-s21/draw_articles.py")
s21 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(s21)
s21.draw(23, 16, data.NEWS_TEST_ROWS | data.NEWS_TEST_B_ROWS, Path("eval/data/news-test-c"), Path("var/s23/articles"))
