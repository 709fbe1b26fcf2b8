"""Rule 26 A: the shipped head on the tapped final state against the states it was fitted on (session 35's read).

PYTHONPATH=. python docs/experiments/2026-12-08-s37/same_state.py var/s37/layers
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from judge.head import FIRST_READING, head_path, load
from service.models import resolve_model
from service.settings import Settings

STORED = Path("var/head/qwen2.5-coder-1.5b/entail")
FINAL = 7  # result_norm, the last of collect_layers.NAMES


def main(tapped: Path) -> None:
    settings = Settings()
    model = resolve_model(settings.model, settings.model_cache_dir)
    head = load(head_path(model.preset), model.sha256, FIRST_READING)  # the shipped head, session 35
    worst_p, worst_state, words, n = 0.0, 0.0, 0.0, 0
    for name in ("written", "held_out"):
        for path in sorted((tapped / name).glob("*.npz")):
            with np.load(path) as new, np.load(STORED / name / path.name) as old:
                a, b = new["states"][:, FINAL], old["states"]
                worst_state = max(worst_state, float(np.abs(a - b).max()))
                worst_p = max(worst_p, float(np.abs(head.probabilities(a) - head.probabilities(b)).max()))
                words = max(
                    words,
                    float(np.abs(new["true"] - old["true"]).max()),
                    float(np.abs(new["false"] - old["false"]).max()),
                )
                n += len(a)
    print(f"pairs {n}: largest difference: state {worst_state:.2e}, head probability {worst_p:.2e}, words {words:.2e}")
    print("rule 26 A:", "passed" if worst_p <= 0.001 else "failed")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
