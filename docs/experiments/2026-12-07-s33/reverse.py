"""Rule 19 (README here): the local LLM reads each statement it read for a claim a second time the other way round,
the claim as the evidence and the statement as the claim. A claim that adds a detail to a statement implies it
(reverse "true"); one that changes a detail contradicts it both ways; a paraphrase implies it too. The weakest
axis of the verdict is refuted against not_enough_info (AUC of the LLM's own P(true) 0.67 on the news tuning
claims), which this reading is meant to separate.

`reverse.py read PICKLE OUT.jsonl` reads, for every claim of a pickled judging, every statement its LLM read,
reversed (resumable: a line per statement, keyed by set, claim id and sentence).
`reverse.py screen TUNE_PICKLE READS.jsonl` prints per tuning set and label the features' means and `eval fit`'s
cross-validation of the shipped feature set and with each feature. (The rule's second stage was never reached, so
there is no replay on the held-out sets.)"""
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-07-s33")
from cover import SHIPPED, fit  # noqa: E402
from pickled import with_features  # noqa: E402

from eval import fitting  # noqa: E402

FORMS = {
    "shipped": SHIPPED,
    "+implied": (*SHIPPED, "llm_implied"),
    "+false_both": (*SHIPPED, "llm_false_both"),
    "+both": (*SHIPPED, "llm_implied", "llm_false_both"),
    "+implied_top": (*SHIPPED, "llm_implied_top"),
}


def key(name, e, j):
    return f"{name}\t{e.claim.id}\t{j.part}\t{j.hit.sentence.text}"


def read(path, out):
    from eval.__main__ import _settings
    from service.loading import load_judge

    name = Path(path).stem
    examples = pickle.load(open(path, "rb"))
    done = set()
    if Path(out).exists():
        done = {json.loads(line)["key"] for line in open(out, encoding="utf-8")}
    todo = [(e, j) for e in examples for j in e.judgement.judged if j.llm is not None and key(name, e, j) not in done]
    judge = load_judge(_settings(None))
    with open(out, "a", encoding="utf-8") as f:
        for e, j in tqdm(todo, file=sys.stderr, desc=name):
            r = judge.read(j.hit.sentence.text, [e.judgement.parts[j.part]])[0]
            f.write(json.dumps({"key": key(name, e, j), "true": r.true, "false": r.false}) + "\n")
            f.flush()


def with_reverse(path, reads):
    name = Path(path).stem
    examples = with_features(pickle.load(open(path, "rb")))
    for e in examples:
        implied = both = top = 0.0
        read = [j for j in e.judgement.judged if j.llm is not None]
        for j in read:
            r = reads[key(name, e, j)]
            implied = max(implied, r["true"])
            both = max(both, min(j.llm.false, r["false"]))
        if read:
            top = reads[key(name, e, max(read, key=lambda j: j.llm.true))]["true"]
        for row in e.features.values():
            row.update({"llm_implied": implied, "llm_false_both": both, "llm_implied_top": top})
    return examples


def load_reads(path):
    return {row["key"]: row for row in map(json.loads, open(path, encoding="utf-8"))}


def screen(tune, reads_path):
    examples = with_reverse(tune, load_reads(reads_path))
    table = defaultdict(list)
    for e in examples:
        f = e.features[fitting.SUPPORT]
        table[(e.group, e.claim.label)].append((f["llm_true"], f["llm_implied"], f["llm_false"], f["llm_false_both"]))
    for (group, label), rows in sorted(table.items()):
        n = len(rows)
        means = [sum(r[i] for r in rows) / n for i in range(4)]
        print(f"{group:6s} {label:16s} n={n:3d} llm_true {means[0]:.3f} llm_implied {means[1]:.3f} "
              f"llm_false {means[2]:.3f} llm_false_both {means[3]:.3f}", flush=True)
    for name in FORMS:
        fit(name, examples, FORMS)


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    {"read": read, "screen": screen}[command](*rest)
