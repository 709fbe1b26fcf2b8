"""The one writer of an index directory: holds its lock, makes each article operation durable in the log
before memory sees it, and compacts the log into a new snapshot off the request path."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from index import log as oplog
from index import persist
from index.articles import Article, ArticleError
from index.encoder import Encoder
from index.lock import DirectoryLock
from index.store import IngestReport, SentenceIndex

log = logging.getLogger(__name__)

COMPACT_BYTES = 64 * 2**20  # a log this large is folded into a new snapshot in the background
CATCH_UP_UNDER_LOCK = 8  # writes made during a compaction that its last step replays while holding writes


class WriteFailed(RuntimeError):
    """The operation was not applied: storage refused it (the OSError is chained); nothing changed."""

    def __init__(self, message: str, error: OSError) -> None:
        super().__init__(message)
        self.errno = error.errno


@dataclass(frozen=True)
class Written:
    status: Literal["added", "replaced", "unchanged", "deleted", "missing"]
    sentences: int


class IndexWriter:
    """Writes to one index directory, all-or-nothing; readers of `index` take `lock` (writes apply under it)."""

    def __init__(
        self,
        index: SentenceIndex,
        directory: Path,
        held: DirectoryLock,
        log_file: oplog.OperationLog,
        lock: threading.RLock | None = None,
        compact_bytes: int = COMPACT_BYTES,
    ) -> None:
        self.index = index
        self.directory = directory
        self.lock = lock or threading.RLock()  # readers and the in-memory apply step
        self.compact_bytes = compact_bytes
        self._held = held
        self._log = log_file
        self._writing = threading.Lock()  # one operation (or snapshot capture) at a time
        self._compacting: threading.Thread | None = None
        self._compaction = threading.Lock()  # one compaction at a time: an older one must not land after a newer
        self._since_capture: list[oplog.Entry] | None = None  # what a running compaction's snapshot lacks
        self.index.origin = (log_file.log_id, log_file.last_seq)

    # --- opening ---------------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        directory: Path,
        encoder: Encoder,
        exact_limit: int = 50_000,
        *,
        corpus: Callable[[], Iterable[Article | ArticleError]] | None = None,
        lock: threading.RLock | None = None,
        compact_bytes: int = COMPACT_BYTES,
    ) -> IndexWriter:
        """Lock the directory, clean crash debris, and load snapshot + log; an empty directory is built from
        `corpus` (if given). A broken directory raises IndexCorrupt and is left as it is."""
        held = DirectoryLock(directory).acquire()
        try:
            persist.clean_debris(directory)
            if persist.layout(directory) == "empty":
                index = SentenceIndex(encoder, exact_limit=exact_limit)
                if corpus is not None:
                    _build(index, corpus())
                persist.replace_all(persist.snapshot_of(index), directory)
            index, contents = persist.load_state(directory, encoder, exact_limit)
            log_file = _resume_log(directory, index, contents)
            writer = cls(index, directory, held, log_file, lock, compact_bytes)
        except BaseException:
            held.release()
            raise
        writer._maybe_compact()
        return writer

    @classmethod
    def attach(cls, index: SentenceIndex, directory: Path, lock: threading.RLock | None = None) -> IndexWriter:
        """Become the writer of `directory` for an index already in memory: either loaded from it and not
        changed on disk since, or written there as its first snapshot if the directory is empty."""
        held = DirectoryLock(directory).acquire()
        try:
            persist.clean_debris(directory)
            if persist.layout(directory) == "empty":
                persist.replace_all(persist.snapshot_of(index), directory)
                meta = persist.read_manifest(directory)
                index.origin = (str(meta["log_id"]), 0)
            manifest = persist.read_manifest(directory)
            contents = oplog.read(directory / oplog.LOG_FILE)
            on_disk = (str(manifest.get("log_id") or ""), _last_seq(manifest, contents))
            if index.origin != on_disk:
                raise persist.IndexCorrupt(
                    f"index directory {directory} has changed since this index was loaded (or holds another "
                    "index); reload it before writing"
                )
            log_file = _resume_log(directory, index, contents)
            return cls(index, directory, held, log_file, lock)
        except BaseException:
            held.release()
            raise

    # --- writing ---------------------------------------------------------------------------------------

    def upsert(self, article: Article) -> Written:
        """Add or replace one article: durable in the log, then live in memory; on failure, neither."""
        with self._writing:
            old = self.index.articles.get(article.id)
            if old == article:  # every field: a new url or date alone is a change worth saving
                return Written("unchanged", len(self.index.by_article[article.id]))
            [prepared] = self.index.prepare([article])
            self._append(prepared, f"article {article.id}")
            with self.lock:
                self.index.apply(prepared)
        self._maybe_compact()
        return Written("replaced" if old is not None else "added", len(prepared.spans))

    def delete(self, article_id: str) -> Written:
        """Remove one article: durable in the log, then gone from memory; on failure, neither."""
        with self._writing:
            if article_id not in self.index.articles:
                return Written("missing", 0)
            self._append(oplog.Delete(article_id), f"deleting article {article_id}")
            with self.lock:
                self.index.delete(article_id)
        self._maybe_compact()
        return Written("deleted", 0)

    def _append(self, operation: oplog.Operation, what: str) -> None:
        try:
            entry = self._log.append(operation)
        except OSError as exc:
            raise WriteFailed(f"{what} was not saved: {exc.strerror or exc}", exc) from exc
        if self._since_capture is not None:
            self._since_capture.append(entry)
        self.index.origin = (self._log.log_id, entry.seq)

    # --- compaction ------------------------------------------------------------------------------------

    def compact(self) -> dict[str, object]:
        """Fold the log into a new snapshot; writes wait only while the state is captured and the log cut.

        Where deleted or replaced articles left tombstones, the snapshot drops them, and memory then takes the
        same compacted state (built off the write lock, and brought up to date with the writes made meanwhile,
        also off it but for the last few), so a long-running service does not keep every deleted row until a
        restart."""
        with self._compaction:
            with self._writing:
                snap, seq = persist.snapshot_of(self.index), self._log.last_seq
                captured_rows = len(self.index.sentences)
                self._since_capture = []
            try:
                return self._fold(snap, seq, captured_rows)
            finally:
                with self._writing:
                    self._since_capture = None

    def _fold(self, snap: persist.Snapshot, seq: int, captured_rows: int) -> dict[str, object]:
        started = time.perf_counter()
        fresh = None
        if len(snap.sentences) < captured_rows:
            fresh = persist.compacted(snap, self.index.encoder, self.index.exact_limit)
            snap = dataclasses.replace(snap, dense=fresh.dense)  # saved as it is, not built a second time
        meta = persist.write_snapshot(snap, self.directory, self._log.log_id, seq)
        caught_up = self._catch_up(fresh) if fresh is not None else 0
        live_at_capture = [s.id for s in snap.sentences] if fresh is not None else []
        with self._writing:
            tail = list(self._since_capture or [])  # every operation after the snapshot, in order
            old = self._log  # kept until the new file is in place, so a failure here leaves it usable
            self._log = oplog.OperationLog.start(old.path, old.log_id, tail, old.last_seq)
            old.close()
            if fresh is not None:
                for entry in tail[caught_up:]:
                    persist.replay(fresh, entry.operation)
                with self.lock:
                    self.index.adopt(fresh, captured_rows, live_at_capture)
        released = f", {captured_rows - len(snap.sentences)} deleted rows released" if fresh else ""
        log.info(
            "compacted %s up to operation %d in %.1fs%s", self.directory, seq, time.perf_counter() - started, released
        )
        return meta

    def _catch_up(self, fresh: SentenceIndex) -> int:
        """Replay on `fresh`, without holding writes, what was written since the capture, until at most a few
        operations are left for the final step under the write lock; how many were replayed."""
        done = 0
        while True:
            with self._writing:
                pending = list((self._since_capture or [])[done:])
            if len(pending) <= CATCH_UP_UNDER_LOCK:
                return done
            for entry in pending:
                persist.replay(fresh, entry.operation)
            done += len(pending)

    def _maybe_compact(self) -> None:
        running = self._compaction.locked() or (self._compacting and self._compacting.is_alive())
        if self._log.size < self.compact_bytes or running:
            return
        self._compacting = threading.Thread(target=self._compact_quietly, name="index-compaction", daemon=True)
        self._compacting.start()

    def _compact_quietly(self) -> None:
        try:
            self.compact()
        except Exception:  # the log still holds every operation; the next write tries again
            log.exception("compaction of %s failed", self.directory)

    @property
    def log_bytes(self) -> int:
        return self._log.size

    def close(self) -> None:
        """Wait for a running compaction, close the log and release the directory lock."""
        if self._compacting is not None:
            self._compacting.join()
        with self._writing:
            self._log.close()
            self._held.release()


def _build(index: SentenceIndex, items: Iterable[Article | ArticleError]) -> IngestReport:
    started = time.perf_counter()
    report = index.add(items)
    for error in report.errors:
        log.warning("skipped %s: %s", error.origin, error.reason)
    log.info(
        "built index of %d sentences from %d articles in %.1fs",
        report.sentences,
        len(report.added),
        time.perf_counter() - started,
    )
    return report


def _last_seq(manifest: dict[str, object], contents: oplog.Contents) -> int:
    seq = int(manifest.get("log_seq") or 0)  # type: ignore[call-overload]
    if contents.log_id == manifest.get("log_id") and contents.entries:
        seq = max(seq, contents.entries[-1].seq)
    return seq


def _resume_log(directory: Path, index: SentenceIndex, contents: oplog.Contents) -> oplog.OperationLog:
    """The log to append to: the existing one if it continues the snapshot, else a fresh one."""
    path = directory / oplog.LOG_FILE
    if index.origin is None:  # a snapshot of format 1 (no log yet): give it a lineage first
        meta = persist.write_snapshot(persist.snapshot_of(index), directory, persist.new_log_id(), 0)
        index.origin = (str(meta["log_id"]), 0)
    log_id, seq = index.origin
    if contents.log_id == log_id:
        return oplog.OperationLog.resume(path, contents, seq)
    if contents.log_id is not None:
        log.warning("%s belongs to an older snapshot; starting a new log", path)
    return oplog.OperationLog.start(path, log_id, [], seq)
