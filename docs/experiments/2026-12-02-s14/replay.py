"""Offline, on pickle_superset.py's pickles (var/s14/tune.pkl, test.pkl): each policy at each limit, the LLM's
readings kept only on the statements it would choose, features recomputed, `eval fit`'s choice over its feature
sets (5-fold CV on both tuning sets) and the test split scored. Measuring only."""
import copy, json, pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import pickled
import policies
from eval import fitting


def replay(examples, policy, limit):
    out = copy.deepcopy(examples)
    read = asked = 0
    for e in out:
        g = e.judgement
        if not g.judged:
            continue
        pool = [j for j in g.of_part(g.weakest_part()) if not getattr(j, "quotes_claim", False)]
        keep = {id(j) for j in policy(pool, limit)}
        for j in g.judged:
            if id(j) not in keep:
                j.llm = None
        n = sum(j.llm is not None for j in g.judged)
        read += n
        asked += 1
    return pickled.with_features(out), read / max(asked, 1)


def fit_and_report(label, tune, test, feature_sets):
    """`eval fit`'s choice over feature_sets on the tuning claims, its CV figures and the test split's, printed."""
    model, trials = fitting.fit_best(tune, {}, feature_sets)
    m = model.meta
    f1 = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
    print(f"{label}  {m['feature_set']} s={model.support} l2={m['l2']} "
          f"CV mean-F1 {f1:.3f} {json.dumps(m['cv_by_set'])} recall {json.dumps(m['cv_recall'])}")
    print(f"{'':14s} TEST {json.dumps(pickled.score(model, test))}", flush=True)
    return model, trials


def main():
    tune = pickle.load(open("var/s14/tune.pkl", "rb"))
    test = pickle.load(open("var/s14/test.pkl", "rb"))
    runs = [("today", 2), ("other_article", 2), ("opposite", 2), ("today", 3), ("other_article", 3), ("opposite", 3)]
    for name, limit in runs:
        policy = policies.POLICIES[name]
        tu, mean_read = replay(tune, policy, limit)
        te, _ = replay(test, policy, limit)
        fit_and_report(f"{name}@{limit} read {mean_read:.2f}/claim", tu, te, fitting.feature_sets(head=False))


if __name__ == "__main__":
    main()
