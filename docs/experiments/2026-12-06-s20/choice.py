"""How the first statement the LLM read was chosen (by the trained judge's P(true) or P(false)), and whether the
statement the trained judge reads most true was read by the LLM (session 16's pickles of the tuning claims)."""
import sys, collections
sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled
from service.evidence import decisive
tune = pickled.judged("var/s16/shipped-tune.pkl")
c=collections.Counter()
for e in tune:
    J=e.judgement
    read=[j for j in J.judged if j.llm is not None]
    if not read: c['none']+=1; continue
    part=read[0].part
    js=[j for j in J.of_part(part) if not getattr(j, "quotes_claim", False)]
    d=decisive(js)
    first_retrieved=js[0]
    byfalse = d.trained.false>d.trained.true
    best_true=max(js,key=lambda j:j.trained.true)
    c[(e.group,'decisive-by-false' if byfalse else 'decisive-by-true', 'same-as-top-retrieved' if d is first_retrieved else 'other', 'best_true_read' if best_true.llm is not None else 'best_true_unread')]+=1
for k in sorted(c, key=str): print(k,c[k])
print(sum(len(e.judgement.judged) for e in tune)/len(tune), 'statements per claim')
