"""The held-out news claims about articles that have a same-story article in the training rows, counted apart:
`near.py PREFIX...` gives, for the shipped judging and each PREFIX's, the held-out count right on the claims whose
evidence is one of NEAR's articles and on all the others. NEAR: the held-out news articles whose nearest article
among rows 4500-7899 (outside the held-out rows) has a TF-IDF cosine of at least 0.5 (`overlap.py`); none reaches
0.5 among rows 0-4499. Reading only."""

import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s24")
sys.path.insert(0, "docs/experiments/2026-12-06-s27")
import judge_gate
import yardstick

NEAR = {f"halueval-sum-{row}" for row in (4751, 5644, 6483, 6497)}


def main(prefixes):
    from pathlib import Path

    import reading

    from eval import claims

    near = {
        (n, claim.id)
        for n, files in reading.SETS.items()
        for f in files or []
        for claim in claims.load(Path(f))
        if {g.article for g in claim.evidence} & NEAR
    }
    for label, paths in [("shipped", judge_gate.SHIPPED)] + [(p, judge_gate.judged(p)) for p in prefixes]:
        right = yardstick.correctness(paths)
        on = sum(right[k] for k in near)
        print(
            f"{label}: {on} of {len(near)} about the near articles, {sum(right.values()) - on} of "
            f"{len(right) - len(near)} about the others",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
