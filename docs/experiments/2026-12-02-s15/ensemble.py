"""Offline (`ensemble.py [j4|j5] [new mean]`): both cross-encoders read every retrieved statement and their probabilities are averaged (or the new
judge's alone, or the larger of each), the LLM then reading the averaged judge's two choices (today's policy), on
the same tuning and test claims. The LLM's readings come from the union of session 14's superset pickles and
session 15's (each reading is of one statement against one part, so a reading made in either run is the one this
choice would get); a chosen statement that neither run had the LLM read is counted. `eval fit`'s choice, CV on
both tuning sets, the test split. Measuring only."""
import copy, pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import policies
from eval import fitting
from replay import fit_and_report, replay
from service.judge import Reading


def merged(old, new, how):
    out, missing = [], 0
    for a, b in zip(old, new):
        assert a.claim.id == b.claim.id and a.judgement.parts == b.judgement.parts
        e = copy.deepcopy(a)
        theirs = {(j.part, j.hit.key): j for j in b.judgement.judged}
        for j in e.judgement.judged:
            o = theirs.get((j.part, j.hit.key))
            if o is None:
                continue
            if how == "mean":
                j.trained = Reading((j.trained.true + o.trained.true) / 2, (j.trained.false + o.trained.false) / 2)
            elif how == "new":
                j.trained = o.trained
            if j.llm is None and o.llm is not None:
                j.llm = o.llm
        out.append(e)
    return out


def chosen_unread(examples):
    n = 0
    for e in examples:
        g = e.judgement
        if g.judged:
            pool = [j for j in g.of_part(g.weakest_part()) if not getattr(j, "quotes_claim", False)]
            n += sum(j.llm is None for j in policies.today(pool, 2))
    return n


old = {w: pickle.load(open(f"var/s14/{w}.pkl", "rb")) for w in ("tune", "test")}
judge = sys.argv[1] if len(sys.argv) > 1 else "j4"  # whose pickles: j4 or j5
new = {w: pickle.load(open(f"var/s15/{w}-{judge}.pkl", "rb")) for w in ("tune", "test")}
for how in sys.argv[2:] or ("new", "mean"):
    m = {w: merged(old[w], new[w], how) for w in old}
    print(how, "chosen statements the LLM never read:", {w: chosen_unread(v) for w, v in m.items()})
    tune, _ = replay(m["tune"], policies.today, 2)
    test, _ = replay(m["test"], policies.today, 2)
    fit_and_report(how, tune, test, fitting.feature_sets(head=False))
