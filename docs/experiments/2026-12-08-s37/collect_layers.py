"""Rule 26's states: every training pair of the shipped head (the 800 written claims) and the 360 reserved-row pairs
it is measured on, read once as a plain read with the layer tap on; the last token's row of eight tensors kept.

    PYTHONPATH=. python docs/experiments/2026-12-08-s37/collect_layers.py var/s37/layers

Resumable: chunks of 60 pairs, each named by its texts (judge.head.chunk_path).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layers import LayerTap

from index.log import write_atomically
from judge.data import held_out_pairs, written_pairs
from judge.head import balanced, chunk_path
from service.loading import load_judge
from service.settings import Settings

NAMES = ["l_out-7", "l_out-10", "l_out-13", "l_out-16", "l_out-19", "l_out-22", "l_out-25", "result_norm"]


def main(out: Path) -> None:
    sets = {"written": written_pairs(), "held_out": balanced(held_out_pairs(300), 360, 2)}
    judge = load_judge(Settings(llm_head=False))
    tap = LayerTap(judge.llm, NAMES)
    total = sum(len(p) for p in sets.values())
    with tqdm(total=total, unit="pair") as bar:
        for name, pairs in sets.items():
            work = out / name
            work.mkdir(parents=True, exist_ok=True)
            for start in range(0, len(pairs), 60):
                part = pairs[start : start + 60]
                path = chunk_path(work, start, part)
                if not path.is_file():
                    states, true, false = [], [], []
                    for p in part:
                        (reading,) = judge.read(p.claim, [p.evidence])
                        states.append(np.stack([tap.rows.pop(n) for n in NAMES]))
                        true.append(reading.true)
                        false.append(reading.false)
                    saved = io.BytesIO()
                    np.savez(saved, states=np.stack(states), true=np.array(true), false=np.array(false))
                    write_atomically(path, saved.getvalue())
                bar.update(len(part))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
