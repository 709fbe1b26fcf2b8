"""Judged statements to one verdict: features of the evidence, a fitted aggregator, and citations to check it."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.search import Hit
from service.aggregate import Aggregator
from service.checks import detail_conflicts, name_coverage, unknown_names
from service.schemas import Label, Stance

CONFLICT_RELEVANT = 0.55  # cosine similarity at which a statement with other details contradicts
RELATED = 0.35  # cosine similarity below which a statement is about something else and cannot confirm

# What the aggregator reads; `python -m eval fit` fits weights for exactly these.
FEATURES = (
    "relevance",  # cosine of the closest statement: does the archive speak about the claim's subject?
    "entail_max",  # the judge's highest probability that a statement shows the claim true
    "entail_closest",  # the judge's probability on the closest judged statement
    "contra_max",  # the judge's highest probability that a statement shows the claim false
    "contra_closest",  # the judge's probability of "false" on the closest judged statement
    "confirming_sources",  # articles with a statement the judge takes as confirming
    "conflict_relevance",  # cosine of the closest statement with other numbers or dates
    "role_conflict",  # a statement gives a person in the claim another title
    "conflict_elsewhere",  # confirmed in one article, other details in another
    "unknown_names",  # the claim names things the archive never mentions
    "name_coverage",  # share of the claim's names and numbers found in the best confirming statement
)


@dataclass
class Judged:
    """One retrieved statement with the judge's probabilities that it shows the claim true and false
    (None: not judged)."""

    hit: Hit
    entail: float | None
    contra: float | None = None
    tainted: bool = False  # the sentence addresses a language model: data to show, never a confirmation
    stance: Stance = "neutral"
    stance_score: float = 0.0


@dataclass
class Gathered:
    """A claim's judged evidence, from which the aggregator's features are computed (fitting data)."""

    claim: str
    judged: list[Judged]
    vocabulary: set[str]

    def values(self, support: float) -> dict[str, float]:
        """The features at a given citation threshold."""
        return features(self.claim, self.judged, self.vocabulary, sort_evidence(self.claim, self.judged, support))


@dataclass
class Outcome:
    label: Label
    confidence: float
    reason: str
    cited: list[Judged] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    probabilities: dict[Label, float] = field(default_factory=dict)


def passage(hit: Hit) -> str:
    """The text the judge reads for a hit: the sentence after the one before it ("he said" needs a "he")."""
    return f"{hit.before} {hit.sentence.text}" if hit.before else hit.sentence.text


def worth_judging(claim: str, hits: list[Hit], limit: int) -> list[Hit]:
    """The statements that could confirm the claim: related, and not contradicting its numbers or dates."""
    return [h for h in hits if (h.dense or 0.0) >= RELATED and not detail_conflicts(claim, h.sentence.text)][:limit]


def _relevance(j: Judged) -> float:
    return j.hit.dense if j.hit.dense is not None else 0.0


@dataclass
class Evidence:
    """The judged statements sorted into what can be cited for each side."""

    confirming: list[Judged]  # judged true, untainted, related, no other details: citable support
    contradicting: list[Judged]  # closely related with other numbers, dates or titles
    misnamed: list[Judged]  # closely related, giving a person in the claim another title
    denying: list[Judged]  # judged false, untainted, related: what the judge reads as contradicting
    scored: list[Judged]  # judged statements the judge may be believed on
    conflicts: dict[int, list[str]]

    @property
    def confirmed_in(self) -> set[str]:
        return {a for j in self.confirming for a in j.hit.sources}

    def outside(self, statements: list[Judged]) -> list[Judged]:
        """Those of `statements` from articles that do not also confirm the claim."""
        return [j for j in statements if not set(j.hit.sources) <= self.confirmed_in]


def sort_evidence(claim: str, judged: list[Judged], support: float) -> Evidence:
    """The statements sorted by what they can show; `support` is the citation threshold on "true"."""
    conflicts = {id(j): detail_conflicts(claim, j.hit.sentence.text) for j in judged}
    # What the judge may be believed on: untainted, and not stating other numbers, dates or titles.
    scored = [j for j in judged if j.entail is not None and not j.tainted and not conflicts[id(j)]]
    confirming = [j for j in scored if (j.entail or 0.0) >= support and _relevance(j) >= RELATED]
    confirming.sort(key=lambda j: j.entail or 0.0, reverse=True)
    contradicting = [j for j in judged if conflicts[id(j)] and _relevance(j) >= CONFLICT_RELEVANT]
    misnamed = [j for j in contradicting if "role" in conflicts[id(j)]]
    denying = [j for j in scored if (j.contra or 0.0) >= support and _relevance(j) >= RELATED]
    denying.sort(key=lambda j: j.contra or 0.0, reverse=True)
    return Evidence(confirming, contradicting, misnamed, denying, scored, conflicts)


def features(claim: str, judged: list[Judged], vocabulary: set[str], evidence: Evidence) -> dict[str, float]:
    """The numbers the aggregator weighs (named in FEATURES)."""
    entails = [j.entail or 0.0 for j in evidence.scored]
    contras = [j.contra or 0.0 for j in evidence.scored]
    closest = max(evidence.scored, key=_relevance, default=None)
    best = max(evidence.scored, key=lambda j: j.entail or 0.0, default=None)  # the likeliest confirmation
    return {
        "relevance": max((_relevance(j) for j in judged), default=0.0),
        "entail_max": max(entails, default=0.0),
        "entail_closest": (closest.entail or 0.0) if closest else 0.0,
        "contra_max": max(contras, default=0.0),
        "contra_closest": (closest.contra or 0.0) if closest else 0.0,
        "confirming_sources": float(len(evidence.confirmed_in)),
        "conflict_relevance": max((_relevance(j) for j in evidence.contradicting), default=0.0),
        "role_conflict": float(bool(evidence.misnamed)),
        "conflict_elsewhere": float(bool(evidence.confirming and evidence.outside(evidence.contradicting))),
        "unknown_names": float(bool(unknown_names(claim, vocabulary))),
        "name_coverage": name_coverage(claim, passage(best.hit)) if best else 0.0,
    }


def choose(probabilities: dict[Label, float], values: dict[str, float]) -> Label:
    """The most probable verdict the evidence can be cited for: "supported" and "conflicting" need a statement
    that confirms the claim, so that a reader can check the verdict."""
    can_confirm = values["confirming_sources"] > 0
    possible = [label for label in probabilities if can_confirm or label not in ("supported", "conflicting")]
    return max(possible, key=probabilities.__getitem__)


def settled(claim: str, judged: list[Judged], failure: str | None) -> Outcome | None:
    """The verdict when there is nothing for the aggregator to weigh (no statement, no evidence, no judge)."""
    if not claim:
        return Outcome("not_enough_info", 0.9, "the claim holds only instructions to a model, no statement to check")
    if not judged:
        return Outcome("not_enough_info", 0.9, "the archive has no sentence related to the claim")
    if failure:
        return Outcome("not_enough_info", 0.5, failure, judged[:3])
    return None


def decide(
    claim: str, judged: list[Judged], vocabulary: set[str], aggregator: Aggregator, failure: str | None = None
) -> Outcome:
    """The aggregator's most probable verdict that the evidence can be cited for, with those citations."""
    early = settled(claim, judged, failure)
    if early is not None:
        return early
    evidence = sort_evidence(claim, judged, aggregator.support)
    values = features(claim, judged, vocabulary, evidence)
    probabilities = aggregator.probabilities(values)
    label = choose(probabilities, values)
    cited, reason = _cite(label, claim, judged, vocabulary, evidence)
    return Outcome(label, probabilities[label], reason, cited, values, probabilities)


