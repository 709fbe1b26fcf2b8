"""Offline, on the pickled judging with today's choice of statements (var/s14/*.pkl, today@2): candidate features
computed from readings the verdict already has, each added to the shipped feature set, scored by `eval fit`'s
cross-validation at the shipped threshold and penalty (fast screen), then the CV confusion of the shipped set.
Measuring only."""
import json, pickle, sys
import numpy as np
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import policies
from replay import replay
from eval import fitting
from service.decide import RELATED, _sources, denying
from service.checks import detail_conflicts


def extra(g, s):
    judged = g.judged
    related = [j for j in judged if j.relevance >= RELATED]
    top = max(judged, key=lambda j: max(j.trained.true, j.trained.false), default=None)
    asked = [j for j in judged if j.llm is not None]
    weakest = g.of_part(g.weakest_part()) if judged else []
    closest = max(judged, key=lambda j: j.relevance, default=None)
    return {
        "p_false_sources": float(len(_sources(denying(judged, s)))),
        "margin": (top.trained.true - top.trained.false) if top else 0.0,
        "closest_true": closest.trained.true if closest else 0.0,
        "closest_false": closest.trained.false if closest else 0.0,
        "llm_false_closest": max((j.llm.false for j in asked if j is max(asked, key=lambda k: k.relevance)), default=0.0),
        "mean_true_related": float(np.mean([j.trained.true for j in related])) if related else 0.0,
        "n_parts": float(len(g.parts)),
        "p_false_weakest": max((j.trained.false for j in weakest), default=0.0),
        "conflict_and_true": max((j.relevance for j in related if detail_conflicts(g.parts[j.part], j.hit.sentence.text)), default=0.0)
        * max((j.trained.true for j in weakest), default=0.0),
    }


def main():
    tune, _ = replay(pickle.load(open("var/s14/tune.pkl", "rb")), policies.today, 2)
    for e in tune:
        for s in e.features:
            e.features[s].update(extra(e.judgement, s))
    shipped = fitting.FEATURE_SETS["judges+checks"]
    base = fitting.cross_validate(tune, 0.3, 0.3, shipped)
    print(f"shipped: CV mean-F1 {base['score']:.3f} " + json.dumps({g: round(v['macro_f1'], 3) for g, v in base['groups'].items()}))
    for name in extra(tune[0].judgement, 0.3):
        r = fitting.cross_validate(tune, 0.3, 0.3, (*shipped, name))
        print(f"+{name:18s} CV mean-F1 {r['score']:.3f} " + json.dumps({g: round(v['macro_f1'], 3) for g, v in r['groups'].items()})
              + " recall " + json.dumps({k: round(v, 2) for k, v in r['recall'].items()}), flush=True)


if __name__ == "__main__":
    main()
