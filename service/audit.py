"""The audit log: every verdict the API returned, in SQLite, written by a background thread so that verification
never waits on the disk; old rows leave after the retention period. Schema changes are migrations recorded in a
table (as simonw/llm's `migrations.py` does)."""

from __future__ import annotations

import json
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from service.schemas import Verdict
from service.settings import Settings

log = logging.getLogger(__name__)

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []
PRUNE_EVERY_S = 3600.0
QUEUE_LIMIT = 10_000  # verdicts waiting for the disk; beyond it they are dropped (and said so), never waited for


def migration(fn: Migration) -> Migration:
    """Register a schema change; each runs once, in the order written, and is recorded in _migrations."""
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_verdicts(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            request_id TEXT,
            claim TEXT NOT NULL,
            label TEXT NOT NULL,
            confidence REAL NOT NULL,
            reason TEXT NOT NULL,
            citations TEXT NOT NULL,
            model_preset TEXT NOT NULL,
            model_sha256 TEXT NOT NULL,
            judge TEXT NOT NULL,
            judge_sha256 TEXT NOT NULL,
            embedding_model TEXT NOT NULL,
            index_version TEXT NOT NULL,
            total_s REAL NOT NULL
        )"""
    )


@migration
def m002_verdicts_created_at(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX verdicts_created_at ON verdicts (created_at)")


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database has not had yet; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db:  # the change and its record commit together
            fn(db)
            db.execute("INSERT INTO _migrations VALUES (?, ?)", (fn.__name__, _now().isoformat()))
        applied.append(fn.__name__)
    return applied


def audit_path(settings: Settings) -> Path:
    """The configured file, else audit.sqlite beside the index directory (inside it would be replaced on save)."""
    return settings.audit_db or settings.index_dir.parent / "audit.sqlite"


def open_audit(settings: Settings) -> AuditLog | None:
    """The audit log the settings ask for, or None when it is turned off."""
    if not settings.audit:
        return None
    return AuditLog(audit_path(settings), settings.audit_retention_days)


class AuditLog:
    """Appends verdicts from any thread; one writer thread owns the connection and commits each row."""

    def __init__(self, path: Path, retention_days: int = 90, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        self.retention_days = retention_days
        self.dropped = 0
        self._clock = clock or _now
        self._queue: queue.Queue[tuple[Verdict, str | None, datetime] | None] = queue.Queue(QUEUE_LIMIT)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _connect(path)  # migrate and prune before serving, so a bad path fails at start, not per request
        migrate(db)
        self._last_prune = time.monotonic()
        self.prune(db)
        db.close()
        self._thread = threading.Thread(target=self._write, name="audit-log", daemon=True)
        self._thread.start()

    def record(self, verdict: Verdict, request_id: str | None = None) -> None:
        """Queue one verdict for writing; never blocks."""
        try:
            self._queue.put_nowait((verdict, request_id, self._clock()))
        except queue.Full:
            self.dropped += 1
            log.warning("audit log queue full; %d verdict(s) not recorded", self.dropped)

    def flush(self) -> None:
        """Wait until every queued verdict is written."""
        self._queue.join()

    def close(self) -> None:
        """Write what is queued, then stop the writer."""
        self._queue.put(None)
        self._thread.join(timeout=10)

    def prune(self, db: sqlite3.Connection) -> int:
        """Delete verdicts older than the retention period; return how many."""
        if self.retention_days == 0:
            return 0
        cutoff = (self._clock() - timedelta(days=self.retention_days)).isoformat()
        with db:
            deleted = db.execute("DELETE FROM verdicts WHERE created_at < ?", (cutoff,)).rowcount
        if deleted:
            log.info("audit log: %d verdict(s) older than %d days deleted", deleted, self.retention_days)
        return deleted

    def _write(self) -> None:
        db = _connect(self.path)
        try:
            while (item := self._queue.get()) is not None:
                try:
                    with db:
                        db.execute(_INSERT, _row(*item))
                    if time.monotonic() - self._last_prune > PRUNE_EVERY_S:
                        self._last_prune = time.monotonic()
                        self.prune(db)
                except sqlite3.Error:
                    log.exception("audit log: a verdict could not be written to %s", self.path)
                finally:
                    self._queue.task_done()
            self._queue.task_done()
        finally:
            db.close()


_COLUMNS = (
    "created_at, request_id, claim, label, confidence, reason, citations, model_preset, model_sha256, judge, "
    "judge_sha256, embedding_model, index_version, total_s"
)
_INSERT = f"INSERT INTO verdicts ({_COLUMNS}) VALUES ({', '.join('?' * len(_COLUMNS.split(',')))})"


def _row(verdict: Verdict, request_id: str | None, at: datetime) -> tuple[Any, ...]:
    p = verdict.provenance
    citations = json.dumps([c.model_dump() for c in verdict.citations], ensure_ascii=False)
    return (
        at.isoformat(),
        request_id,
        verdict.claim,
        verdict.label,
        verdict.confidence,
        verdict.reason,
        citations,
        p.model_preset,
        p.model_sha256,
        p.judge,
        p.judge_sha256,
        p.embedding_model,
        p.index_version,
        p.timings.total_s,
    )


def recent(path: Path, limit: int = 20) -> list[dict[str, Any]]:
    """The latest verdicts, newest first, citations decoded."""
    db = _connect(path)
    db.row_factory = sqlite3.Row
    try:
        rows = db.execute("SELECT * FROM verdicts ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    finally:
        db.close()
    return [{**dict(row), "citations": json.loads(row["citations"])} for row in rows]


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10)
    db.execute("PRAGMA journal_mode=WAL")  # readers (`python -m service audit`) never block the writer
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _now() -> datetime:
    return datetime.now(UTC)
