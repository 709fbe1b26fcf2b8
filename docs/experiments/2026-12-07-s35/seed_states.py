"""Rule 24 (README here): fill the head recipe's work folder for the written pairs from session 34's hidden states,
reading again only the pairs whose passage the mend changed, so `python -m judge head` then reads only the reserved
pairs. Chunk files are named by `judge.head.chunk_path`, as `collect` names them; a fresh machine reads all 800.

`PYTHONPATH=. python docs/experiments/2026-12-07-s35/seed_states.py [WORK]` (default var/head, as `judge head`)."""

import io
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-07-s34")
from judge import data  # noqa: E402
from judge.head import chunk_path  # noqa: E402
from written import pairs as old_pairs  # noqa: E402

OLD = Path("var/s34/states/written")
CHUNK = 60  # judge.head.collect's default


def main(work):
    from service.loading import load_judge
    from service.settings import Settings

    reader = load_judge(Settings(llm_head=False))
    folder = work / reader.preset / reader.prompt / "written"
    folder.mkdir(parents=True, exist_ok=True)
    old, _ = old_pairs()
    new = data.written_pairs()
    assert [p.claim for p in old] == [p.claim for p in new]
    read = 0
    for start in range(0, len(new), CHUNK):
        was, now = old[start : start + CHUNK], new[start : start + CHUNK]
        with np.load(chunk_path(OLD, start, was)) as saved:
            states, true, false = saved["states"].copy(), saved["true"].copy(), saved["false"].copy()
        for i, (a, b) in enumerate(zip(was, now)):
            if a.evidence != b.evidence:
                reading, state = reader.read_hidden(b.claim, [b.evidence])[0]
                states[i], true[i], false[i] = state, reading.true, reading.false
                read += 1
        out = io.BytesIO()
        np.savez(out, states=states, true=true, false=false)
        chunk_path(folder, start, now).write_bytes(out.getvalue())
        print(f"chunk {start}: {read} pairs read so far", flush=True)
    print(f"{read} pairs read again, {len(new) - read} states taken from {OLD}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("var/head"))
