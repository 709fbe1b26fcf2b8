"""The cite stage: the statements a reader checks the verdict against, each with its stance, and a reason."""

from __future__ import annotations

from dataclasses import dataclass

from service.decide import confirming, denying, stronger_reading
from service.evidence import Judged, Judgement
from service.schemas import Label, Stance

MAX_CITED = 6
_LEANING = "the judges' readings lean against it (cited: the statement read most as false)"


@dataclass(frozen=True)
class Cited:
    judged: Judged
    stance: Stance


def cite(label: Label, judgement: Judgement, support: float) -> tuple[list[Cited], str]:
    """What shows the verdict: confirming statements, contradicting ones, or the closest ones. A statement is cited
    as confirming or contradicting only where a judge read it so; under `not_enough_info` such statements are shown
    as read."""
    judged = judgement.judged
    if not judged:
        return [], "the archive has no sentence related to the claim"
    parts = len(judgement.parts)
    pro = confirming(judgement.of_part(judgement.weakest_part()), support, parts)
    con = denying(judged, support)
    checked = f" ({parts} parts checked)" if parts > 1 else ""
    if label == "supported":  # every part's confirmation, the least supported part's first
        others = [j for p in range(parts) for j in confirming(judgement.of_part(p), support, parts)]
        confirmations = _mark(pro + others, "supports")
        return confirmations, f"{len(confirmations)} statement(s) confirm the claim{checked}"
    if label == "conflicting":
        return _conflicting(pro, con, _closest(judged)), "sources in the archive disagree"
    if label == "refuted":
        if not con:  # the verdict weighs readings that lean against the claim; none contradicts it outright
            leaning = sorted(judged, key=lambda j: stronger_reading(j).false, reverse=True)[:1]
            return _mark(leaning, "neutral"), f"no statement contradicts the claim outright{checked}; {_LEANING}"
        return _mark(con, "refutes"), f"{len({j.hit.key for j in con})} statement(s) contradict the claim{checked}"
    least = f"; the least supported part: {judgement.parts[judgement.weakest_part()]!r}" if parts > 1 else ""
    return _not_settled(pro, con, _closest(judged), least)


def _closest(judged: list[Judged]) -> list[Judged]:
    return sorted(judged, key=lambda j: j.relevance, reverse=True)[:2]


def _conflicting(pro: list[Judged], con: list[Judged], closest: list[Judged]) -> list[Cited]:
    """The confirmations, then the contradictions from other articles (any, if none is from another). Where no
    judge reads a statement as contradicting the claim, the closest others are shown as what they are."""
    confirmed_in = {a for j in pro for a in j.hit.sources}
    supports = _mark(pro, "supports")
    cited = {c.judged.hit.key for c in supports}  # a statement is cited with one stance, not both
    if not con:
        return supports + _mark([j for j in closest if j.hit.key not in cited], "neutral")
    against = [j for j in con if not set(j.hit.sources) <= confirmed_in] or con
    return supports + _mark([j for j in against if j.hit.key not in cited], "refutes")


def _not_settled(pro: list[Judged], con: list[Judged], closest: list[Judged], least: str) -> tuple[list[Cited], str]:
    """`not_enough_info`: what a judge read as confirming or contradicting the claim, as read (one stance a
    statement), else the closest statements."""
    confirmed = {j.hit.key for j in pro}
    denied = [j for j in con if j.hit.key not in confirmed]
    if not pro and not denied:
        return _mark(closest, "neutral"), f"no statement in the archive confirms or contradicts the claim{least}"
    shown = (_mark(pro, "supports") + _mark(denied, "refutes"))[:MAX_CITED]
    counts = (
        f"{len(confirmed)} statement(s) read as confirming it, {len({j.hit.key for j in denied})} as contradicting it"
    )
    return shown, f"the evidence does not settle the claim: {counts}{least}"


def _mark(statements: list[Judged], stance: Stance) -> list[Cited]:
    seen: set[tuple[str, int]] = set()
    out = []
    for j in statements:
        if j.hit.key not in seen:  # a statement read against two parts is cited once
            seen.add(j.hit.key)
            out.append(Cited(j, stance))
    return out[:MAX_CITED]
