"""What the detail check costs a claim, before (each statement alone, `detail_conflicts`) and after (`contradicting`),
in one run on session 31's judging of the tuning claims: `cost.py`. Three rounds each, alternating; the best round."""
import pickle
import time

from service.checks import contradicting, detail_conflicts

claims = pickle.load(open("var/s31/joint-tune.pkl", "rb"))


def before(j):
    return [bool(detail_conflicts(j.parts[s.part], s.hit.sentence.text)) for s in j.judged]


def after(j):
    return [c for p in range(len(j.parts)) for c in contradicting(j.parts[p], [s.hit.sentence.text for s in j.of_part(p)])]


best = {"before": float("inf"), "after": float("inf")}
for _ in range(3):
    for name, check in (("before", before), ("after", after)):
        start = time.perf_counter()
        for e in claims:
            check(e.judgement)
        best[name] = min(best[name], time.perf_counter() - start)
statements = sum(len(e.judgement.judged) for e in claims)
for name, seconds in best.items():
    print(f"{name}: {1000 * seconds / len(claims):.2f} ms a claim ({statements / len(claims):.1f} statements)")
print(f"after / before: {best['after'] / best['before']:.2f}")
