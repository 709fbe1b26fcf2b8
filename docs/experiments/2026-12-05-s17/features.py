"""Candidate features for `conflicting` replayed on pickled judging (session 16's pickle_sets.py): each added to
the shipped feature set (judges+checks), `eval fit`'s choice of penalty and threshold, CV per tuning set only
(`features.py PREFIX [--held-out]`; --held-out also scores the test split and the news test claims).
- detail_disagreement: one article confirms (either judge) while a statement of another article states other
  numbers or dates than the claim part it was judged for: the weaker of the two (confirmation, that cosine).
- llm_false_other: the LLM's P(false) on a statement from another article than the most confirming one.
- names_missing: the share of a claim part's names that its most confirming statement does not contain."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
import service.decide as decide  # noqa: E402
from eval import fitting  # noqa: E402
from index.lexical import tokens  # noqa: E402
from service.checks import _inner_names, detail_conflicts  # noqa: E402
from service.evidence import RELATED  # noqa: E402

shipped_features = decide.features


def _related(judged):
    return [j for j in judged if j.relevance >= RELATED]


def _most_confirming(related):
    return max(related, key=lambda j: decide.stronger_reading(j).true)


def detail_disagreement(judgement):
    related = _related(judgement.judged)
    conflicted = [j for j in related if detail_conflicts(judgement.parts[j.part], j.hit.sentence.text)]
    best = 0.0
    for a in related:
        for b in conflicted:
            if a.part == b.part and not set(a.hit.sources) & set(b.hit.sources):
                best = max(best, min(decide.stronger_reading(a).true, b.relevance))
    return best


def llm_false_other(judgement):
    related = _related(judgement.judged)
    if not related:
        return 0.0
    top = _most_confirming(related)
    return max((j.llm.false for j in related if j.llm is not None and not set(j.hit.sources) & set(top.hit.sources)),
               default=0.0)


def names_missing(judgement):
    """Per claim part, the share of its names (capitalised words after the first) that the statement most
    confirming it does not contain; the largest over parts."""
    worst = 0.0
    for p, part in enumerate(judgement.parts):
        related = _related(judgement.of_part(p))
        names = [n for n in _inner_names(part) if tokens(n)]
        if not related or not names:
            continue
        top = _most_confirming(related)
        have = set(tokens(top.hit.sentence.text))
        worst = max(worst, sum(not set(tokens(n)) <= have for n in names) / len(names))
    return worst


EXTRA = {"detail_disagreement": detail_disagreement, "llm_false_other": llm_false_other,
         "names_missing": names_missing}


def features(judgement, support):
    out = shipped_features(judgement, support)
    return {**out, **{name: f(judgement) for name, f in EXTRA.items()}}


pickled.features = features
prefix = sys.argv[1]
names = ("tune", "test", "news-test") if "--held-out" in sys.argv else ("tune",)
sets = {n: pickled.with_features(pickle.load(open(f"{prefix}-{n}.pkl", "rb"))) for n in names}
base = fitting.FEATURE_SETS["judges+checks"]
candidates = {
    "shipped": base,
    **{f"+{n}": (*base, n) for n in EXTRA},
    "+both": (*base, "detail_disagreement", "llm_false_other"),
    "+all": (*base, *EXTRA),
}
for label, chosen in candidates.items():
    pickled.fit_and_report(label, sets["tune"], {n: sets[n] for n in names[1:]}, {label: chosen})
