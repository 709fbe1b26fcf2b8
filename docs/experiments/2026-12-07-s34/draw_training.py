"""Draw the training-row articles that helper writers write claims about (session 34's written training claims).

80 rows drawn with seed 34 from rows 0-4499 (the shipped trained judge's own training rows: never the reserved rows
8000-9999, the validation or news tuning rows 7900-7999, or any held-out news test set's rows 4500-7899), articles of
1,700-4,100 characters as for the news test sets. Writes one text file per article under var/s34/articles/ and the
list of rows, ten per writer A-H, to var/s34/articles/rows.json. Run from the repository root:
python docs/experiments/2026-12-07-s34/draw_training.py
"""

import json
import random
from pathlib import Path

from judge import data

ROWS = range(0, 4500)
SEED = 34
WRITERS = "ABCDEFGH"
PER_WRITER = 10
LENGTH = (1700, 4100)


def main() -> None:
    records = {
        row: record["document"] for row, record in data.read_rows(ROWS) if LENGTH[0] <= len(record["document"]) <= LENGTH[1]
    }
    drawn = sorted(random.Random(SEED).sample(sorted(records), len(WRITERS) * PER_WRITER))
    out = Path("var/s34/articles")
    out.mkdir(parents=True, exist_ok=True)
    for row in drawn:
        (out / f"halueval-sum-{row}.txt").write_text(records[row])
    shares = {w: drawn[i::len(WRITERS)] for i, w in enumerate(WRITERS)}
    (out / "rows.json").write_text(json.dumps(shares, indent=1) + "\n")
    print(len(records), "eligible; drawn:", drawn)


if __name__ == "__main__":
    main()
