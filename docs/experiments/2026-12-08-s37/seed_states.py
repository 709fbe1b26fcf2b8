"""Seed `python -m judge head`'s work folder with rule 26's collected states of one tensor, so that the recipe fits
on them without reading the 1,160 pairs again (the chunk files are named by their pairs' texts, as the recipe names
them; a fresh machine reads them all).

    PYTHONPATH=. python docs/experiments/2026-12-08-s37/seed_states.py var/s37/layers <tensor> <work folder>
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np

from index.log import write_atomically

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect_layers import NAMES


def main(tapped: Path, tensor: str, work: Path) -> None:
    i = NAMES.index(tensor)
    for name in ("written", "held_out"):
        (work / name).mkdir(parents=True, exist_ok=True)
        for path in sorted((tapped / name).glob("*.npz")):
            with np.load(path) as saved:
                out = io.BytesIO()
                np.savez(out, states=saved["states"][:, i], true=saved["true"], false=saved["false"])
            write_atomically(work / name / path.name, out.getvalue())
            print(work / name / path.name)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
