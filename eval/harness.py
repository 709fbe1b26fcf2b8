"""Run labeled claims through the service (in-process or over HTTP) and through the naive baseline."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from eval import metrics
from eval.claims import LabeledClaim
from index.search import Hit, Mode
from index.store import SentenceIndex
from service.evidence import retrieve
from service.judge import Judge
from service.verifier import Verifier

Pair = tuple[str, str]  # (article id, sentence text)


@dataclass
class Prediction:
    id: str
    claim: str
    gold: str
    also: list[str]
    tags: list[str]
    label: str
    confidence: float
    latency_s: float
    reason: str = ""
    retrieved: list[Pair] = field(default_factory=list)
    cited: list[Pair] = field(default_factory=list)
    error: str | None = None

    @property
    def correct(self) -> bool:
        return metrics.correct(self.gold, self.also, self.label)


class Runner(Protocol):
    provenance: dict[str, str]

    def __call__(self, claim: LabeledClaim) -> Prediction: ...


def hit_pairs(hits: Iterable[Hit]) -> list[Pair]:
    """Every retrieved sentence, near-duplicate copies included."""
    return [(s.article_id, s.text) for h in hits for s in (h.sentence, *h.copies)]


def _blank(claim: LabeledClaim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "claim": claim.claim,
        "gold": claim.label,
        "also": list(claim.also),
        "tags": claim.tags,
    }


class InProcess:
    """Calls the verifier directly; retrieval is scored on everything retrieved at k."""

    def __init__(self, verifier: Verifier, k: int) -> None:
        self.verifier, self.k = verifier, k
        self.provenance: dict[str, str] = {}

    def __call__(self, claim: LabeledClaim) -> Prediction:
        started = time.perf_counter()
        verdict, hits = self.verifier.assess(claim.claim, self.k)
        latency = time.perf_counter() - started
        p = verdict.provenance
        self.provenance = {
            "model_preset": p.model_preset,
            "model_sha256": p.model_sha256,
            "index_version": p.index_version,
            "embedding_model": p.embedding_model,
        }
        return Prediction(
            **_blank(claim),
            label=verdict.label,
            confidence=verdict.confidence,
            latency_s=latency,
            reason=verdict.reason,
            retrieved=hit_pairs(hits),
            cited=[(c.article_id, c.sentence) for c in verdict.citations],
        )


class OverHttp:
    """POSTs to a running service; only cited sentences are visible, so retrieval is scored on those."""

    def __init__(self, url: str, k: int, api_key: str | None = None, timeout: float = 120.0) -> None:
        self.url, self.k, self.api_key, self.timeout = url.rstrip("/"), k, api_key, timeout
        self.provenance: dict[str, str] = {}

    def __call__(self, claim: LabeledClaim) -> Prediction:
        body = json.dumps({"claim": claim.claim, "top_k": self.k}).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        request = urllib.request.Request(f"{self.url}/verify", data=body, headers=headers, method="POST")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                verdict = json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
            detail = exc.read().decode(errors="replace")[:300] if isinstance(exc, urllib.error.HTTPError) else ""
            return Prediction(
                **_blank(claim),
                label="error",
                confidence=0.0,
                latency_s=time.perf_counter() - started,
                error=f"{exc} {detail}".strip(),
            )
        latency = time.perf_counter() - started
        p = verdict["provenance"]
        self.provenance = {k: p[k] for k in ("model_preset", "model_sha256", "index_version", "embedding_model")}
        cited = [(c["article_id"], c["sentence"]) for c in verdict["citations"]]
        return Prediction(
            **_blank(claim),
            label=verdict["label"],
            confidence=verdict["confidence"],
            latency_s=latency,
            reason=verdict["reason"],
            retrieved=cited,
            cited=cited,
        )


class NaiveBaseline:
    """What the open toolkits do: one prompt, one JSON verdict over the same top-k evidence (retrieved as the verifier
    retrieves it: a statement quoting the claim takes no place)."""

    def __init__(self, index: SentenceIndex, judge: Judge, k: int) -> None:
        self.index, self.judge, self.k = index, judge, k
        self.provenance: dict[str, str] = {}

    def __call__(self, claim: LabeledClaim) -> Prediction:
        started = time.perf_counter()
        hits = retrieve(self.index, claim.claim, self.k)
        answer = self.judge.naive_verdict(claim.claim, [h.sentence.text for h in hits])
        latency = time.perf_counter() - started
        label, confidence, error = (
            ("not_enough_info", 0.0, "unparseable answer")
            if answer is None
            else (answer.label, answer.confidence, None)
        )
        return Prediction(
            **_blank(claim),
            label=label,
            confidence=confidence,
            latency_s=latency,
            retrieved=hit_pairs(hits),
            error=error,
        )


def run(claims: list[LabeledClaim], runner: Runner, progress: Callable[[], None] | None = None) -> list[Prediction]:
    out = []
    for claim in claims:
        out.append(runner(claim))
        if progress:
            progress()
    return out


def summarize(preds: list[Prediction], gold_evidence: dict[str, list[Pair]]) -> dict[str, Any]:
    """Every figure of report.json for one system's predictions."""
    golds = [p.gold for p in preds]
    alsos = [p.also for p in preds]
    labels = [p.label if p.label in metrics.LABELS else "not_enough_info" for p in preds]
    scored = metrics.credited(golds, alsos, labels)
    with_gold = [p for p in preds if gold_evidence.get(p.id)]
    recall = [metrics.evidence_found(gold_evidence[p.id], p.retrieved) for p in with_gold]
    precisions = [metrics.precision_of(p.cited, gold_evidence[p.id]) for p in with_gold]
    precisions_known = [x for x in precisions if x is not None]
    latencies = [p.latency_s for p in preds]
    hits = [p.correct for p in preds]
    return {
        "n": len(preds),
        "errors": sum(p.error is not None for p in preds),
        "accuracy": metrics.accuracy(golds, alsos, labels),
        "macro_f1": metrics.macro_f1(scored, labels),
        "per_label": metrics.per_label(scored, labels),
        "confusion": {"labels": list(metrics.LABELS), "matrix": metrics.confusion(golds, labels)},
        "evidence_recall": metrics.mean(recall),
        "citation_precision": metrics.mean(precisions_known),
        "ece": metrics.ece([p.confidence for p in preds], hits),
        "ece_by_chance": metrics.ece_by_chance([p.confidence for p in preds]),
        "latency_s": {
            "p50": metrics.percentile(latencies, 50),
            "p95": metrics.percentile(latencies, 95),
            "mean": metrics.mean(latencies),
        },
        "accuracy_by_tag": _by_tag(preds),
    }


def _by_tag(preds: list[Prediction]) -> dict[str, dict[str, float]]:
    tags = sorted({t for p in preds for t in p.tags})
    out = {}
    for tag in tags:
        members = [p for p in preds if tag in p.tags]
        out[tag] = {"n": len(members), "accuracy": sum(p.correct for p in members) / len(members)}
    return out


def retrieval_recall(index: SentenceIndex, claims: list[LabeledClaim], k: int) -> dict[str, float | None]:
    """Evidence recall at k of dense, lexical and hybrid retrieval on the claims with gold evidence, each excluding the
    statements that quote the claim, as the verifier does."""
    gold = [(c, [(e.article, e.text) for e in c.evidence]) for c in claims if c.evidence]
    out: dict[str, float | None] = {}
    modes: tuple[Mode, ...] = ("dense", "lexical", "hybrid")
    for mode in modes:
        found = [metrics.evidence_found(g, hit_pairs(retrieve(index, c.claim, k, mode))) for c, g in gold]
        out[mode] = metrics.mean(found)
    return out


def prediction_rows(preds: list[Prediction]) -> list[dict[str, Any]]:
    return [{**asdict(p), "correct": p.correct} for p in preds]
