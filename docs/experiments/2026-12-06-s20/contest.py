"""Tuning claims where the statement the LLM reads true the trained judge reads false (min of the two >= 0.5), by gold
label. Session 16's pickled judging."""
import sys, collections
sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled
for name in ["var/s16/shipped-tune.pkl"]:
    tune = pickled.judged(name)
    for group in ('news','seeds'):
        c=collections.Counter(); d=collections.Counter()
        for e in tune:
            if e.group!=group: continue
            js=[j for j in e.judgement.judged if j.llm is not None]
            contested=max((min(j.llm.true,j.trained.false) for j in js),default=0)
            agreed=max((min(j.llm.true,1-j.trained.false) for j in js),default=0)
            c[(e.claim.label, 'contested' if contested>=0.5 else '-')]+=1
        print(group, sorted(c.items()))
