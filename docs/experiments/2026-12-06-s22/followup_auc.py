"""AUCs of the follow-up answers (followup.py's output), by label pair, beside the shipped readings."""
import json
import sys

from sklearn.metrics import roc_auc_score

rows = [json.loads(line) for line in open(sys.argv[1])]
print(len(rows), "claims;", {k: sum(r["label"] == k for r in rows) for k in ("supported", "refuted", "not_enough_info", "conflicting")})
pairs = {"refuted vs supported": ("refuted", "supported"), "NEI vs supported": ("not_enough_info", "supported"),
         "refuted vs NEI": ("refuted", "not_enough_info")}
for title, (pos, neg) in pairs.items():
    sub = [r for r in rows if r["label"] in (pos, neg)]
    y = [r["label"] == pos for r in sub]
    scores = {"llm_false": [r["llm_false"] for r in sub], "1-llm_true": [1 - r["llm_true"] for r in sub],
              "trained_false": [r["trained_false"] for r in sub], "changed": [r["changed"] for r in sub],
              "added": [r["added"] for r in sub]}
    print(title, {k: round(roc_auc_score(y, v), 3) for k, v in scores.items()})
    said_true = [r for r in sub if r["llm_true"] >= 0.5]
    if len({r["label"] for r in said_true}) == 2:
        yt = [r["label"] == pos for r in said_true]
        print("   where the LLM said true", len(said_true), {k: round(roc_auc_score(yt, [r[k] for r in said_true]), 3)
                                                          for k in ("changed", "added", "trained_false")})
for k in ("supported", "refuted", "not_enough_info"):
    sub = [r for r in rows if r["label"] == k]
    if sub:
        print(k, {q: round(sum(r[q] for r in sub) / len(sub), 3) for q in ("changed", "added", "llm_true", "llm_false")})
