"""Offline: a claim that joins facts from two sentences of one article is read as neither against each alone.
Would the trained judge, reading two of a part's top retrieved statements of one article joined (in article order;
adjacent ones are already read together, the first as the second's context), confirm such claims? On the pickled
judging (today@2): the joined readings as features, screened by the fit's cross-validation at the shipped
threshold and penalty, then `eval fit`'s full choice and the test split. Measuring only."""
import json, pickle, sys
from itertools import combinations
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import policies
from replay import fit_and_report, replay
from eval import fitting
from eval.__main__ import _settings
from service.evidence import passage
from service.loading import load_reader

TOP = 5
reader = load_reader(_settings(None))


def joined(g):
    """Per part, the trained judge's reading of each joined pair of its top statements."""
    out = {}
    for p, part in enumerate(g.parts):
        top = [j for j in g.of_part(p) if not getattr(j, "quotes_claim", False)][:TOP]
        pairs = []
        for a, b in combinations(top, 2):
            if a.hit.sentence.article_id != b.hit.sentence.article_id:
                continue
            a, b = sorted((a, b), key=lambda j: j.hit.sentence.position)
            if b.hit.sentence.position - a.hit.sentence.position > 1:
                pairs.append(f"{passage(a.hit)} {b.hit.sentence.text}")
        out[p] = reader.read(part, pairs) if pairs else []
    return out


def extra(e, cache):
    g = e.judgement
    if not g.judged:
        return {"p_true_joined": 0.0, "p_false_joined": 0.0, "p_true_or_joined": 0.0}
    w = g.weakest_part()
    readings = cache[w]
    tj = max((r.true for r in readings), default=0.0)
    fj = max((r.false for r in readings), default=0.0)
    return {"p_true_joined": tj, "p_false_joined": fj, "p_true_or_joined": max(tj, e.features[0.3]["p_true"])}


def prepare(path):
    examples, _ = replay(pickle.load(open(path, "rb")), policies.today, 2)
    n_pairs = 0
    for e in examples:
        cache = joined(e.judgement) if e.judgement.judged else {}
        n_pairs += sum(len(v) for v in cache.values())
        x = extra(e, cache)
        for s in e.features:
            e.features[s].update(x)
    return examples, n_pairs


def main():
    tune, n = prepare("var/s14/tune.pkl")
    test, n_test = prepare("var/s14/test.pkl")
    print(f"joined pairs read: {n} over {len(tune)} tuning claims, {n_test} over {len(test)} test claims")
    sup = [e for e in tune if e.claim.label == "supported"]
    for name in ("p_true", "p_true_joined", "p_true_or_joined"):
        print(f"supported tuning claims with {name} > 0.5: {sum(e.features[0.3][name] > 0.5 for e in sup)}/{len(sup)}")
    wrong = [e for e in tune if e.claim.label != "supported"]
    for name in ("p_true", "p_true_or_joined"):
        print(f"non-supported tuning claims with {name} > 0.5: {sum(e.features[0.3][name] > 0.5 for e in wrong)}/{len(wrong)}")
    shipped = fitting.FEATURE_SETS["judges+checks"]
    swap = tuple("p_true_or_joined" if f == "p_true" else f for f in shipped)
    variants = {"shipped": shipped, "+joined": (*shipped, "p_true_joined", "p_false_joined"),
                "+p_true_joined": (*shipped, "p_true_joined"), "p_true->or_joined": swap}
    for name, feats in variants.items():
        r = fitting.cross_validate(tune, 0.3, 0.3, feats)
        print(f"{name:18s} screen CV mean-F1 {r['score']:.3f} "
              + json.dumps({g: round(v['macro_f1'], 3) for g, v in r['groups'].items()})
              + " recall " + json.dumps({k: round(v, 2) for k, v in r['recall'].items()}), flush=True)
    for name in ("+joined", "p_true->or_joined"):
        fit_and_report(f"{name} full fit: chose", tune, test, {name: variants[name], "shipped": shipped})


if __name__ == "__main__":
    main()
