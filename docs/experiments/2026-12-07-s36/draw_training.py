"""Draw the training-row articles for session 36's written training claims of the kinds the head reads worst.

40 rows drawn with seed 36 from rows 0-4499 (the trained judge's training rows; never the reserved rows 8000-9999,
the validation or news tuning rows 7900-7999, or any held-out news set's rows 4500-7899), articles of 1,700-4,100
characters, none of the 80 articles session 34's writers used (`judge/written/`). Writes one text file per article
under var/s36/articles/ and the rows, ten per writer I-L, to var/s36/articles/rows.json. Run from the repository root:
python docs/experiments/2026-12-07-s36/draw_training.py
"""

import json
import random
from pathlib import Path

from judge import data

ROWS = range(0, 4500)
SEED = 36
WRITERS = "IJKL"
PER_WRITER = 10
LENGTH = (1700, 4100)


def main() -> None:
    used = {data.article_row(claim["evidence"][0]["article"]) for claim in data.written_claims()}
    records = {
        row: record["document"]
        for row, record in data.read_rows(ROWS)
        if LENGTH[0] <= len(record["document"]) <= LENGTH[1] and row not in used
    }
    drawn = sorted(random.Random(SEED).sample(sorted(records), len(WRITERS) * PER_WRITER))
    out = Path("var/s36/articles")
    out.mkdir(parents=True, exist_ok=True)
    for row in drawn:
        (out / f"halueval-sum-{row}.txt").write_text(records[row])
    shares = {w: drawn[i :: len(WRITERS)] for i, w in enumerate(WRITERS)}
    (out / "rows.json").write_text(json.dumps(shares, indent=1) + "\n")
    print(len(records), "eligible (", len(used), "used by session 34 left out ); drawn:", drawn)


if __name__ == "__main__":
    main()
