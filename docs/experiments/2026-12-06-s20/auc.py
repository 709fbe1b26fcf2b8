"""Supported against refuted tuning claims: area under the ROC curve of single features. `auc.py [TUNE_PICKLE]`
(default: session 16's pickle of the shipped judging)."""
import sys
sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled
from sklearn.metrics import roc_auc_score
tune = pickled.judged(sys.argv[1] if len(sys.argv) > 1 else "var/s16/shipped-tune.pkl")
for group in ('news','seeds'):
    ex=[e for e in tune if e.group==group and e.claim.label in ('supported','refuted')]
    y=[e.claim.label=='supported' for e in ex]
    for f in ('llm_true','p_true','llm_false','p_false','llm_true_closest','detail_conflict'):
        print(group, f, round(roc_auc_score(y,[e.features[0.3][f] for e in ex]),3))
    # per statement: llm true minus false
    import numpy as np
    print(group,'llm t-f',round(roc_auc_score(y,[max((j.llm.true-j.llm.false for j in e.judgement.judged if j.llm),default=0) for e in ex]),3))
    print(group,'ce t-f on llm-read',round(roc_auc_score(y,[max((j.trained.true-j.trained.false for j in e.judgement.judged if j.llm),default=0) for e in ex]),3))
