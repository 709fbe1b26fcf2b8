"""A reading (README here): for held-out supported and refuted claims whose gold passage the LLM read, what the LLM
answered on it (its largest probability among true, false, neither) against whether the verdict was right, with the
shipped feature set fitted on the same judging (var/s31/joint-*.pkl)."""
import sys
from collections import Counter

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-07-s31")
from eval import fitting, metrics  # noqa: E402
from eval.gold import _answer  # noqa: E402
from joint import cited, held_out, shipped_fit  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else "var/s31/joint"
model = shipped_fit(out)
table = Counter()
for e in held_out(out):
    if e.claim.label not in ("supported", "refuted"):
        continue
    read = cited(e, [j for j in e.judgement.judged if j.llm is not None])
    if not read:
        continue
    answer = _answer(max((j.llm for j in read), key=lambda x: abs(x.true - x.false)))
    predicted = fitting._predict(model, e)
    ok = metrics.correct(e.claim.label, e.claim.also, predicted)
    table[(e.claim.label, answer, "right" if ok else f"wrong: {predicted}")] += 1
for key in sorted(table):
    print(f"{key[0]:10s} LLM answered {key[1]:8s} verdict {key[2]:28s} {table[key]:4d}")
