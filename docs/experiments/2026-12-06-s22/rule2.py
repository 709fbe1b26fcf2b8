"""Rule 2 (README here): run with the rule in service/decide.py. `eval fit`'s choice on session 16's tuning
judging, then the five held-out sets, and the shipped weights file as it is on the same sets."""
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import pickled  # noqa: E402
import reading  # noqa: E402
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
from common import pooled  # noqa: E402
from eval import fitting  # noqa: E402
from service.aggregate import load as load_weights  # noqa: E402


def main():
    tune = reading.load(reading.SHIPPED["tune"])
    held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    model = pickled.fit_and_report("refuted-cited (fit's choice)", tune, held, base)
    print(pooled(model, held), flush=True)
    shipped = load_weights(Path("service/weights/qwen2.5-coder-1.5b.json"))
    print("refuted-cited, the shipped weights file as it is", flush=True)
    for name, examples in held.items():
        print(f"    {name}: {pickled.score(shipped, examples)}", flush=True)
    print(pooled(shipped, held), flush=True)


if __name__ == "__main__":
    main()
