"""Two statements of one article read together: does the trained judge confirm claims that join facts from two
sentences when it reads both at once? Replayed on session 16's pickled judging (pickle_sets.py).

For every claim part, its related statements (cosine >= RELATED, a content word shared, not quoting the claim), the
K closest; every pair of them from one article that are not neighbours (a sentence is already read after the one
before it) is read by the trained judge as one passage, the earlier sentence first. The readings are cached in
`PREFIX-joint.pkl` (delete it to reread). Each variant adds those pairs to the judged statements as statements
of their own (relevance: the lower of the two), so every feature sees them; then `eval fit`'s choice, CV on the
tuning sets, and the held-out figures.

`joint.py PREFIX [K]`"""
import copy
import dataclasses
import os
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
from eval import fitting  # noqa: E402
from judge.model import CrossEncoderJudge  # noqa: E402
from service.evidence import RELATED, Judged  # noqa: E402
from service.judge import TrainedReader  # noqa: E402

prefix = sys.argv[1]
K = int(sys.argv[2]) if len(sys.argv) > 2 else 6
NAMES = ("tune", "test", "news-test")
sets = {n: pickle.load(open(f"{prefix}-{n}.pkl", "rb")) for n in NAMES}


def pairs(judgement):
    """(part, earlier, later) for every pair of close related statements of one article that are not neighbours."""
    out = []
    for p in range(len(judgement.parts)):
        near = [j for j in judgement.of_part(p) if j.relevance >= RELATED and j.shares_words and not getattr(j, "quotes_claim", False)]
        near = sorted(near, key=lambda j: -j.relevance)[:K]
        for a in near:
            for b in near:
                sa, sb = a.hit.sentence, b.hit.sentence
                if sa.article_id == sb.article_id and sb.position - sa.position >= 2:
                    out.append((p, a, b))
    return out


cache_path = f"{prefix}-joint-k{K}-parts.pkl"  # keyed by claim part too
cache = pickle.load(open(cache_path, "rb")) if os.path.exists(cache_path) else {}
reader = None
for n in NAMES:
    for e in sets[n]:
        key = (n, e.claim.id)
        if key in cache:
            continue
        found = pairs(e.judgement)
        if found:
            reader = reader or TrainedReader(CrossEncoderJudge())
            readings = []
            for p, a, b in found:
                readings += reader.read(e.judgement.parts[p], [f"{a.hit.sentence.text} {b.hit.sentence.text}"])
        cache[key] = [((p, a.hit.key, b.hit.key), r) for (p, a, b), r in zip(found, readings if found else [])]
    pickle.dump(cache, open(cache_path, "wb"))
print("pairs read:", sum(len(v) for v in cache.values()), flush=True)


def with_joint(examples, name, keep):
    """A copy of the examples with the joint readings `keep` accepts added as statements."""
    out = copy.deepcopy(examples)
    for e in out:
        readings = dict(cache[(name, e.claim.id)])
        added = []
        for p, a, b in pairs(e.judgement):
            r = readings[(p, a.hit.key, b.hit.key)]
            if keep(r, a, b):
                hit = dataclasses.replace(b.hit, before=a.hit.sentence.text, dense=min(a.relevance, b.relevance),
                                          copies=[])
                added.append(Judged(hit, p, r, shares_words=True))
        e.judgement.judged = e.judgement.judged + added
    return pickled.with_features(out)


VARIANTS = {
    "shipped": lambda r, a, b: False,
    "every pair": lambda r, a, b: True,
    "pairs confirming more than either": lambda r, a, b: r.true > max(a.trained.true, b.trained.true),
}
chosen = fitting.FEATURE_SETS["judges+checks"]
for label, keep in VARIANTS.items():
    judged = {n: with_joint(sets[n], n, keep) for n in NAMES}
    pickled.fit_and_report(label, judged["tune"], {n: judged[n] for n in NAMES[1:]}, {label: chosen})
