"""A judge alone on labeled claims' gold statements: the sentences a person cited for a supported or a refuted claim,
read as the service reads them (each sentence after the one before it, from the claim's own archive). The area
under the ROC curve of P(true) - P(false), supported against refuted, says whether the judge tells a true claim from
a false one as people write them; the reserved-row pairs (`eval pairs`) say it of sentences with one detail changed,
and the two can disagree (docs/history.md, session 29)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eval import metrics
from eval.claims import LabeledClaim
from index.search import hit_for
from index.store import SentenceIndex
from service.evidence import passage
from service.judge import Judge, Reader

KEPT = ("supported", "refuted")
SHORTEST_PART = 20  # characters: an index sentence this short ("Yes.") is not taken as part of a gold sentence


def gold_passages(index: SentenceIndex, claim: LabeledClaim) -> list[str]:
    """The passages of the claim's gold evidence sentences, in the evidence's own article: an index sentence that
    is the gold text, holds it, or (at least SHORTEST_PART long) is held in it (a gold sentence split in two)."""
    found: list[str] = []
    for evidence in claim.evidence:
        text = evidence.text.strip()
        for row in index.by_article.get(evidence.article, []):
            sentence = index.sentences[row]
            if sentence is None:  # deleted from the archive
                continue
            said = sentence.text.strip()
            if said and (text in said or (said in text and len(said) >= SHORTEST_PART)):
                read = passage(hit_for(index, sentence))
                if read not in found:
                    found.append(read)
    return found


def auc(positive: list[float], negative: list[float]) -> float | None:
    """P(a random positive scores above a random negative), ties counted half; None without both."""
    if not positive or not negative:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return round(wins / (len(positive) * len(negative)), 4)


def _answer(true: float, false: float) -> str:
    neither = 1.0 - true - false
    return max((("true", true), ("false", false), ("neither", neither)), key=lambda x: x[1])[0]


def run(
    judge: Judge | Reader,
    claims: list[tuple[LabeledClaim, list[str]]],
    progress: Callable[[], None] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Each supported or refuted claim with gold passages read against them; where there are several, the most
    decisive reading (largest |P(true) - P(false)|) counts, as the service cites its most decisive statement."""
    rows, missing = [], 0
    for claim, passages in claims:
        if claim.label not in KEPT or not claim.evidence:
            continue
        if not passages:
            missing += 1
            continue
        readings = judge.read(claim.claim, passages)
        best = max(readings, key=lambda r: abs(r.true - r.false))
        rows.append(
            {
                "id": claim.id,
                "label": claim.label,
                "true": round(best.true, 4),
                "false": round(best.false, 4),
                "answer": _answer(best.true, best.false),
                "passages": len(passages),
            }
        )
        if progress:
            progress()
    return summary(rows, missing), rows


def summary(rows: list[dict[str, Any]], missing: int) -> dict[str, Any]:
    """The figures of readings `run` made (of one file or several pooled); `missing`: claims whose gold
    statements were not found in their archive."""
    margin = {label: [r["true"] - r["false"] for r in rows if r["label"] == label] for label in KEPT}
    answers = {
        label: {a: metrics.mean([r["answer"] == a for r in rows if r["label"] == label]) for a in ("true", "false")}
        for label in KEPT
    }
    return {
        "claims": {label: len(margin[label]) for label in KEPT},
        "gold_not_found": missing,
        "auc_true_minus_false": auc(margin["supported"], margin["refuted"]),
        "supported_read_true": answers["supported"]["true"],
        "supported_read_false": answers["supported"]["false"],
        "refuted_read_false": answers["refuted"]["false"],
        "refuted_read_true": answers["refuted"]["true"],
    }
