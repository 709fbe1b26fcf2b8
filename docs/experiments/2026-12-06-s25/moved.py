"""Rule 2's held-out verdicts that moved: `eval fit`'s choice on the shipped judging and on PREFIX-SET.pkl (judged
with the synonym-trained judge), and for each held-out claim whose verdict moved, gold, both verdicts, the trained
judge's P(true) / P(false) and the LLM's P(true) on each side. `moved.py PREFIX`. Reading only."""
import sys
from collections import Counter

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
import judge_gate  # noqa: E402


def main(prefix):
    from eval import metrics

    out = {}
    for label, paths in {"shipped": judge_gate.SHIPPED, "new": judge_gate.judged(prefix)}.items():
        model, said = judge_gate.verdicts(label, paths)
        for key, (e, verdict) in said.items():
            f = e.features[model.support]
            out.setdefault(key, {})[label] = (verdict, f["p_true"], f["p_false"], f["llm_true"])
            out[key]["claim"] = e.claim
    kinds = Counter()
    for (n, _), v in out.items():
        claim, (old, *a), (new, *b) = v["claim"], v["shipped"], v["new"]
        if old == new:
            continue
        was, now = (metrics.correct(claim.label, claim.also, p) for p in (old, new))
        kinds[("gained" if now else "lost" if was else "wrong to wrong", claim.label, old, new)] += 1
        print(f"- {n} gold {claim.label}: {old} -> {new} ({'+' if now else '-' if was else '='}) {claim.claim}\n"
              f"    shipped p_true {a[0]:.2f} p_false {a[1]:.2f} llm_true {a[2]:.2f} | new {b[0]:.2f} {b[1]:.2f} {b[2]:.2f}")
    for k, c in kinds.most_common():
        print(c, *k)


if __name__ == "__main__":
    main(sys.argv[1])
