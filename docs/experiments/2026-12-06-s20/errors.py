"""Out-of-fold errors of the shipped configuration on the tuning claims (session 16's pickles), bucketed by gold,
predicted, the LLM's reading (T: some P(true) >= 0.5; F: P(false) >= 0.5; N: neither) and the trained judge's (t, f, n);
then every news refuted claim answered supported, with its most decisive statements."""
import sys, collections
sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled
from eval import fitting, metrics
tune = pickled.judged("var/s16/shipped-tune.pkl")
pred = fitting.out_of_fold(tune, 0.3, 0.3, fitting.FEATURE_SETS["judges+checks"])
def bucket(e):
    js=e.judgement.judged
    read=[j for j in js if j.llm is not None]
    lt=max((j.llm.true for j in read),default=-1); lf=max((j.llm.false for j in read),default=-1)
    ct=max((j.trained.true for j in js),default=0); cf=max((j.trained.false for j in js),default=0)
    llm = 'T' if lt>=0.5 else 'F' if lf>=0.5 else 'N'
    ce = ('t' if ct>=0.5 else '') + ('f' if cf>=0.5 else '') or 'n'
    return llm, ce
for group in ('news','seeds'):
    c=collections.Counter(); tot=0
    for e,p in zip(tune,pred):
        if e.group!=group: continue
        tot+=1
        if metrics.correct(e.claim.label,e.claim.also,p): 
            c['right']+=1; continue
        llm,ce=bucket(e)
        c[(e.claim.label[:3],p[:3],'llm'+llm,'ce'+ce)]+=1
    print(group,tot)
    for k,v in c.most_common(25): print('  ',v,k)
print()
from service.evidence import passage
n=0
for e,p in zip(tune,pred):
    if e.group!='news' or e.claim.label!='refuted' or p!='supported': continue
    print('CLAIM', e.claim.claim, '| tags', e.claim.tags)
    js=sorted(e.judgement.judged,key=lambda j:-max(j.trained.true,j.trained.false))[:3]
    for j in js:
        print(f"   ce t={j.trained.true:.2f} f={j.trained.false:.2f} llm={'-' if j.llm is None else f'{j.llm.true:.2f}/{j.llm.false:.2f}'} :: {j.hit.sentence.text[:220]}")
    for j in e.judgement.judged:
        if j.llm is not None and j not in js:
            print(f"   [llm] ce t={j.trained.true:.2f} f={j.trained.false:.2f} llm={j.llm.true:.2f}/{j.llm.false:.2f} :: {j.hit.sentence.text[:220]}")
