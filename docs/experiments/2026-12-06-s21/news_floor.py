"""A diagnostic of the real-news benchmark's fall (README here): `python -m eval news` with the LLM's confirmation
counted only where the trained judge gives the statement P(true) >= 0.05, the floor session 16 removed (the
shipped weights otherwise). `news_floor.py OUT` (the archive of `eval news --articles 1000` reused)."""
import sys

from eval.__main__ import main
from service import decide

FLOOR = 0.05


def confirms_with_floor(j, parts=1):  # since session 21 the shipped rule takes the claim's part count
    return j.llm is not None and j.llm.true >= decide.LLM_SUPPORT and j.trained.true >= FLOOR


if __name__ == "__main__":
    decide._llm_confirms = confirms_with_floor
    sys.exit(main(["news", "--articles", "1000", "--sample", "50", "--out", sys.argv[1]]))
