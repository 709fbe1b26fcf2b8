"""Rule 21's stage 1: `eval gold` readings pooled over the tuning sets and over the held-out sets, for each folder
given (its readings.jsonl). `gold_pools.py FOLDER...`"""
import json
import sys
from pathlib import Path

from eval import gold

TUNING = {f"{n}.jsonl" for n in ("dev", "dev2", "dev3", "news-dev-a", "news-dev-b")}


def main(folders):
    for folder in folders:
        rows = [json.loads(line) for line in (Path(folder) / "readings.jsonl").read_text().splitlines()]
        for name, keep in (("tuning", lambda s: s in TUNING), ("held out", lambda s: s not in TUNING)):
            figures = gold.summary([r for r in rows if keep(r["set"])])
            print(f"{folder} {name}: AUC {figures['auc_true_minus_false']} (word recall {figures['auc_word_recall']})"
                  f" claims {figures['claims']}; supported read true {figures['supported_read_true']:.2f}, "
                  f"refuted read false {figures['refuted_read_false']:.2f}")
        per_set = {r["set"] for r in rows}
        print("   per set:", {s: gold.summary([r for r in rows if r["set"] == s])["auc_true_minus_false"]
                               for s in sorted(per_set)})


if __name__ == "__main__":
    main(sys.argv[1:])
