"""Exploration, tuning claims only: how many of a claim's content words its closest statements' articles never use,
by label (AUC not_enough_info against refuted, and each against supported)."""
import sys

from sklearn.metrics import roc_auc_score

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading  # noqa: E402
from index.lexical import tokens  # noqa: E402

STOP: set[str] = set()  # index.lexical.tokens already drops its stop words


def absent(e, k=3):
    judged = sorted(e.judgement.judged, key=lambda j: j.relevance, reverse=True)[:k]
    words = set()
    for j in judged:
        words |= set(tokens(j.hit.article.text))
    claim = [t for t in tokens(e.claim.claim) if t not in STOP]
    missing = [t for t in claim if t not in words]
    return len(missing), len(missing) / max(1, len(claim))


rows = [(e.claim.label, *absent(e)) for e in reading.load(reading.SHIPPED["tune"]) if e.judgement.judged]
for pos, neg in (("not_enough_info", "refuted"), ("not_enough_info", "supported"), ("refuted", "supported")):
    sub = [r for r in rows if r[0] in (pos, neg)]
    y = [r[0] == pos for r in sub]
    print(pos, "vs", neg, "count AUC", round(roc_auc_score(y, [r[1] for r in sub]), 3),
          "share AUC", round(roc_auc_score(y, [r[2] for r in sub]), 3))
for label in ("supported", "refuted", "not_enough_info", "conflicting"):
    sub = [r for r in rows if r[0] == label]
    print(label, len(sub), "mean absent", round(sum(r[1] for r in sub) / len(sub), 2))

groups = {"seeds": lambda e: not e.claim.id.startswith("news"), "news": lambda e: e.claim.id.startswith("news")}
examples = [e for e in reading.load(reading.SHIPPED["tune"]) if e.judgement.judged]
for name, member in groups.items():
    sub = [(e.claim.label, absent(e)[1]) for e in examples if member(e)]
    for pos, neg in (("not_enough_info", "refuted"), ("not_enough_info", "supported")):
        pair = [r for r in sub if r[0] in (pos, neg)]
        print(name, len(pair), pos, "vs", neg, "share AUC", round(roc_auc_score([r[0] == pos for r in pair],
                                                                                [r[1] for r in pair]), 3))
