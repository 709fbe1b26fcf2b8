"""Rule 20 (README here): the question-first prompt's judging of the seven held-out sets (OUT-SET.pkl, from
`CLAIMS_LLM_PROMPT=entail_question_first reading.py decisive OUT SET...`) through the refitted `+question-first`
weights, against the shipped default (session 31's and 32's judging through the shipped weights), per set and
pooled, with the rule's verdict. `qf.py OUT`"""
import pickle
import sys
from pathlib import Path

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s31"):
    sys.path.insert(0, folder)
from joint import HELD  # noqa: E402
from pickled import score, with_features  # noqa: E402

from service import aggregate  # noqa: E402

SETS = [*HELD, "news-test-d"]
SHIPPED = {**{n: f"var/s31/joint-{n}.pkl" for n in HELD}, "news-test-d": "var/s32/joint-news-test-d.pkl"}
SEEDS = ("test", "test-b")


def right(weights, pickles):
    model = aggregate.load(Path(weights))
    out = {}
    for name in SETS:
        claims = with_features(pickle.load(open(pickles[name], "rb")))
        figures = score(model, claims)
        out[name] = round(figures["acc"] * len(claims))
        print(f"    {name}: {out[name]} of {len(claims)} {figures}", flush=True)
    return out


def main(prefix):
    print("shipped default: service/weights/qwen2.5-coder-1.5b.json", flush=True)
    before = right("service/weights/qwen2.5-coder-1.5b.json", SHIPPED)
    print("question-first: service/weights/qwen2.5-coder-1.5b+question-first.json", flush=True)
    after = right("service/weights/qwen2.5-coder-1.5b+question-first.json", {n: f"{prefix}-{n}.pkl" for n in SETS})
    drops = {n: before[n] - after[n] for n in SETS}
    seeds = sum(drops[n] for n in SEEDS)
    print(f"pooled: {sum(after.values())} against {sum(before.values())}; per set {drops} (positive = lost); "
          f"seed sets lose {seeds}", flush=True)
    passed = sum(after.values()) >= sum(before.values()) and max(drops.values()) <= 3 and seeds <= 3
    print("rule 20:", "passed" if passed else "failed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
