"""Batch jobs: submit claims (JSON, CSV or JSON Lines), watch progress, stream results, export them."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from service.app import StateDep, VerifierDep
from service.claim_files import parse_claims
from service.claimreview import claimreview
from service.jobs import JobResult, JobRunner, JobStatus, JobStore, jobs_path
from service.schemas import ErrorResponse

POLL_S = 0.25  # how often a results stream looks for newly finished claims


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the jobs database and start the worker; unfinished jobs from before a restart resume at once."""
    state = app.state.claims
    runner = JobRunner(
        JobStore(jobs_path(state.settings)), lambda: state.verifier, state.settings.max_jobs, state.observe
    )
    app.state.jobs = runner
    runner.start()
    try:
        yield
    finally:
        await run_in_threadpool(runner.stop)


router = APIRouter(prefix="/jobs", tags=["jobs"], lifespan=lifespan)


def get_runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.jobs
    return runner


RunnerDep = Annotated[JobRunner, Depends(get_runner)]
_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"type": "object"},  # service/openapi.py states the running service's bounds here
            "example": {"claims": ["Witkoff met Putin in Moscow", {"id": "c2", "claim": "Peskov called it premature"}]},
        },
        "text/csv": {
            "schema": {"type": "string"},
            "example": "id,claim\nc1,Witkoff met Putin in Moscow\n",
        },
        "application/x-ndjson": {
            "schema": {"type": "string"},
            "example": '{"id": "c1", "claim": "Witkoff met Putin in Moscow"}\n',
        },
    },
}


_TOO_MANY = {
    "model": ErrorResponse,
    "description": "`CLAIMS_MAX_JOBS` jobs are already unfinished (`too_many_jobs`); retry after one finishes.",
    "headers": {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}},
}


@router.post(
    "", status_code=202, response_model=JobStatus, responses={429: _TOO_MANY}, openapi_extra={"requestBody": _BODY}
)
async def submit_job(request: Request, verifier: VerifierDep, runner: RunnerDep, state: StateDep) -> JobStatus:
    """Queue claims for verification and answer at once with the job (202). The body is `{"claims": [...]}`, a CSV
    file with a `claim` column (and optional `id`, `top_k`), or JSON Lines with a `claim` key (an eval file works
    as it is). Claims run one at a time; 429 when `CLAIMS_MAX_JOBS` jobs are already unfinished."""
    claims = parse_claims(await request.body(), request.headers.get("content-type", ""))
    return await run_in_threadpool(runner.submit, claims, verifier, state.settings.max_job_claims)


@router.get("/{job_id}", response_model=JobStatus)
async def job_status(job_id: str, runner: RunnerDep) -> JobStatus:
    """Progress of a job: its state and how many claims are done (with a verdict or an error) of how many."""
    return await run_in_threadpool(runner.store.status, job_id)


@router.delete("/{job_id}", response_model=JobStatus)
async def cancel_job(job_id: str, runner: RunnerDep) -> JobStatus:
    """Cancel a job: claims not yet run end with a `cancelled` error; verdicts already given are kept."""
    return await run_in_threadpool(runner.store.cancel, job_id)


@router.get(
    "/{job_id}/results",
    responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {}, "application/ld+json": {}}}},
)
async def job_results(
    job_id: str,
    runner: RunnerDep,
    format: Literal["jsonl", "csv", "claimreview"] = Query("jsonl"),
    start: int = Query(0, ge=0, description="First claim (0-based) to return: resume a stream where it broke."),
    wait: bool = Query(True, description="jsonl only: keep the stream open until the job is finished."),
) -> Response:
    """Results in claim order, one JSON object a line (`index`, `id`, `claim`, and `verdict` or `error`), streamed
    as claims finish. `format=csv` (a table) and `format=claimreview` (a JSON-LD list of schema.org ClaimReview) give
    the verdicts finished so far."""
    await run_in_threadpool(runner.store.status, job_id)  # 404 before a stream starts
    if format == "jsonl":
        return StreamingResponse(_stream(runner, job_id, start, wait), media_type="application/x-ndjson")
    results = await run_in_threadpool(runner.store.results, job_id, start)
    if format == "csv":
        name = f'attachment; filename="job-{job_id}.csv"'
        return Response(_csv(results), media_type="text/csv", headers={"Content-Disposition": name})
    reviews = [claimreview(r.verdict) for r in results if r.verdict is not None]
    return Response(json.dumps(reviews, ensure_ascii=False), media_type="application/ld+json")


async def _stream(runner: JobRunner, job_id: str, start: int, wait: bool) -> AsyncIterator[str]:
    while True:
        # Status before results: a job finished by then has every result in the read that follows.
        status = await asyncio.to_thread(runner.store.status, job_id)
        for result in await asyncio.to_thread(runner.store.results, job_id, start):
            yield result.model_dump_json() + "\n"
            start = result.index + 1
        if not wait or status.finished_at is not None:
            return
        await asyncio.sleep(POLL_S)


_CSV_COLUMNS = ["index", "id", "claim", "label", "confidence", "reason", "sources", "error"]


def _csv(results: list[JobResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_CSV_COLUMNS)
    for r in results:
        row: dict[str, Any] = {"index": r.index, "id": r.id or "", "claim": r.claim}
        if r.verdict is not None:
            v = r.verdict
            sources = {f"{c.outlet or c.article_id} ({c.stance})" for c in v.citations}
            row |= {
                "label": v.label,
                "confidence": v.confidence,
                "reason": v.reason,
                "sources": "; ".join(sorted(sources)),
            }
        if r.error is not None:
            row["error"] = f"{r.error.type}: {r.error.message}"
        writer.writerow([row.get(c, "") for c in _CSV_COLUMNS])
    return out.getvalue()
