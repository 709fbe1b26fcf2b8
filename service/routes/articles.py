"""Listing the archive: GET /articles (one page, filtered); adding many at once: POST /articles/bulk. Reading,
adding and deleting one article are in service.app."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from service.app import VerifierDep
from service.archive import ArticleFilter, page
from service.errors import BadInput
from service.schemas import ArticleList, BulkArticlesIn, BulkArticlesOut

MAX_LIMIT = 500

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=ArticleList, summary="List and search the archive")
async def list_articles(
    verifier: VerifierDep,
    source: Annotated[str | None, Query(max_length=200, description="Only this outlet (any case).")] = None,
    published_from: Annotated[
        date | None, Query(description="Only articles published on or after this day.", examples=["2025-11-01"])
    ] = None,
    published_to: Annotated[
        date | None, Query(description="Only articles published on or before this day.", examples=["2025-11-30"])
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words the title must contain (any case).", examples=["peace"])
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Articles per page.")] = 50,
    offset: Annotated[
        int, Query(ge=0, description="Matching articles to skip (offset + limit for the next page).")
    ] = 0,
) -> ArticleList:
    """One page of the archive's articles, newest first (undated last), without their text. `count` is the total
    that match the filters, so a client can page with `offset` until `offset >= count`. Articles without a readable
    `published_at` (ISO date) are left out when a date filter is given."""
    if published_from and published_to and published_from > published_to:
        raise BadInput(f"published_from ({published_from}) is after published_to ({published_to})")
    wanted = ArticleFilter(source, published_from, published_to, q, limit, offset)
    return await run_in_threadpool(lambda: page(verifier.list_articles(), wanted))


@router.post("/bulk", response_model=BulkArticlesOut, summary="Add or replace many articles, each reported")
async def bulk_articles(body: BulkArticlesIn, verifier: VerifierDep) -> BulkArticlesOut:
    """Each article is checked and written on its own, in order, as by POST /articles: one that is refused (no
    sentence to index, a date that is not ISO 8601, too long) is reported with the reason and the others still go
    in. `results` has one entry per article, in request order, with what of its text was not indexed."""
    return await run_in_threadpool(verifier.upsert_many, body.articles)
