"""The cite stage: the statements a reader checks the verdict against, each with its stance, and a reason."""

from __future__ import annotations

from dataclasses import dataclass

from service.decide import confirming, denying, stronger_reading
from service.evidence import Judged, Judgement
from service.schemas import Label, Stance

MAX_CITED = 6
LEANS = "the judges' readings lean against it (cited: the statement read most as false)"


@dataclass(frozen=True)
class Cited:
    judged: Judged
    stance: Stance


def cite(label: Label, judgement: Judgement, support: float) -> tuple[list[Cited], str]:
    """What shows the verdict: confirming statements, contradicting ones, or the closest ones. Under
    `not_enough_info`, statements a judge read as confirming or contradicting the claim are shown as read."""
    judged = judgement.judged
    if not judged:
        return [], "the archive has no sentence related to the claim"
    weakest = judgement.of_part(judgement.weakest_part())
    closest = sorted(judged, key=lambda j: j.relevance, reverse=True)[:2]
    count = len(judgement.parts)
    pro, con = confirming(weakest, support, count), denying(judged, support)
    parts = f" ({count} parts checked)" if count > 1 else ""
    if label == "supported":  # every part's confirmation, the least supported part's first
        others = [j for p in range(count) for j in confirming(judgement.of_part(p), support, count)]
        confirmations = _mark(pro + others, "supports")
        return confirmations, f"{len(confirmations)} statement(s) confirm the claim{parts}"
    if label == "conflicting":
        confirmed_in = {a for j in pro for a in j.hit.sources}
        against = [j for j in con if not set(j.hit.sources) <= confirmed_in] or con
        supports = _mark(pro, "supports")
        cited = {c.judged.hit.key for c in supports}  # a statement is cited with one stance, not both
        # Where no judge reads a statement as contradicting the claim, the closest are shown as what they are.
        denials = _mark([j for j in against if j.hit.key not in cited], "refutes") or _mark(
            [j for j in closest if j.hit.key not in cited], "neutral"
        )
        return supports + denials, "sources in the archive disagree"
    if label == "refuted":
        if not con:  # the verdict weighs readings that lean against the claim; none contradicts it outright
            leaning = sorted(judged, key=lambda j: stronger_reading(j).false, reverse=True)[:1]
            return _mark(leaning, "neutral"), f"no statement contradicts the claim outright{parts}; {LEANS}"
        count = len({j.hit.key for j in con})
        return _mark(con, "refutes"), f"{count} statement(s) contradict the claim{parts}"
    least = f"; the least supported part: {judgement.parts[judgement.weakest_part()]!r}" if parts else ""
    read = _mark(pro, "supports") + _mark([j for j in con if j not in pro], "refutes")
    if read:  # a judge read them so, and the verdict weighed them as not enough: the reader sees them as read
        return read, f"the evidence does not settle the claim: {_counted(read)}{least}"
    return _mark(closest, "neutral"), f"no statement in the archive confirms or contradicts the claim{least}"


def _counted(cited: list[Cited]) -> str:
    pro, con = (sum(c.stance == stance for c in cited) for stance in ("supports", "refutes"))
    return f"{pro} statement(s) read as confirming it, {con} as contradicting it"


def _mark(statements: list[Judged], stance: Stance) -> list[Cited]:
    seen: set[tuple[str, int]] = set()
    out = []
    for j in statements:
        if j.hit.key not in seen:  # a statement read against two parts is cited once
            seen.add(j.hit.key)
            out.append(Cited(j, stance))
    return out[:MAX_CITED]
