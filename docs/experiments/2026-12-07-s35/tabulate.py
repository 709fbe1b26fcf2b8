"""The real runs of the shipped default on the held-out sets (`var/s35/runs/<set>/`, the test split's `var/s35/test-run/`; written by `python -m eval run
--data eval/data/<set>.jsonl --out var/s35/runs/<set> --no-baseline`), against the answer words' figures of the same
sets (sessions 31-34's judgings replayed through the weights then shipped; README "Where it stands").

`python docs/experiments/2026-12-07-s35/tabulate.py`"""

import json
from pathlib import Path

# right of n with the answer words (the default until session 35), and rule 23's replay of the pre-mend written head
BEFORE = {
    "test": (64, 66, 85),
    "test-b": (56, 62, 97),
    "news-test": (114, 130, 168),
    "news-dev-c": (113, 122, 140),
    "news-test-b": (113, 131, 168),
    "news-test-c": (75, 83, 112),
    "news-test-d": (132, 134, 168),
    "news-test-e": (123, 138, 168),
}
total = [0, 0, 0, 0]
for name, (words, replay, n) in BEFORE.items():
    path = Path("var/s35/test-run/report.json" if name == "test" else f"var/s35/runs/{name}/report.json")
    if not path.is_file():
        print(f"{name}: not run")
        continue
    r = json.loads(path.read_text())
    assert r["n"] == n and not r["errors"], name
    right = round(r["accuracy"] * n)
    recall = " / ".join(f"{r['per_label'][k]['recall']:.2f}" for k in ("supported", "refuted", "not_enough_info"))
    print(
        f"{name} ({n}): {right} right ({r['accuracy']:.3f} / {r['macro_f1']:.3f}), recall sup/ref/NEI {recall}, "
        f"ECE {r['ece']:.3f}; answer words {words}, rule 23's replay {replay}"
    )
    if name != "news-test-e":
        total = [total[0] + right, total[1] + words, total[2] + replay, total[3] + n]
print(f"the held-out sets run but news-test-e: {total[0]} of {total[3]} (answer words {total[1]}, replay {total[2]})")
