"""One verification, stage by stage: retrieve -> judge (service/evidence.py) -> decide (service/decide.py) ->
cite (service/cite.py); and the article writes that change what can be retrieved."""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from pydantic import ValidationError

from index import persist
from index.articles import Article, InvalidArticle, validate
from index.clean import clean
from index.lock import IndexLocked
from index.log import LogBroken
from index.persist import IndexCorrupt
from index.search import Hit, hit_for
from index.store import SentenceIndex
from index.writer import IndexWriter, WriteFailed, Written
from service.aggregate import FIT_STATEMENTS, Aggregator, NoWeights
from service.cite import Cited, cite
from service.decide import decide
from service.errors import BadInput, NotFound, StorageFull, StorageUnavailable
from service.evidence import Judgement, claim_parts, judge_claim, passage, retrieve
from service.judge import Judge, Reader
from service.schemas import (
    ArticleIn,
    ArticleOut,
    ArticleWrite,
    BulkArticlesOut,
    BulkItem,
    Citation,
    DroppedText,
    Provenance,
    Ready,
    Timings,
    Verdict,
    VerifyRequest,
)
from service.settings import Settings

log = logging.getLogger(__name__)


class Verifier:
    """The verification pipeline over one index and its two judges; safe to call from several threads."""

    def __init__(
        self,
        index: SentenceIndex,
        reader: Reader,
        judge: Judge,
        settings: Settings,
        aggregator: Aggregator | None,
        writer: IndexWriter | None = None,
    ) -> None:
        self.index = writer.index if writer else index
        self.reader = reader  # the trained judge: reads every retrieved statement
        self.judge = judge  # the local LLM: reads the statements that matter most, writes rationales
        self.settings = settings
        self.aggregator = aggregator  # None only while fitting one (`python -m eval fit`)
        # Readers take the writer's lock, under which it applies each durable write to memory; without a
        # writer (an index built in memory), the first write makes this process the index directory's writer.
        self.writer = writer
        self._index_lock = writer.lock if writer else threading.RLock()
        self._index_version = self._version()

    @property
    def llm_statements(self) -> int:
        """Statements the local LLM reads per claim: as set, else as many as the verdict weights were fitted with
        (while fitting new ones, FIT_STATEMENTS)."""
        if self.settings.llm_statements is not None:
            return self.settings.llm_statements
        return self.aggregator.llm_statements if self.aggregator is not None else FIT_STATEMENTS

    def _version(self) -> str:
        return f"{self.index.live_count}-{persist.corpus_checksum(self.index)[:12]}"

    def prewarm(self, stop: threading.Event | None = None) -> int:
        """Prepare the LLM for indexed sentences (their prompt states), so that claims about them are read
        faster: the newest articles first (a newsroom's current stories), until the saved states fill their
        budget, since preparing more would only push out what was prepared."""
        done = 0
        for hit in self._newest_hits():
            if (stop is not None and stop.is_set()) or not self.judge.prepare(passage(hit)):
                break
            done += 1
        log.info("prepared the judge for %d sentences", done)
        return done

    def _newest_hits(self) -> Iterator[Hit]:
        """Every live sentence as a hit, the newest article's first (by date, then by when it was added); the
        index lock is held for one article at a time."""
        with self._index_lock:
            newest = [a.id for a in self.index.articles.values()][::-1]  # the most recently added first
            newest.sort(key=lambda a: self.index.articles[a].published_at or "", reverse=True)  # stable
        for article_id in newest:
            with self._index_lock:
                rows = list(self.index.by_article.get(article_id, []))
                hits = [hit_for(self.index, s) for s in map(self.index.sentences.__getitem__, rows) if s is not None]
            yield from hits

    def readiness(self) -> Ready:
        return Ready(
            status="ready",
            articles=len(self.index.articles),
            sentences=self.index.live_count,
            model_preset=self.judge.preset,
            prepared_statements=self.judge.prepared_count(),
            lexical_current=self.index.lexical_current,
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
        parts, hits, vocabulary, version = self._retrieve(text, k)
        retrieved = time.perf_counter()
        judgement = self._judge(text, parts, hits, vocabulary)
        outcome = decide(judgement, self.aggregator)
        cited, reason = cite(outcome.label, judgement, self.aggregator.support)
        if judgement.llm_failure:
            reason += f"; {judgement.llm_failure}"
        judged_at = time.perf_counter()
        citations = [self._cite(c) for c in cited]
        explanation = None
        if rationale and citations:
            explanation = self.judge.explain(text, outcome.label, [c.sentence for c in citations])
        done = time.perf_counter()
        verdict = Verdict(
            claim=text,
            label=outcome.label,
            confidence=round(outcome.confidence, 4),
            reason=reason,
            citations=citations,
            rationale=explanation,
            provenance=Provenance(
                model_preset=self.judge.preset,
                model_sha256=self.judge.sha256,
                judge=self.reader.name,
                judge_sha256=self.reader.sha256,
                embedding_model=self.index.encoder.name,
                index_version=version,
                timings=Timings(
                    retrieve_s=round(retrieved - started, 4),
                    judge_s=round(judged_at - retrieved, 4),
                    total_s=round(done - started, 4),
                ),
            ),
        )
        return verdict, _distinct(h for part in hits for h in part)

    def judgement(self, claim: str, top_k: int | None = None) -> Judgement:
        """The judged evidence the aggregator weighs for this claim: fitting data."""
        text, k = self.check_claim(claim, top_k)
        parts, hits, vocabulary, _ = self._retrieve(text, k)
        return self._judge(text, parts, hits, vocabulary)

    def _judge(self, claim: str, parts: list[str], hits: list[list[Hit]], vocabulary: set[str]) -> Judgement:
        """Both judges on the retrieved statements, exactly as for a verdict (fitting reads the same)."""
        return judge_claim(claim, parts, hits, self.reader, self.judge, vocabulary, self.llm_statements)

    def _retrieve(self, claim: str, k: int) -> tuple[list[str], list[list[Hit]], set[str], str]:
        """The claim's parts and the statements retrieved for each (none that quotes the part itself)."""
        parts = claim_parts(claim)
        with self._index_lock:
            hits = [retrieve(self.index, part, k) for part in parts]
            return parts, hits, self.index.vocabulary(), self._index_version

    def verify_many(self, requests: list[VerifyRequest]) -> list[Verdict]:
        for r in requests:  # refuse the whole batch before spending time on any of it
            self.check_claim(r.claim, r.top_k)
        return [self.verify(r.claim, r.top_k, r.rationale) for r in requests]

    def _cite(self, cited: Cited) -> Citation:
        hit, reading = cited.judged.hit, cited.judged.trained
        return Citation(
            article_id=hit.article.id,
            title=hit.article.title,
            outlet=hit.article.source,
            url=hit.article.url,
            published_at=hit.article.published_at,
            sentence=hit.sentence.text,
            start=hit.sentence.start,
            end=hit.sentence.end,
            stance=cited.stance,
            p_true=round(reading.true, 4),
            p_false=round(reading.false, 4),
            retrieval_score=round(hit.score, 6),
            also_in=[a for a in hit.sources if a != hit.article.id],
        )

    def upsert_article(self, body: ArticleIn) -> ArticleWrite:
        """Add or replace an article; durable, then searchable, when this returns (on failure, neither)."""
        try:
            article = validate(Article(**body.model_dump()), self.settings.max_article_chars)
        except InvalidArticle as exc:
            raise BadInput(f"article {body.id}: {exc}") from exc
        written = self._write(lambda w: w.upsert(article))
        status: Literal["added", "replaced", "unchanged"] = written.status  # type: ignore[assignment]
        return ArticleWrite(
            id=article.id,
            status=status,
            sentences=written.sentences,
            index_version=self._index_version,
            dropped=dropped_text(article),
        )

    def upsert_many(self, items: list[dict[str, Any]]) -> BulkArticlesOut:
        """Add or replace each article in order; one refused is reported with the reason, the others still go in.
        A storage failure stops the batch (the articles before it are written)."""
        results = []
        for at, item in enumerate(items):
            given = item.get("id")
            try:
                written = self.upsert_article(ArticleIn.model_validate(item))
            except (ValidationError, BadInput) as exc:
                error = exc.message if isinstance(exc, BadInput) else _validation_message(exc)
                id_ = given if isinstance(given, str) else None
                results.append(BulkItem(index=at, id=id_, status="refused", error=error))
                continue
            status: Literal["added", "replaced", "unchanged"] = written.status  # type: ignore[assignment]
            results.append(
                BulkItem(index=at, id=written.id, status=status, sentences=written.sentences, dropped=written.dropped)
            )
        counts = Counter(r.status for r in results)
        return BulkArticlesOut(results=results, counts=dict(counts), index_version=self._index_version)

    def list_articles(self) -> list[tuple[Article, int]]:
        """Every live article with its count of indexed sentences, read at one moment (for GET /articles)."""
        with self._index_lock:
            return [(a, len(self.index.by_article[a.id])) for a in self.index.articles.values()]

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
        """Remove an article; durably gone when this returns (on failure, still there)."""
        if self._write(lambda w: w.delete(article_id)).status == "missing":
            raise NotFound(f"no article with id {article_id!r}")
        return ArticleWrite(id=article_id, status="deleted", sentences=0, index_version=self._index_version)

    def _write(self, operation: Callable[[IndexWriter], Written]) -> Written:
        """Run one write through the index directory's writer, mapping storage failures to service errors."""
        try:
            written = operation(self._writer())
        except WriteFailed as exc:
            log.error("write refused by storage: %s", exc)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StorageFull("the index's disk is full; the write was not applied") from exc
            message = "the index could not be written; the write was not applied"
            raise StorageUnavailable(message, retry_after=30) from exc
        except LogBroken as exc:
            log.error("%s", exc)
            message = "the index's log could not be repaired after a failed write; the write was not applied"
            raise StorageUnavailable(message, retry_after=30) from exc
        if written.status not in ("unchanged", "missing"):
            with self._index_lock:
                self._index_version = self._version()
        return written

    def _writer(self) -> IndexWriter:
        with self._index_lock:
            if self.writer is None:
                try:
                    self.writer = IndexWriter.attach(self.index, self.settings.index_dir, self._index_lock)
                except (IndexLocked, IndexCorrupt) as exc:
                    log.error("cannot write the index: %s", exc)
                    message = "the index directory is not writable by this process; see the service log"
                    raise StorageUnavailable(message) from exc
            return self.writer

    def close(self) -> None:
        """Release the index directory (its lock and log), if this verifier writes to it."""
        if self.writer is not None:
            self.writer.close()


def _validation_message(error: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())


def dropped_text(article: Article) -> list[DroppedText]:
    """What of the article's text is not indexed, and why (the same cleaning the index applies)."""
    return [
        DroppedText(start=d.start, end=d.end, reason=d.reason, text=article.text[d.start : d.end])
        for d in clean(article.text, article.title).dropped
    ]


def _distinct(hits: Iterable[Hit]) -> list[Hit]:
    """Hits in order, each statement once (a statement may be retrieved for two parts of a claim)."""
    seen: dict[tuple[str, int], Hit] = {}
    for h in hits:
        seen.setdefault(h.key, h)
    return list(seen.values())
