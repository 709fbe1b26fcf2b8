"""Accuracy by tag of an eval run's predictions, the conflicting claims left out (they are few and fail together),
with each tag's three commonest wrong answers. `run_tags.py CLAIMS PREDICTIONS` (e.g. eval/data/test-b.jsonl
var/eval/test-b/predictions.jsonl)."""
import collections
import json
import sys

gold = {r["id"]: r for r in map(json.loads, open(sys.argv[1]))}
by_tag, wrong = collections.defaultdict(list), collections.defaultdict(collections.Counter)
hits = []
for p in map(json.loads, open(sys.argv[2])):
    g = gold[p["id"]]
    if g["label"] == "conflicting":
        continue
    right = p["label"] == g["label"] or p["label"] in g.get("also", [])
    hits.append(right)
    for t in g["tags"]:
        by_tag[t].append(right)
        if not right:
            wrong[t][f"{g['label']}->{p['label']}"] += 1
print(f"without the conflicting claims: {sum(hits)} of {len(hits)} right ({sum(hits) / len(hits):.3f})")
for t, v in sorted(by_tag.items(), key=lambda kv: sum(kv[1]) / len(kv[1])):
    print(f"{t:<20} {sum(v) / len(v):.2f} (n={len(v)})  {dict(wrong[t].most_common(3))}")