def _cite(
    label: Label, claim: str, judged: list[Judged], vocabulary: set[str], ev: Evidence
) -> tuple[list[Judged], str]:
    """The statements that show the verdict, with their stances, and a reason in words."""
    closest = sorted(judged, key=_relevance, reverse=True)[:2]
    if label == "supported":
        _mark(ev.confirming, "supports")
        return ev.confirming, f"{len(ev.confirming)} statement(s) confirm the claim"
    if label == "conflicting":
        against = ev.outside(ev.contradicting) or ev.outside(ev.denying) or ev.outside(closest)
        _mark(ev.confirming, "supports")
        _mark(against, "refutes")
        kinds = sorted({k for j in against for k in ev.conflicts[id(j)]})
        detail = f" on the {', '.join(kinds)}" if kinds else ""
        return ev.confirming + against, f"sources disagree{detail}"
    if label == "refuted":
        if ev.misnamed:
            _mark(ev.misnamed, "refutes")
            return ev.misnamed, "the archive gives a person in the claim another title"
        shown = ev.contradicting or ev.denying or closest
        _mark(shown, "refutes")
        kinds = sorted({k for j in shown for k in ev.conflicts[id(j)]})
        if kinds:
            return shown, f"the archive states the {', '.join(kinds)} differently"
        if ev.denying:
            return shown, f"{len(shown)} statement(s) contradict the claim"
        return shown, "the archive reports on this but states it differently"
    missing = unknown_names(claim, vocabulary)
    if missing:
        return closest, f"the archive never mentions {', '.join(missing)}"
    return closest, "no statement in the archive confirms or contradicts the claim"


def _mark(statements: list[Judged], stance: Stance) -> None:
    for j in statements:
        if j.stance == "neutral":
            # A statement the judge did not read (other details) refutes by how closely it is related.
            unread = _relevance(j)
            score = (j.entail or 0.0) if stance == "supports" else j.contra if j.contra is not None else unread
            j.stance, j.stance_score = stance, score
