"""For information, after the third rule's result: the two best retrieved statements with the shipped threshold and
penalty (0.3, 0.3) instead of those its own fit chose (0.7, 1.0), CV and held-out. `fixed.py PREFIX`."""
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import pickled  # noqa: E402
from eval import fitting  # noqa: E402
from reading import SETS, files, load  # noqa: E402

paths = files(sys.argv[1])
tune = load(paths["tune"])
base = fitting.FEATURE_SETS["judges+checks"]
cv = fitting.cross_validate(tune, 0.3, 0.3, base)
print("CV at 0.3, 0.3:", round(cv["score"], 4), {g: round(v["macro_f1"], 4) for g, v in cv["groups"].items()})
model = fitting._fit(tune, base, 0.3, 0.3)
for name in SETS:
    if name != "tune":
        print(f"    {name}: {pickled.score(model, load(paths[name]))}")
