"""How often a not_enough_info verdict ("no statement in the archive confirms or contradicts the claim") has a
statement a judge reads as confirming or contradicting it (the shipped weights, the shipped pipeline's pickles)."""
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading  # noqa: E402
from eval import fitting  # noqa: E402
from service.aggregate import load  # noqa: E402
from service.decide import confirming, denying  # noqa: E402

model = load(Path("service/weights/qwen2.5-coder-1.5b.json"))
for name, path in reading.SHIPPED.items():
    c = Counter()
    for e in reading.load(path):
        if fitting._predict(model, e) != "not_enough_info":
            continue
        j = e.judgement
        pro = bool(j.judged) and bool(confirming(j.of_part(j.weakest_part()), model.support, len(j.parts)))
        con = bool(denying(j.judged, model.support))
        c[("confirmed" if pro else "") + ("+denied" if con else "") or "neither", e.claim.label == "not_enough_info"] += 1
    print(name, sorted(c.items()))
