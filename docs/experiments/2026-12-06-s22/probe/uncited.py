"""How often a refuted or conflicting verdict has no statement a reader could check the contradiction against."""
import sys
from collections import Counter
sys.path.insert(0, "docs/experiments/2026-12-01"); sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading, pickled
from eval import fitting
from service.decide import denying, LLM_SUPPORT
from service.evidence import RELATED
from service.aggregate import Aggregator

from service.aggregate import load
from pathlib import Path
model = load(Path("service/weights/qwen2.5-coder-1.5b.json"))
print(type(model), getattr(model, "support", None))
for name, path in reading.SHIPPED.items():
    ex = reading.load(path)
    c = Counter()
    for e in ex:
        label = fitting._predict(model, e)
        if label not in ("refuted", "conflicting"):
            continue
        s = model.support
        trained = denying(e.judgement.judged, s)
        llm = [j for j in e.judgement.judged if j.relevance >= RELATED and j.llm is not None and j.llm.false >= LLM_SUPPORT]
        kind = "trained" if trained else ("llm-only" if llm else "none")
        c[(label, kind, e.claim.label == label or label in (e.claim.also or ()))] += 1
    print(name, sorted(c.items()))
