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
import reading  # noqa: E402


def main(prefix):
    import pickled

    from eval import fitting, metrics

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    out = {}
    for label, paths in {"shipped": judge_gate.SHIPPED,
                         "new": {n: f"{prefix}-{n}.pkl" for n in judge_gate.SHIPPED}}.items():
        held = {n: reading.load(p) for n, p in paths.items() if n != "tune"}
        model = pickled.fit_and_report(label, reading.load(paths["tune"]), held, base)
        for n, examples in held.items():
            for e in examples:
                f = e.features[model.support]
                out.setdefault((n, e.claim.id), {})[label] = (fitting._predict(model, e), f["p_true"], f["p_false"],
                                                             f["llm_true"])
                out[(n, e.claim.id)]["claim"] = e.claim
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
