"""Listing the archive: filter articles by outlet, publication date and title words, newest first, one page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from index.articles import Article
from service.schemas import ArticleList, ArticleSummary


@dataclass(frozen=True)
class ArticleFilter:
    """What GET /articles asks for; None means no constraint."""

    source: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0


def published_on(article: Article) -> date | None:
    """The publication day, if `published_at` starts with an ISO date (2025-11-20 or 2025-11-20T08:00:00Z)."""
    try:
        return date.fromisoformat((article.published_at or "")[:10])
    except ValueError:
        return None


def matches(article: Article, f: ArticleFilter) -> bool:
    """True if the article passes every filter; an article without a readable date fails any date filter."""
    if f.source is not None and (article.source or "").casefold() != f.source.casefold():
        return False
    if f.published_from is not None or f.published_to is not None:
        day = published_on(article)
        if day is None or (f.published_from and day < f.published_from) or (f.published_to and day > f.published_to):
            return False
    if f.q:
        title = article.title.casefold()
        return all(word in title for word in f.q.casefold().split())
    return True


def page(articles: list[tuple[Article, int]], f: ArticleFilter) -> ArticleList:
    """The matching articles (with their sentence counts), newest first then by id, sliced to one page."""
    found = [(a, n) for a, n in articles if matches(a, f)]
    # Newest first; undated articles last; ties by id, so that pages are stable between calls.
    found.sort(key=lambda item: item[0].id)
    found.sort(key=lambda item: published_on(item[0]) or date.min, reverse=True)
    data = [
        ArticleSummary(id=a.id, title=a.title, source=a.source, url=a.url, published_at=a.published_at, sentences=n)
        for a, n in found[f.offset : f.offset + f.limit]
    ]
    return ArticleList(data=data, count=len(found), limit=f.limit, offset=f.offset)
