"""Where the two judges read one statement alike or apart. On the tuning claims, a statement the trained judge
reads false (> 0.5) and the local LLM true (> 0.5) belongs to a supported claim 45 times of 82, and one both read
false to a refuted claim 24 of 27; the features today take each judge's highest P(false) over statements
separately and cannot see which statement either read. Candidate features, replayed on session 16's pickled
judging with `eval fit`'s choice (CV on the tuning sets), then the held-out sets:
- false_agreed: over the statements the LLM read, the highest min(trained P(false), LLM P(false));
- false_disputed: over the same, the highest min(trained P(false), LLM P(true));
- p_false_vetted (replacing p_false): the trained judge's highest P(false), where the LLM read a statement the
  lower of the two judges' P(false).
`agreement.py PREFIX`"""
import collections
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
import service.decide as decide  # noqa: E402
from eval import fitting  # noqa: E402

shipped_features = decide.features


def false_agreed(judgement):
    return max((min(j.trained.false, j.llm.false) for j in judgement.judged if j.llm is not None), default=0.0)


def false_disputed(judgement):
    return max((min(j.trained.false, j.llm.true) for j in judgement.judged if j.llm is not None), default=0.0)


def p_false_vetted(judgement):
    return max((j.trained.false if j.llm is None else min(j.trained.false, j.llm.false) for j in judgement.judged),
               default=0.0)


EXTRA = {"false_agreed": false_agreed, "false_disputed": false_disputed, "p_false_vetted": p_false_vetted}


def features(judgement, support):
    return {**shipped_features(judgement, support), **{name: f(judgement) for name, f in EXTRA.items()}}


pickled.features = features
prefix = sys.argv[1]
names = ("tune", "test", "news-test")
sets = {n: pickled.judged(f"{prefix}-{n}.pkl") for n in names}
for n in names:  # the counts in the docstring (taken on every set before any fit; no feature was chosen by them)
    apart, alike = collections.Counter(), collections.Counter()
    for e in sets[n]:
        read = [j for j in e.judgement.judged if j.llm is not None]
        apart[e.claim.label] += any(j.trained.false > 0.5 and j.llm.true > 0.5 for j in read)
        alike[e.claim.label] += any(j.trained.false > 0.5 and j.llm.false > 0.5 for j in read)
    print(f"{n}: claims with a statement read false by the trained judge and true by the LLM {dict(apart)}; "
          f"false by both {dict(alike)}", flush=True)
base = fitting.FEATURE_SETS["judges+checks"]
vetted = tuple("p_false_vetted" if f == "p_false" else f for f in base)
candidates = {
    "shipped": base,
    "+false_agreed": (*base, "false_agreed"),
    "+false_disputed": (*base, "false_disputed"),
    "+both": (*base, "false_agreed", "false_disputed"),
    "p_false vetted": vetted,
}
for label, chosen in candidates.items():
    pickled.fit_and_report(label, sets["tune"], {n: sets[n] for n in names[1:]}, {label: chosen})
