"""Batch jobs: claims verified one at a time by a worker thread, kept in SQLite so that a restart resumes them."""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from service.claim_files import JobClaim
from service.errors import BadInput, NotFound, ServiceError, TooManyJobs
from service.schemas import ErrorBody, Verdict
from service.settings import Settings
from service.verifier import Verifier

log = logging.getLogger(__name__)
JobState = Literal["queued", "running", "done", "cancelled"]


class JobStatus(BaseModel):
    id: str
    state: JobState = Field(description="queued, running (some claims done), done, or cancelled.")
    total: int = Field(description="Claims in the job.")
    done: int = Field(description="Claims finished so far, with a verdict or an error.")
    failed: int = Field(description="Claims that ended with an error instead of a verdict.")
    created_at: str
    finished_at: str | None
    results: str = Field(description="Where the results stream as JSON Lines.")


class JobResult(BaseModel):
    """One line of GET /jobs/{id}/results: the verdict for claim number `index`, or why there is none."""

    index: int
    id: str | None
    claim: str
    verdict: Verdict | None
    error: ErrorBody | None


def jobs_path(settings: Settings) -> Path:
    """The jobs database: the configured file, else jobs.sqlite beside the index directory."""
    return settings.jobs_db or settings.index_dir.parent / "jobs.sqlite"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, cancelled INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    job_id TEXT NOT NULL REFERENCES jobs(id), seq INTEGER NOT NULL, request TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued', verdict TEXT, error TEXT, PRIMARY KEY (job_id, seq)
);
CREATE INDEX IF NOT EXISTS items_queued ON items(state, job_id, seq);
"""
_FINISHED = ("done", "failed", "cancelled")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class JobStore:
    """Jobs and their claims in one SQLite file; every call opens its own connection, so any thread may call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    def create(self, claims: list[JobClaim]) -> str:
        job_id = secrets.token_hex(8)
        with self._db() as db:
            db.execute("INSERT INTO jobs (id, created_at) VALUES (?, ?)", (job_id, _now()))
            db.executemany(
                "INSERT INTO items (job_id, seq, request) VALUES (?, ?, ?)",
                [(job_id, n, c.model_dump_json()) for n, c in enumerate(claims)],
            )
        return job_id

    def unfinished(self) -> int:
        with self._db() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM jobs WHERE finished_at IS NULL").fetchone()
        return int(count)

    def status(self, job_id: str) -> JobStatus:
        with self._db() as db:
            job = db.execute(
                "SELECT created_at, started_at, finished_at, cancelled FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
            if job is None:
                raise NotFound(f"no job with id {job_id!r}")
            counts = dict(db.execute("SELECT state, COUNT(*) FROM items WHERE job_id = ? GROUP BY state", (job_id,)))
        created, started, finished, cancelled = job
        state: JobState = "cancelled" if cancelled else "done" if finished else "running" if started else "queued"
        return JobStatus(
            id=job_id,
            state=state,
            total=sum(counts.values()),
            done=sum(counts.get(s, 0) for s in _FINISHED),
            failed=counts.get("failed", 0) + counts.get("cancelled", 0),
            created_at=created,
            finished_at=finished,
            results=f"/jobs/{job_id}/results",
        )

    def next_item(self) -> tuple[str, int, JobClaim] | None:
        """The oldest job's first claim not yet finished (a claim cut off by a restart is run again)."""
        with self._db() as db:
            row = db.execute(
                "SELECT i.job_id, i.seq, i.request FROM items i JOIN jobs j ON j.id = i.job_id "
                "WHERE i.state = 'queued' ORDER BY j.created_at, j.rowid, i.seq LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            db.execute("UPDATE jobs SET started_at = ? WHERE id = ? AND started_at IS NULL", (_now(), row[0]))
        return row[0], row[1], JobClaim.model_validate_json(row[2])

    def finish_item(self, job_id: str, seq: int, verdict: Verdict | None, error: ErrorBody | None) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE items SET state = ?, verdict = ?, error = ? WHERE job_id = ? AND seq = ? AND state = 'queued'",
                (
                    "done" if verdict else "failed",
                    verdict.model_dump_json() if verdict else None,
                    error.model_dump_json() if error else None,
                    job_id,
                    seq,
                ),
            )
            self._close_if_finished(db, job_id)

    def cancel(self, job_id: str) -> JobStatus:
        """Stop a job: claims not yet finished end as cancelled; those done keep their verdicts."""
        self.status(job_id)  # NotFound first
        error = ErrorBody(type="cancelled", message="the job was cancelled before this claim was run")
        with self._db() as db:
            db.execute("UPDATE jobs SET cancelled = 1 WHERE id = ? AND finished_at IS NULL", (job_id,))
            db.execute(
                "UPDATE items SET state = 'cancelled', error = ? WHERE job_id = ? AND state = 'queued'",
                (error.model_dump_json(), job_id),
            )
            self._close_if_finished(db, job_id)
        return self.status(job_id)

    def _close_if_finished(self, db: sqlite3.Connection, job_id: str) -> None:
        db.execute(
            "UPDATE jobs SET finished_at = ? WHERE id = ? AND finished_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM items WHERE job_id = ? AND state = 'queued')",
            (_now(), job_id, job_id),
        )

    def results(self, job_id: str, start: int = 0) -> list[JobResult]:
        """Finished results from claim `start` on, in order, up to the first claim not yet finished."""
        with self._db() as db:
            rows = db.execute(
                "SELECT seq, request, state, verdict, error FROM items WHERE job_id = ? AND seq >= ? ORDER BY seq",
                (job_id, start),
            ).fetchall()
        out = []
        for seq, request, state, verdict, error in rows:
            if state not in _FINISHED:
                break
            claim = JobClaim.model_validate_json(request)
            out.append(
                JobResult(
                    index=seq,
                    id=claim.id,
                    claim=claim.claim,
                    verdict=Verdict.model_validate_json(verdict) if verdict else None,
                    error=ErrorBody.model_validate_json(error) if error else None,
                )
            )
        return out


class JobRunner:
    """Admits jobs up to a bound and runs their claims one at a time in a worker thread, oldest job first."""

    def __init__(
        self,
        store: JobStore,
        verifier: Callable[[], Verifier | None],
        max_jobs: int,
        on_verdict: Callable[[Verdict], None] = lambda v: None,
        idle_s: float = 0.5,
        stop_timeout_s: float = 10.0,
    ) -> None:
        self.store = store
        self.verifier = verifier  # None while the models load: the worker waits, and unfinished jobs resume after
        self.max_jobs = max_jobs
        self.on_verdict = on_verdict
        self.idle_s = idle_s
        self.stop_timeout_s = stop_timeout_s  # how long shutdown waits for the claim in progress
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._admit = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, claims: list[JobClaim], verifier: Verifier, max_claims: int) -> JobStatus:
        """A new job, refused whole if a claim is out of bounds or too many jobs are unfinished."""
        if len(claims) > max_claims:
            raise BadInput(f"{len(claims)} claims in one job; the limit is {max_claims}")
        for n, c in enumerate(claims):
            try:
                verifier.check_claim(c.claim, c.top_k)
            except BadInput as exc:
                raise BadInput(f"claim {n}: {exc.message}") from exc
        with self._admit:
            if self.store.unfinished() >= self.max_jobs:
                raise TooManyJobs(
                    f"{self.max_jobs} jobs are unfinished, the most at once; retry when one is done", retry_after=30
                )
            job_id = self.store.create(claims)
        self._wake.set()
        return self.store.status(job_id)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Ask the worker to stop after its current claim; a claim cut off by exit is run again on the next start."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self.stop_timeout_s)

    def _work(self) -> None:
        while not self._stop.is_set():
            verifier = self.verifier()
            item = self.store.next_item() if verifier is not None else None
            if verifier is None or item is None:
                self._wake.wait(self.idle_s)
                self._wake.clear()
                continue
            self._run(verifier, *item)

    def _run(self, verifier: Verifier, job_id: str, seq: int, claim: JobClaim) -> None:
        verdict, error = None, None
        try:
            verdict = verifier.verify(claim.claim, claim.top_k, claim.rationale)
        except ServiceError as exc:
            error = ErrorBody(type=exc.type, message=exc.message)
        except Exception as exc:  # a bug on one claim is recorded on that claim; the other claims still run
            log.exception("job %s claim %d failed", job_id, seq)
            error = ErrorBody(type="internal_error", message=f"{type(exc).__name__}; see the service log")
        self.store.finish_item(job_id, seq, verdict, error)
        if verdict is not None:
            self.on_verdict(verdict)
