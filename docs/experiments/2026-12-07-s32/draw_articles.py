"""Draw the articles of a fourth held-out news test set (news-test-d) and write its archive.

24 rows drawn with seed 32 from rows 4500-7899 (never in the shipped judge's rows 0-4499), leaving out the three
news test sets' rows; articles of 1,700-4,100 characters, by session 21's `draw`. Writes
eval/data/news-test-d/articles.jsonl and one text file per article under var/s32/articles/ for the writers. Run from
the repository root: python docs/experiments/2026-12-07-s32/draw_articles.py
"""

import importlib.util
from pathlib import Path

from judge import data

spec = importlib.util.spec_from_file_location("s21_draw", "docs/experiments/2026-12-06-s21/draw_articles.py")
s21 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(s21)
s21.draw(32, 24, data.HELD_OUT_NEWS_ROWS, Path("eval/data/news-test-d"), Path("var/s32/articles"))
