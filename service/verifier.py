"""Evidence to verdict: retrieve, judge each distinct statement, aggregate, cite."""

from __future__ import annotations

import logging
import threading
import time
from typing import Literal

from index import persist
from index.articles import Article, InvalidArticle, validate
from index.search import Hit, hit_for, search
from index.store import SentenceIndex
from service.aggregate import Aggregator, NoWeights
from service.decide import Gathered, Judged, decide, passage, settled, worth_judging
from service.errors import BadInput, NotFound
from service.guard import has_instructions, without_instructions
from service.judge import Judge
from service.schemas import (
    ArticleIn,
    ArticleOut,
    ArticleWrite,
    Citation,
    Provenance,
    Ready,
    Timings,
    Verdict,
    VerifyRequest,
)
from service.settings import Settings

log = logging.getLogger(__name__)


class Verifier:
    """The verification pipeline over one index and one judge; safe to call from several threads."""

    def __init__(self, index: SentenceIndex, judge: Judge, settings: Settings, aggregator: Aggregator | None) -> None:
        self.index = index
        self.judge = judge
        self.settings = settings
        self.aggregator = aggregator  # None only while fitting one (`python -m eval fit`)
        self._index_lock = threading.RLock()
        self._index_version = self._version()

    def _version(self) -> str:
        return f"{self.index.live_count}-{persist.corpus_checksum(self.index)[:12]}"

    def prewarm(self, stop: threading.Event | None = None) -> int:
        """Prepare the judge for every indexed sentence, so first claims are as fast as later ones."""
        with self._index_lock:
            hits = [hit_for(self.index, s) for s in self.index.sentences if s is not None]
        done = 0
        for hit in hits:
            if stop is not None and stop.is_set():
                break
            self.judge.prepare(passage(hit))
            done += 1
        log.info("prepared the judge for %d sentences", done)
        return done

    def readiness(self) -> Ready:
        return Ready(
            status="ready",
            articles=len(self.index.articles),
            sentences=self.index.live_count,
            model_preset=self.judge.preset,
        )

    def check_claim(self, claim: str, top_k: int | None) -> tuple[str, int]:
        """The trimmed claim and top_k, or BadInput saying which bound was broken."""
        text = " ".join(claim.split())
        low, high = self.settings.min_claim_chars, self.settings.max_claim_chars
        if not low <= len(text) <= high:
            raise BadInput(f"claim must be {low} to {high} characters after trimming; got {len(text)}")
        k = top_k if top_k is not None else self.settings.default_top_k
        if not 1 <= k <= self.settings.max_top_k:
            raise BadInput(f"top_k must be between 1 and {self.settings.max_top_k}; got {k}")
        return text, k

    def verify(self, claim: str, top_k: int | None = None, rationale: bool = False) -> Verdict:
        """Verdict for one claim with citations from the archive."""
        return self.assess(claim, top_k, rationale)[0]

    def assess(self, claim: str, top_k: int | None = None, rationale: bool = False) -> tuple[Verdict, list[Hit]]:
        """The verdict and every statement retrieved for it (the eval harness scores retrieval too)."""
        if self.aggregator is None:
            raise NoWeights("this verifier has no fitted aggregator; it can only compute evidence features")
        text, k = self.check_claim(claim, top_k)
        started = time.perf_counter()
        statement = without_instructions(text)  # what the claim asserts, minus any words aimed at the model
        hits, vocabulary, version = self._retrieve(statement, k)
        retrieved = time.perf_counter()
        judged, failure = self._judge(statement, hits)
        outcome = decide(statement, judged, vocabulary, self.aggregator, failure)
        if statement != text:
            log.warning("instructions to the model ignored in claim %r", text[:120])
            outcome.reason += "; instructions to the model inside the claim were ignored"
        judged_at = time.perf_counter()
        citations = [self._cite(j) for j in outcome.cited]
        explanation = None
        if rationale and citations:
            explanation = self.judge.explain(text, outcome.label, [c.sentence for c in citations])
        done = time.perf_counter()
        verdict = Verdict(
            claim=text,
            label=outcome.label,
            confidence=round(outcome.confidence, 4),
            reason=outcome.reason,
            citations=citations,
            rationale=explanation,
            provenance=Provenance(
                model_preset=self.judge.preset,
                model_sha256=self.judge.sha256,
                embedding_model=self.index.encoder.name,
                index_version=version,
                timings=Timings(
                    retrieve_s=round(retrieved - started, 4),
                    judge_s=round(judged_at - retrieved, 4),
                    total_s=round(done - started, 4),
                ),
            ),
        )
        return verdict, hits

    def gather(self, claim: str, top_k: int | None = None) -> Gathered | None:
        """The judged evidence the aggregator would weigh for this claim (None if nothing could be judged):
        fitting data."""
        text, k = self.check_claim(claim, top_k)
        statement = without_instructions(text)
        hits, vocabulary, _ = self._retrieve(statement, k)
        judged, failure = self._judge(statement, hits)
        if settled(statement, judged, failure) is not None:
            return None
        return Gathered(statement, judged, vocabulary)

    def _retrieve(self, statement: str, k: int) -> tuple[list[Hit], set[str], str]:
        with self._index_lock:
            hits = search(self.index, statement, k) if statement else []
            return hits, self.index.vocabulary(), self._index_version

    def verify_many(self, requests: list[VerifyRequest]) -> list[Verdict]:
        for r in requests:  # refuse the whole batch before spending time on any of it
            self.check_claim(r.claim, r.top_k)
        return [self.verify(r.claim, r.top_k, r.rationale) for r in requests]

    def _judge(self, claim: str, hits: list[Hit]) -> tuple[list[Judged], str | None]:
        """Every hit with the judge's score where it was asked, and why the judge failed, if it did."""
        unjudged = [Judged(h, None, tainted=has_instructions(h.sentence.text)) for h in hits]
        chosen = worth_judging(claim, hits, self.settings.judge_evidence)
        if not chosen:
            return unjudged, None
        try:
            readings = self.judge.read(claim, [passage(h) for h in chosen])
        except ValueError as exc:  # e.g. a prompt longer than the context: judge nothing, say why
            log.warning("judge failed on %r: %s", claim[:80], exc)
            return unjudged, f"the judge could not assess the evidence ({exc})"
        if len(readings) != len(chosen) or not all(r.valid() for r in readings):
            log.warning("judge returned unusable readings %r for %r", readings, claim[:80])
            return unjudged, "the judge returned unusable scores"
        by_hit = {id(h): r for h, r in zip(chosen, readings, strict=True)}
        for j in unjudged:
            reading = by_hit.get(id(j.hit))
            if reading is not None:
                j.entail, j.contra = reading.true, reading.false
        return unjudged, None

    def _cite(self, judged: Judged) -> Citation:
        hit = judged.hit
        return Citation(
            article_id=hit.article.id,
            title=hit.article.title,
            outlet=hit.article.source,
            url=hit.article.url,
            published_at=hit.article.published_at,
            sentence=hit.sentence.text,
            start=hit.sentence.start,
            end=hit.sentence.end,
            stance=judged.stance,
            stance_score=round(judged.stance_score, 4),
            retrieval_score=round(hit.score, 6),
            also_in=[a for a in hit.sources if a != hit.article.id],
        )

    def upsert_article(self, body: ArticleIn) -> ArticleWrite:
        """Add or replace an article; it is searchable and persisted when this returns."""
        try:
            article = validate(Article(**body.model_dump()), self.settings.max_article_chars)
        except InvalidArticle as exc:
            raise BadInput(f"article {body.id}: {exc}") from exc
        with self._index_lock:
            report = self.index.add([article], replace=True)
            if report.errors:
                raise BadInput(f"article {body.id}: {report.errors[0].reason}")
            status: Literal["added", "replaced", "unchanged"] = (
                "replaced" if report.replaced else "added" if report.added else "unchanged"
            )
            if status != "unchanged":
                persist.save(self.index, self.settings.index_dir)
                self._index_version = self._version()
            count = len(self.index.by_article[article.id])
            return ArticleWrite(id=article.id, status=status, sentences=count, index_version=self._index_version)

    def get_article(self, article_id: str) -> ArticleOut:
        with self._index_lock:
            article = self.index.articles.get(article_id)
            if article is None:
                raise NotFound(f"no article with id {article_id!r}")
            return ArticleOut(
                id=article.id,
                title=article.title,
                text=article.text,
                source=article.source,
                url=article.url,
                published_at=article.published_at,
                sentences=len(self.index.by_article[article_id]),
            )

    def delete_article(self, article_id: str) -> ArticleWrite:
        with self._index_lock:
            if not self.index.delete(article_id):
                raise NotFound(f"no article with id {article_id!r}")
            persist.save(self.index, self.settings.index_dir)
            self._index_version = self._version()
            return ArticleWrite(id=article_id, status="deleted", sentences=0, index_version=self._index_version)
