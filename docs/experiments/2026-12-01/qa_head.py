"""HaluEval QA, the 1.5B alone, one pass: its head's reading and its answer words' reading of the same forward
pass (eval.halueval's sample and claim form), balanced accuracy at the citation threshold and AUC for both."""
import json, sys
from tqdm import tqdm
from eval import halueval, metrics
from service.aggregate import SUPPORT
from service.loading import load_judge
from service.settings import Settings
n = int(sys.argv[1])
judge = load_judge(Settings(llm_head=True))
assert judge.head is not None
rows = []
for item in tqdm(halueval.sample(n, 0), file=sys.stderr):
    r = judge.read(halueval.claim_of(item), [item["knowledge"]])[0]
    rows.append({"truth": item["truth"], "head": r.true, "words": (r.words or r).true})
    with open("var/s10/qa_head.jsonl", "a") as f:
        f.write(json.dumps(rows[-1]) + "\n")
def auc(truth, score):
    pos = [s for t, s in zip(truth, score) if t]; neg = [s for t, s in zip(truth, score) if not t]
    return sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg))
truth = [r["truth"] for r in rows]
for k in ("head", "words"):
    print(k, "balanced accuracy", round(metrics.balanced_accuracy(truth, [r[k] >= SUPPORT for r in rows]), 3),
          "at", SUPPORT, "AUC", round(auc(truth, [r[k] for r in rows]), 3), "n", len(rows))
