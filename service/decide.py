"""The decide stage: the judged evidence as a few numbers, weighed by a fitted aggregator into one verdict that
the evidence can be cited for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from service.aggregate import Aggregator
from service.checks import contradicting, unknown_names
from service.evidence import RELATED, Judged, Judgement
from service.judge import Reading
from service.schemas import Label

LLM_SUPPORT = 0.5  # the local LLM's P(true) at which it confirms a statement, and its P(false) at which it denies one
# In a claim of several parts (a summary), the trained judge's P(true) the LLM's confirmation also needs.
LLM_FLOOR = 0.05

# Every number the decision may weigh, each with what it says; an aggregator weighs those it was fitted on.
FEATURES: dict[str, str] = {
    "relevance": "cosine of the closest statement: does the archive speak about the claim's subject?",
    "p_true": "trained judge: highest P(true) over the statements (of the claim's least supported part)",
    "p_false": "trained judge: highest P(false) over the statements of any part",
    "p_true_sources": "articles with a statement at P(true) >= the citation threshold (least supported part)",
    "disagreement": "one article's P(true) against another's P(false): the stronger pair, the lower of the two",
    "llm_disagreement": "as disagreement, each statement read by the stronger of the trained judge and the local LLM",
    "llm_true": "the local LLM's highest P(true) over the statements it read",
    "llm_false": "the local LLM's highest P(false) over the statements it read",
    "llm_true_closest": "the local LLM's P(true) on the closest statement it read",
    "llm_words_true": "the local LLM's answer words (log-probabilities, also where a head reads it): highest P(true)",
    "llm_words_false": "the local LLM's answer words: highest P(false) over the statements it read",
    "unknown_names": "the claim names things the archive never mentions (deterministic check)",
    "detail_conflict": "cosine of the closest statement giving another number of the same thing (a score, a "
    "duration) or another date or weekday, where no statement read for the same part gives the claim's, or the "
    "person another title (deterministic check)",
}
# What `python -m eval fit` fits by default: chosen by cross-validation on both tuning sets (README).
DEFAULT_FEATURES = (
    "relevance",
    "p_true",
    "p_false",
    "p_true_sources",
    "disagreement",
    "llm_disagreement",
    "llm_true",
    "llm_false",
    "llm_true_closest",
)


@dataclass
class Outcome:
    label: Label
    confidence: float
    features: dict[str, float] = field(default_factory=dict)
    probabilities: dict[Label, float] = field(default_factory=dict)


def confirming(judged: list[Judged], support: float, parts: int) -> list[Judged]:
    """Statements a reader can check the claim against: related, and judged true by the trained judge at the
    citation threshold or by the local LLM. Until 2026-12-05 the LLM's confirmation counted only where the
    trained judge gave the statement P(true) >= 0.05, so that an LLM talked into "true" could not make a
    statement citable alone; the trained judge reads many plain paraphrases of news at 0.01-0.02, and without the
    floor the verdicts cross-validate better on the tuning sets (docs/history.md, session 16). A fully gullible LLM
    could now make a related statement citable (tests/test_api.py); that the real local model is not talked into it
    by words in a claim or an article is what tests/test_injection.py checks, on 82 cases.
    In a claim of several `parts` (a summary; every part the claim splits into counts) the floor holds again:
    without it the service answered "supported" to 66% of the hallucinated summaries of training-row articles,
    28% with it (docs/history.md, session 21)."""
    found = [j for j in judged if j.relevance >= RELATED and (j.trained.true >= support or _llm_confirms(j, parts))]
    return sorted(found, key=lambda j: j.trained.true, reverse=True)


def _llm_confirms(j: Judged, parts: int) -> bool:
    floor = LLM_FLOOR if parts > 1 else 0.0
    return j.llm is not None and j.llm.true >= LLM_SUPPORT and j.trained.true >= floor


def denying(judged: list[Judged], support: float) -> list[Judged]:
    """Related statements a reader can check a contradiction against: read as showing the claim false by the
    trained judge at the citation threshold, or by the local LLM at P(false) >= LLM_SUPPORT (as it confirms)."""
    found = [j for j in judged if j.relevance >= RELATED and (j.trained.false >= support or _llm_denies(j))]
    return sorted(found, key=lambda j: stronger_reading(j).false, reverse=True)


def _llm_denies(j: Judged) -> bool:
    return j.llm is not None and j.llm.false >= LLM_SUPPORT


def _sources(judged: list[Judged]) -> set[str]:
    return {a for j in judged for a in j.hit.sources}


def disagreement(judged: list[Judged], read: Callable[[Judged], Reading] = lambda j: j.trained) -> float:
    """How strongly one article confirms what another contradicts: max over such pairs of the weaker side
    (statements about something else do not count), each statement as `read` reads it."""
    best = 0.0
    related = [j for j in judged if j.relevance >= RELATED]
    for a in related:
        for b in related:
            if not set(a.hit.sources) & set(b.hit.sources):
                best = max(best, min(read(a).true, read(b).false))
    return best


def stronger_reading(j: Judged) -> Reading:
    """The trained judge's reading, each probability raised to the local LLM's where it read the statement."""
    if j.llm is None:
        return j.trained
    return Reading(max(j.trained.true, j.llm.true), max(j.trained.false, j.llm.false))


def _contradicting(part: str, statements: list[Judged]) -> list[Judged]:
    """The statements read for a part of the claim that contradict one of its details (`checks.contradicting`)."""
    texts = [j.hit.sentence.text for j in statements]
    return [j for j, contradicts in zip(statements, contradicting(part, texts), strict=True) if contradicts]


def features(judgement: Judgement, support: float) -> dict[str, float]:
    """Every number in FEATURES for one claim's judged evidence, at a citation threshold."""
    judged = judgement.judged
    weakest = judgement.of_part(judgement.weakest_part()) if judged else []
    asked = [j.llm for j in judged if j.llm is not None]
    words = [r.words or r for r in asked]
    closest_asked = max((j for j in judged if j.llm is not None), key=lambda j: j.relevance, default=None)
    by_part = [judgement.of_part(p) for p in range(len(judgement.parts))]
    conflicted = [
        j.relevance for text, of in zip(judgement.parts, by_part, strict=True) for j in _contradicting(text, of)
    ]
    return {
        "relevance": max((j.relevance for j in judged), default=0.0),
        "p_true": max((j.trained.true for j in weakest), default=0.0),
        "p_false": max((j.trained.false for j in judged), default=0.0),
        "p_true_sources": float(len(_sources(confirming(weakest, support, len(judgement.parts))))),
        "disagreement": max((disagreement(part) for part in by_part), default=0.0),
        "llm_disagreement": max((disagreement(part, stronger_reading) for part in by_part), default=0.0),
        "llm_true": max((r.true for r in asked), default=0.0),
        "llm_false": max((r.false for r in asked), default=0.0),
        "llm_true_closest": closest_asked.llm.true if closest_asked and closest_asked.llm else 0.0,
        "llm_words_true": max((r.true for r in words), default=0.0),
        "llm_words_false": max((r.false for r in words), default=0.0),
        "unknown_names": float(bool(unknown_names(judgement.judged_text(), judgement.vocabulary))),
        "detail_conflict": max(conflicted, default=0.0),
    }


def choose(probabilities: dict[Label, float], can_confirm: bool) -> Label:
    """The most probable verdict the evidence can be cited for: "supported" and "conflicting" need a statement
    that confirms the claim, so that a reader can check the verdict."""
    possible = [label for label in probabilities if can_confirm or label not in ("supported", "conflicting")]
    return max(possible, key=probabilities.__getitem__)


def decide(judgement: Judgement, aggregator: Aggregator, values: dict[str, float] | None = None) -> Outcome:
    """The aggregator's most probable verdict that the evidence can be cited for; `values` are the judgement's
    features at the aggregator's threshold when already computed (fitting computes them once per threshold)."""
    if not judgement.judged:
        return Outcome("not_enough_info", 0.9)
    values = values if values is not None else features(judgement, aggregator.support)
    probabilities = aggregator.probabilities(values)
    label = choose(probabilities, values["p_true_sources"] > 0)
    return Outcome(label, probabilities[label], values, probabilities)
