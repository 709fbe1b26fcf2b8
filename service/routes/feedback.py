"""Feedback on verdicts: a reporter marks one wrong with the right label; corrections export as labeled claims."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from service.feedback import FeedbackIn, FeedbackList, FeedbackOut, FeedbackStore, feedback_path


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.feedback = FeedbackStore(feedback_path(app.state.claims.settings))
    yield


router = APIRouter(prefix="/feedback", tags=["feedback"], lifespan=lifespan)


def get_store(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.feedback
    return store


StoreDep = Annotated[FeedbackStore, Depends(get_store)]


@router.post("", status_code=201, response_model=FeedbackOut)
async def add_feedback(body: FeedbackIn, store: StoreDep) -> FeedbackOut:
    """Store a reporter's label for a verdict, with the verdict, its evidence, and the model and index versions
    from its provenance."""
    return await run_in_threadpool(store.add, body)


@router.get("", response_model=FeedbackList)
async def list_feedback(
    store: StoreDep, skip: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)
) -> FeedbackList:
    """Stored feedback, newest first, with the total count."""
    return await run_in_threadpool(store.recent, skip, limit)


@router.get("/export", responses={200: {"content": {"application/x-ndjson": {}}}})
async def export_feedback(store: StoreDep) -> Response:
    """Corrected claims as JSON Lines in the eval harness's format (`id`, `claim`, `label`, `evidence` as
    `{article, text}`, `tags`): `python -m eval run --data feedback.jsonl` scores the service on them."""
    rows = await run_in_threadpool(store.export)
    body = "".join(r.model_dump_json() + "\n" for r in rows)
    headers = {"Content-Disposition": 'attachment; filename="feedback.jsonl"'}
    return Response(body, media_type="application/x-ndjson", headers=headers)
