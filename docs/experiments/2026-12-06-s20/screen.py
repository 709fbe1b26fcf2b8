"""The screen of the second rule (README here): the tuning claims' retrieved statements, as session 16 pickled them,
re-read by a trained judge, the LLM's readings kept on the statements it read; `eval fit`'s choice on the shipped
feature set. Also how often each judge reads the reserved rows' kept rewrites true, and the shipped kinds' pairs of
reserved rows. `screen.py SHIPPED_PREFIX JUDGE_DIR [JUDGE_DIR...]`."""
import json
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import paraphrase  # noqa: E402
import pickled  # noqa: E402
from eval import fitting  # noqa: E402
from judge.model import CrossEncoderJudge  # noqa: E402
from service.evidence import passage  # noqa: E402
from service.judge import Reading, TrainedReader  # noqa: E402


def reread(examples, reader):
    """Every statement's trained reading replaced by `reader`'s (a statement quoting the claim stays unread)."""
    for e in examples:
        j = e.judgement
        for part in range(len(j.parts)):
            mine = [x for x in j.of_part(part) if not x.quotes_claim]
            for x, r in zip(mine, reader.read(j.parts[part], [passage(x.hit) for x in mine]) if mine else []):
                x.trained = Reading(r.true, r.false)
    return examples


def rewrites_read_true(reader, path="var/s20/para-reserved.jsonl"):
    kept = [json.loads(line) for line in open(path)]
    kept = [r for r in kept if not r["refused"]]
    said = [reader.read(r["rewrite"], [r["evidence"]])[0] for r in kept]
    return {"rewrites": len(kept), "read_true": round(sum(s.true > max(s.false, 1 - s.true - s.false) for s in said)
            / max(1, len(said)), 3), "mean_p_false": round(sum(s.false for s in said) / max(1, len(said)), 3)}


def main(prefix, *judges):
    base = fitting.FEATURE_SETS["judges+checks"]
    for folder in judges:
        reader = TrainedReader(CrossEncoderJudge(Path(folder), threads=2))
        tune = pickle.load(open(f"{prefix}-tune.pkl", "rb"))
        if folder != "judge/weights":
            reread(tune, reader)
        pickled.with_features(tune)
        print(folder, json.dumps(rewrites_read_true(reader)), flush=True)
        pickled.fit_and_report(f"screen {folder}", tune, {}, {"shipped set": base})
        pickled.fit_and_report(f"screen {folder}, trained only", tune, {}, {"trained only": fitting.FEATURE_SETS[
            "trained only"]})


if __name__ == "__main__":
    main(*sys.argv[1:])
