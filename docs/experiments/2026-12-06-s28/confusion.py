"""The shipped judging's verdicts on the six held-out sets, pooled: how many claims of each gold label got each
verdict under `eval fit`'s choice (the same replay as `judge_gate.py replay`). Reading only."""

import collections
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
import judge_gate  # noqa: E402


def main():
    from eval import metrics

    _, said = judge_gate.verdicts("shipped", judge_gate.SHIPPED)
    counts = collections.Counter(
        (e.claim.label, str(verdict), metrics.correct(e.claim.label, e.claim.also, verdict))
        for e, verdict in said.values()
    )
    for (gold, verdict, right), n in sorted(counts.items()):
        print(f"gold {gold}, answered {verdict} ({'right' if right else 'wrong'}): {n}")


if __name__ == "__main__":
    main()
