"""A judge alone on labeled claims' gold statements: the sentences a person cited for a supported or a refuted claim,
read against the claim as written, each sentence after the one before it from the claim's own archive (the passage
the service's judges read). The area under the ROC curve of P(true) - P(false), supported against refuted, says
whether the judge tells a true claim from a false one as people write them; the reserved-row pairs (`eval pairs`)
say it of sentences with one detail changed, and the two can disagree (docs/history.md, session 29). Beside it, the
same AUC of the share of the claim's content words its gold passage holds: a baseline that reads no meaning, which a
judge must beat to be reading more than overlap (docs/history.md, session 30)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eval import metrics
from eval.claims import LabeledClaim
from index.lexical import tokens, word_recall
from index.search import hit_for
from index.store import SentenceIndex
from service.evidence import passage
from service.judge import Judge, Reader, Reading

KEPT = ("supported", "refuted")
SHORTEST_PART = 20  # characters: an index sentence this short ("Yes.") is not taken as part of a longer gold one

Found = list[tuple[LabeledClaim, list[str]]]  # each claim with the passages of its gold sentences


def gold_passages(index: SentenceIndex, claim: LabeledClaim) -> list[str]:
    """The passages of the claim's gold evidence sentences, in the evidence's own article, each once: an index
    sentence that names the same text as the gold one (`metrics.same_text`), and if shorter, at least SHORTEST_PART
    long (a gold sentence the archive splits in two gives both halves)."""
    found: list[str] = []
    for evidence in claim.evidence:
        cited = " ".join(evidence.text.split())
        for row in index.by_article.get(evidence.article, []):
            sentence = index.sentences[row]
            if sentence is None:  # the type allows a deleted row; an article's rows list none
                continue
            said = " ".join(sentence.text.split())
            if metrics.same_text(said, cited) and (len(said) >= len(cited) or len(said) >= SHORTEST_PART):
                read = passage(hit_for(index, sentence))
                if read not in found:
                    found.append(read)
    return found


def _answer(reading: Reading) -> str:
    return max((("true", reading.true), ("false", reading.false), ("neither", reading.neither)), key=lambda x: x[1])[0]


def read(judge: Judge | Reader, claims: Found, progress: Callable[[], None] | None = None) -> list[dict[str, Any]]:
    """One row per supported or refuted claim: where it cites several sentences (or the archive splits one), the
    reading with the largest |P(true) - P(false)| counts, and `word_recall` is the largest share of the claim's
    content words one of them holds; a claim whose gold sentences the archive does not hold has `found` false, one
    that cites none is left out."""
    rows = []
    for claim, passages in claims:
        if claim.label not in KEPT or not claim.evidence:
            continue
        row: dict[str, Any] = {"id": claim.id, "label": claim.label, "found": bool(passages)}
        if passages:
            best = max(judge.read(claim.claim, passages), key=lambda r: abs(r.true - r.false))
            row |= {"true": round(best.true, 4), "false": round(best.false, 4), "passages": len(passages)}
            row["answer"] = _answer(best)
            words = set(tokens(claim.claim))
            row["word_recall"] = round(max(word_recall(words, p) for p in passages), 4)
        rows.append(row)
        if progress:
            progress()
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of rows `read` made (of one file or several pooled)."""
    read_rows = [r for r in rows if r["found"]]
    margin = {label: [r["true"] - r["false"] for r in read_rows if r["label"] == label] for label in KEPT}

    def share(label: str, answer: str) -> float | None:
        return metrics.mean([r["answer"] == answer for r in read_rows if r["label"] == label])

    found = metrics.auc(margin["supported"], margin["refuted"])
    overlap = {label: [r["word_recall"] for r in read_rows if r["label"] == label] for label in KEPT}
    baseline = metrics.auc(overlap["supported"], overlap["refuted"])
    return {
        "claims": {label: len(margin[label]) for label in KEPT},
        "gold_not_found": [r["id"] for r in rows if not r["found"]],
        "auc_true_minus_false": round(found, 4) if found is not None else None,
        "auc_word_recall": round(baseline, 4) if baseline is not None else None,
        "supported_read_true": share("supported", "true"),
        "supported_read_false": share("supported", "false"),
        "refuted_read_false": share("refuted", "false"),
        "refuted_read_true": share("refuted", "true"),
    }


def measure(
    judge: Judge | Reader, sets: dict[str, Found], progress: Callable[[], None] | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every set's claims read, the figures per set and pooled, and every reading (with its set)."""
    rows = [{"set": name, **r} for name, found in sets.items() for r in read(judge, found, progress)]
    per_set = {name: summary([r for r in rows if r["set"] == name]) for name in sets}
    return {"sets": per_set, "pooled": summary(rows)}, rows
