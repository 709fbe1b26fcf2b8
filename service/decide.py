"""Aggregate per-statement judgments into one verdict; pure functions, thresholds set by the eval harness."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.search import Hit
from service.checks import detail_conflicts, unknown_names
from service.schemas import Label, Stance

# Chosen on the dev split (python -m eval run --data eval/data/dev.jsonl); see README "Measured".
SUPPORT = 0.55  # entailment probability at which a statement counts as confirming the claim
RELEVANT = 0.65  # cosine similarity at which the archive is taken to speak about the claim's subject
CONFLICT_RELEVANT = 0.55  # cosine similarity at which a statement with other details contradicts
RELATED = 0.35  # cosine similarity below which a statement is about something else and cannot confirm


@dataclass
class Judged:
    """One retrieved statement with the judge's entailment probability (None: not judged)."""

    hit: Hit
    entail: float | None
    tainted: bool = False  # the sentence addresses a language model: data to show, never a confirmation
    stance: Stance = "neutral"
    stance_score: float = 0.0


@dataclass
class Outcome:
    label: Label
    confidence: float
    reason: str
    cited: list[Judged] = field(default_factory=list)


def passage(hit: Hit) -> str:
    """The text the judge reads for a hit: the sentence after the one before it ("he said" needs a "he")."""
    return f"{hit.before} {hit.sentence.text}" if hit.before else hit.sentence.text


def worth_judging(claim: str, hits: list[Hit], limit: int) -> list[Hit]:
    """The statements that could confirm the claim: related, and not contradicting its numbers or dates."""
    return [h for h in hits if (h.dense or 0.0) >= RELATED and not detail_conflicts(claim, h.sentence.text)][:limit]


def _relevance(j: Judged) -> float:
    return j.hit.dense if j.hit.dense is not None else 0.0


def decide(claim: str, judged: list[Judged], vocabulary: set[str], failure: str | None = None) -> Outcome:
    """Verdict from judged statements: confirmations, contradicting details, and relevance."""
    if not claim:
        return Outcome("not_enough_info", 0.9, "the claim holds only instructions to a model, no statement to check")
    if not judged:
        return Outcome("not_enough_info", 0.9, "the archive has no sentence related to the claim")
    if failure:
        return Outcome("not_enough_info", 0.5, failure, judged[:3])
    scored = [j for j in judged if j.entail is not None]
    conflicts = {id(j): detail_conflicts(claim, j.hit.sentence.text) for j in judged}
    # A person given the wrong title is an error in the claim, not a disagreement between sources.
    misnamed = [j for j in judged if "role" in conflicts[id(j)] and _relevance(j) >= CONFLICT_RELEVANT]
    if misnamed:
        for j in misnamed:
            j.stance, j.stance_score = "refutes", _relevance(j)
        confidence = max(_relevance(j) for j in misnamed)
        return Outcome("refuted", confidence, "the archive gives a person in the claim another title", misnamed)
    # A statement about something else cannot confirm, whatever the judge says (e.g. after an injection).
    confirming = [
        j
        for j in scored
        if not conflicts[id(j)] and not j.tainted and (j.entail or 0) >= SUPPORT and _relevance(j) >= RELATED
    ]
    contradicting = [j for j in judged if conflicts[id(j)] and _relevance(j) >= CONFLICT_RELEVANT]
    for j in confirming:
        j.stance, j.stance_score = "supports", j.entail or 0.0
    for j in contradicting:
        j.stance, j.stance_score = "refutes", _relevance(j)
    best_relevance = max(_relevance(j) for j in judged)
    if confirming:
        best = max(j.entail or 0.0 for j in confirming)
        confirmed_in = {a for j in confirming for a in j.hit.sources}
        against = [j for j in contradicting if not set(j.hit.sources) <= confirmed_in]
        if against:
            kinds = sorted({k for j in against for k in conflicts[id(j)]})
            return Outcome(
                "conflicting",
                min(best, max(_relevance(j) for j in against)),
                f"sources disagree on the {', '.join(kinds)}",
                confirming + against,
            )
        return Outcome("supported", best, f"{len(confirming)} statement(s) confirm the claim", confirming)
    missing = unknown_names(claim, vocabulary)
    if best_relevance >= RELEVANT and not missing:
        closest = contradicting or sorted(judged, key=_relevance, reverse=True)[:2]
        for j in closest:
            if j.stance == "neutral":
                j.stance, j.stance_score = "refutes", 1.0 - (j.entail or 0.0)
        confidence = (1.0 - max((j.entail or 0.0 for j in scored), default=0.0)) * 0.5 + 0.5 * best_relevance
        return Outcome("refuted", confidence, "the archive reports on this but states it differently", closest)
    reason = (
        f"the archive never mentions {', '.join(missing)}"
        if missing
        else "no statement in the archive confirms or contradicts the claim"
    )
    return Outcome("not_enough_info", 1.0 - best_relevance * 0.5, reason, sorted(judged, key=_relevance)[-2:])
