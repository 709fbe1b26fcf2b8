"""The sentence index in memory: articles, clean sentences, their vectors, FAISS and BM25."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import faiss
import numpy as np

from index.articles import Article, ArticleError
from index.clean import Dropped, clean, reporting_sentences
from index.encoder import Encoder
from index.lexical import LexicalIndex, tokens

log = logging.getLogger(__name__)

GROUP_THRESHOLD = 0.86
BATCH_ARTICLES = 64
HNSW_M = 32
HNSW_EF_SEARCH = 256
SYNC_LEXICAL_ROWS = 20_000  # BM25 over this many sentences rebuilds in about a second on 2 cores
_DETAIL = re.compile(
    r"\d+|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|last|next|this)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One indexed sentence; `start`/`end` are offsets into its article's text."""

    id: int
    article_id: str
    position: int
    start: int
    end: int
    text: str
    group: int


@dataclass(frozen=True)
class Upsert:
    """One article in its indexed form, computed before anything changes: what the log stores and memory applies.

    `spans` are (position, start, end, text) per sentence and `groups` their near-duplicate groups, both in
    position order, with one row of `vectors` each."""

    article: Article
    spans: list[tuple[int, int, int, str]]
    groups: list[int]
    vectors: np.ndarray


@dataclass
class IngestReport:
    """What one call to `add` did, article by article."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    sentences: int = 0
    # What each added or replaced article's text lost, and why: nothing is dropped silently.
    dropped: dict[str, list[Dropped]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Bm25:
    """BM25 over some rows, and how many writes it reflects; replaced whole, so readers never see a mix."""

    lexical: LexicalIndex
    rows: list[int]  # the row of each of its entries; -1 where a compaction has since dropped the row
    changes: int
    dropped: int = 0  # entries that are -1


def details(text: str) -> frozenset[str]:
    """Numbers and day/month words: two sentences that differ in these are not duplicates."""
    return frozenset(m.group().lower() for m in _DETAIL.finditer(text))


class SentenceIndex:
    """Articles split into reporting sentences, searchable densely (FAISS) and lexically (BM25)."""

    def __init__(self, encoder: Encoder, exact_limit: int = 50_000) -> None:
        self.encoder = encoder
        self.exact_limit = exact_limit
        self.articles: dict[str, Article] = {}
        self.sentences: list[Sentence | None] = []  # None marks a deleted row
        self._deleted = 0  # rows that are None (counted by delete: searches ask for it on every call)
        self.by_article: dict[str, list[int]] = {}
        # Holds the only copy of the vectors (at 1M sentences, 1.5 GB): `vectors` reads them in place.
        self.dense: faiss.Index = faiss.IndexFlatIP(encoder.dim)
        self._lexical: _Bm25 | None = None
        self._changes = 0  # writes applied so far
        self._rebuilding: threading.Thread | None = None
        self._rebuild_guard = threading.Lock()
        self._numbering = 0  # bumped when rows are renumbered (adopt): a BM25 built over the old rows is dropped
        self._vocabulary: set[str] | None = None
        self._word_counts: Counter[str] | None = None  # live articles using each word, once vocabulary() is asked
        self._next_group = 0
        # Where on disk this state comes from: (log lineage, last operation applied), set by persist.load.
        self.origin: tuple[str, int] | None = None

    @classmethod
    def restore(
        cls,
        encoder: Encoder,
        articles: list[Article],
        sentences: list[Sentence],
        vectors: np.ndarray,
        dense: faiss.Index | None,
        exact_limit: int,
    ) -> SentenceIndex:
        """Rebuild the in-memory index from saved parts (sentence ids must be 0..n-1 in order); `dense`, when
        given, must hold exactly `vectors`, which are then not read (they may be memory-mapped)."""
        index = cls(encoder, exact_limit=exact_limit)
        index.articles = {a.id: a for a in articles}
        index.by_article = {a.id: [] for a in articles}
        for row, sentence in enumerate(sentences):
            if sentence.id != row:
                raise ValueError(f"sentence {sentence.id} stored at row {row}")
            index.by_article[sentence.article_id].append(row)
        index.sentences = list(sentences)
        if len(vectors) != len(sentences) or (dense is not None and dense.ntotal != len(vectors)):
            held = f"{len(vectors)} vectors" + (f" (dense index {dense.ntotal})" if dense is not None else "")
            raise ValueError(f"{held} for {len(sentences)} sentences")
        index.dense = dense or build_dense(np.ascontiguousarray(vectors, dtype=np.float32), len(vectors) > exact_limit)
        index._next_group = 1 + max((s.group for s in sentences), default=-1)
        return index

    @property
    def vectors(self) -> np.ndarray:
        """One row per sentence row (deleted ones included), read in place from the dense index. Rows never
        change once written, but the next write may move them: copy what must outlive it."""
        return stored_vectors(self.dense, self.encoder.dim)

    @property
    def live_count(self) -> int:
        return len(self.sentences) - self._deleted

    @property
    def approximate(self) -> bool:
        return isinstance(self.dense, faiss.IndexHNSWFlat)

    def add(
        self,
        articles: Iterable[Article | ArticleError],
        *,
        replace: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Index new articles; an id already present with other text is an error unless `replace`."""
        report = IngestReport()
        batch: list[Article] = []
        for item in articles:
            if isinstance(item, ArticleError):
                report.errors.append(item)
            elif self._admit(item, batch, report, replace):
                batch.append(item)
                report.dropped[item.id] = clean(item.text, item.title).dropped
            if len(batch) >= BATCH_ARTICLES:
                self._ingest(batch, report, progress)
                batch = []
        self._ingest(batch, report, progress)
        return report

    def _admit(self, article: Article, batch: list[Article], report: IngestReport, replace: bool) -> bool:
        old = self.articles.get(article.id) or next((a for a in batch if a.id == article.id), None)
        if old is None:
            report.added.append(article.id)
            return True
        if old.checksum == article.checksum:
            report.unchanged.append(article.id)
            return False
        if not replace or old is not self.articles.get(article.id):
            report.errors.append(
                ArticleError(article.id, article.id, "duplicate id with different text (replace it explicitly)")
            )
            return False
        self.delete(article.id)
        report.replaced.append(article.id)
        return True

    def _ingest(self, batch: list[Article], report: IngestReport, progress: Callable[[int], None] | None) -> None:
        if not batch:
            return
        for upsert in self.prepare(batch):
            self.apply(upsert)
            report.sentences += len(upsert.spans)
        if progress:
            progress(len(batch))

    def prepare(self, batch: list[Article]) -> list[Upsert]:
        """Segment, encode and group a batch of articles (distinct ids) without changing the index.

        Applying the results in order gives the same index as adding the batch; groups assume nothing else is
        applied in between."""
        spans = [
            [(n, span.start, span.end, span.of(a.text)) for n, span in enumerate(reporting_sentences(a.text, a.title))]
            for a in batch
        ]
        texts = [span[3] for article_spans in spans for span in article_spans]
        owners = [a.id for a, article_spans in zip(batch, spans, strict=True) for _ in article_spans]
        vectors = self.encoder.encode(texts)
        groups = self._assign_groups(vectors, texts, owners)
        out, at = [], 0
        for article, article_spans in zip(batch, spans, strict=True):
            end = at + len(article_spans)
            out.append(Upsert(article, article_spans, groups[at:end], vectors[at:end]))
            at = end
        return out

    def apply(self, upsert: Upsert) -> None:
        """Make a prepared article live, replacing any article with its id (memory only; the caller persists)."""
        article = upsert.article
        if article.id in self.articles:
            self.delete(article.id)
        first = len(self.sentences)
        self.articles[article.id] = article
        self.by_article[article.id] = []
        for offset, ((position, start, end, text), group) in enumerate(zip(upsert.spans, upsert.groups, strict=True)):
            row = first + offset
            self.sentences.append(Sentence(row, article.id, position, start, end, text, group))
            self.by_article[article.id].append(row)
        self._next_group = max(self._next_group, 1 + max(upsert.groups, default=-1))
        if len(upsert.vectors):
            self._append_vectors(upsert.vectors)
        self._changes += 1
        self._count_words(article, +1)

    def _assign_groups(self, vectors: np.ndarray, texts: list[str], article_ids: list[str]) -> list[int]:
        """Join each sentence to the group of an earlier near-duplicate from another article."""
        n_old = len(self.sentences)
        candidates = [_neighbours(self.dense, vectors, 8)] if n_old else []
        own = faiss.IndexFlatIP(vectors.shape[1])
        own.add(vectors)
        sims, rows = _neighbours(own, vectors, 8)
        candidates.append((sims, np.where(rows >= 0, rows + n_old, -1)))
        all_sims = np.hstack([c[0] for c in candidates])
        all_rows = np.hstack([c[1] for c in candidates])
        groups: list[int] = []
        next_group = self._next_group
        for i in range(len(vectors)):
            order = np.argsort(-all_sims[i])
            group = self._earlier_duplicate(
                i, n_old, all_sims[i][order], all_rows[i][order], texts, article_ids, groups
            )
            if group is None:
                group, next_group = next_group, next_group + 1
            groups.append(group)
        return groups

    def _earlier_duplicate(
        self,
        i: int,
        n_old: int,
        sims: np.ndarray,
        rows: np.ndarray,
        texts: list[str],
        article_ids: list[str],
        groups: list[int],
    ) -> int | None:
        for sim, j in zip(sims, rows, strict=True):
            if sim < GROUP_THRESHOLD:
                return None
            if not 0 <= j < n_old + i:
                continue  # only earlier sentences have a group yet
            if j < n_old:
                other = self.sentences[j]
                if other is None:
                    continue
                text, article, group = other.text, other.article_id, other.group
            else:
                text, article, group = texts[j - n_old], article_ids[j - n_old], groups[j - n_old]
            if article != article_ids[i] and details(text) == details(texts[i]):
                return group
        return None

    def _append_vectors(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if not self.approximate and self.dense.ntotal + len(vectors) > self.exact_limit:
            self.dense = build_dense(np.vstack([self.vectors, vectors]), approximate=True)
        else:
            self.dense.add(vectors)

    def adopt(self, fresh: SentenceIndex, captured_rows: int, live_at_capture: list[int]) -> None:
        """Take over the state of `fresh`: this index compacted without tombstones, i.e. the rows live when
        `captured_rows` rows existed (`live_at_capture`, in row order) renumbered 0..m-1, then every write
        applied since, in order (so row `captured_rows + j` here is row `m + j` there). Call under the readers'
        lock, with no write running. The live state is unchanged; only deleted rows' memory is released."""
        if fresh.live_count != self.live_count or len(fresh.sentences) != len(self.sentences) - (
            captured_rows - len(live_at_capture)
        ):
            raise ValueError("the compacted index does not hold this index's live rows")
        renumbered = np.full(len(self.sentences), -1, dtype=np.int64)
        renumbered[np.asarray(live_at_capture, dtype=np.int64)] = np.arange(len(live_at_capture))
        renumbered[captured_rows:] = len(live_at_capture) + np.arange(len(self.sentences) - captured_rows)
        with self._rebuild_guard:
            if self._lexical is not None:
                rows = renumbered[np.asarray(self._lexical.rows, dtype=np.int64)]
                dropped = int((rows < 0).sum())
                self._lexical = dataclasses.replace(self._lexical, rows=rows.tolist(), dropped=dropped)
            self._numbering += 1
            self.sentences, self._deleted, self.by_article = fresh.sentences, fresh._deleted, fresh.by_article
            self.articles, self.dense = fresh.articles, fresh.dense
            self._next_group = max(self._next_group, fresh._next_group)

    def delete(self, article_id: str) -> bool:
        """Remove an article; its rows become tombstones that searches skip."""
        rows = self.by_article.pop(article_id, None)
        if rows is None:
            return False
        for row in rows:
            self.sentences[row] = None
        self._deleted += len(rows)
        self._count_words(self.articles.pop(article_id), -1)
        self._changes += 1
        return True

    def vocabulary(self) -> set[str]:
        """Every lexical token of the live articles' titles and text (for "never mentioned" checks)."""
        if self._vocabulary is None or self._word_counts is None:
            counts: Counter[str] = Counter()
            for article in self.articles.values():
                counts.update(_words(article))
            self._word_counts, self._vocabulary = counts, set(counts)
        return self._vocabulary

    def _count_words(self, article: Article, sign: int) -> None:
        """Keep the vocabulary current with one article's words, instead of re-reading every article."""
        if self._word_counts is None or self._vocabulary is None:
            return
        vocab = set(self._vocabulary)  # a new set: a reader may still hold the old one
        for word in _words(article):
            self._word_counts[word] += sign
            if self._word_counts[word] <= 0:
                del self._word_counts[word]
                vocab.discard(word)
            else:
                vocab.add(word)
        self._vocabulary = vocab

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, cosine) of the k nearest live sentences."""
        if not self.dense.ntotal:
            return []
        dead = len(self.sentences) - self.live_count
        fetch = min(self.dense.ntotal, k + dead)
        sims, rows = self.dense.search(vector.reshape(1, -1).astype(np.float32), fetch)
        hits = [(int(r), float(s)) for s, r in zip(sims[0], rows[0], strict=True) if r >= 0]
        return [(r, s) for r, s in hits if self.sentences[r] is not None][:k]

    def lexical_search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, BM25 score) of the k best live sentences.

        After a write, BM25 is rebuilt over every sentence: on this call while the archive is small (at most
        SYNC_LEXICAL_ROWS rows), else in the background while searches use the previous one (or, for the first
        one, none), so a claim never waits seconds for it. Until then a new article is found by the dense ranking
        only; a deleted one is never returned."""
        current, stale = self._lexical, self._lexical_behind()
        if stale and len(self.sentences) <= SYNC_LEXICAL_ROWS:
            current, stale = self._rebuild_lexical(), False
        elif stale:
            self.build_lexical_in_background()
        if current is None:
            return []  # the first BM25 of a large archive is being built (a minute at 1M sentences)
        rows = current.rows
        # A stale BM25 may hold rows deleted since it was built, or dropped by a compaction since (-1).
        dead = min(len(rows), len(self.sentences) - self.live_count + current.dropped) if stale else 0
        hits = [(rows[pos], score) for pos, score in current.lexical.search(query, k + dead)]
        return [(row, score) for row, score in hits if row >= 0 and self.sentences[row] is not None][:k]

    @property
    def lexical_current(self) -> bool:
        """Whether a search now ranks by BM25 over every live sentence (a small archive's is built on the
        search itself); until then, searches rank new text by meaning only."""
        return not self._lexical_behind() or len(self.sentences) <= SYNC_LEXICAL_ROWS

    def build_lexical(self) -> None:
        """Bring BM25 up to date before returning (waiting for a background build under way)."""
        running = self._rebuilding
        if running is not None:
            running.join()
        if self._lexical_behind():
            self._rebuild_lexical()

    def _lexical_behind(self) -> bool:
        """Whether BM25 is missing or older than the last write."""
        current = self._lexical
        return current is None or current.changes != self._changes

    def _rebuild_lexical(self) -> _Bm25:
        with self._rebuild_guard:  # read first: a write landing meanwhile leaves it marked out of date
            changes, numbering, sentences = self._changes, self._numbering, self.sentences
        live = [s for s in list(sentences) if s is not None]
        built = _Bm25(LexicalIndex([s.text for s in live]), [s.id for s in live], changes)
        with self._rebuild_guard:
            if numbering == self._numbering:  # else the rows were renumbered meanwhile: the next search rebuilds
                self._lexical = built
        return built

    def build_lexical_in_background(self) -> None:
        """Bring BM25 up to date in a thread of its own, unless one is doing so already."""
        with self._rebuild_guard:
            if self._rebuilding is not None and self._rebuilding.is_alive():
                return
            self._rebuilding = threading.Thread(target=self._rebuild_lexical, name="bm25-rebuild", daemon=True)
            self._rebuilding.start()


def _words(article: Article) -> set[str]:
    return set(tokens(article.title)) | set(tokens(article.text))


def _neighbours(index: faiss.Index, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    k = min(k, index.ntotal)
    if k == 0:
        return np.zeros((len(vectors), 0), np.float32), np.zeros((len(vectors), 0), np.int64)
    sims, rows = index.search(vectors, k)
    return sims, rows


def stored_vectors(index: faiss.Index, dim: int) -> np.ndarray:
    """The vectors a flat or HNSW index holds, as an array over its own memory (valid until it next grows)."""
    flat: Any = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    if not flat.ntotal:
        return np.zeros((0, dim), dtype=np.float32)
    return faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * dim).reshape(flat.ntotal, dim)


def build_dense(vectors: np.ndarray, approximate: bool) -> faiss.Index:
    """An exact inner-product index, or HNSW for large collections."""
    dim = vectors.shape[1]
    index: faiss.Index
    if approximate:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 40
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return index
