"""For the statement the local model reads most true (P(true) >= 0.5) of each tuning claim: how the trained judge
reads it, whether its numbers, dates or roles differ from the claim part's (`detail_conflicts`), and the gold label.
Tuning claims only (session 16's pickled judging)."""
import sys, collections
sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled
from service.checks import detail_conflicts
tune = pickled.judged("var/s16/shipped-tune.pkl")
for group in ('news','seeds'):
    c=collections.Counter()
    for e in tune:
        if e.group!=group: continue
        js=[j for j in e.judgement.judged if j.llm is not None and j.llm.true>=0.5]
        if not js: continue
        j=max(js,key=lambda j:j.llm.true)
        conf=bool(detail_conflicts(e.judgement.parts[j.part], j.hit.sentence.text))
        cf='cf' if j.trained.false>=0.5 else 'ct' if j.trained.true>=0.5 else 'cn'
        c[(cf, 'detail' if conf else '-', e.claim.label[:3])]+=1
    print(group)
    for k in sorted(c): print('   ',k,c[k])
