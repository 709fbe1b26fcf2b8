"""schema.org ClaimReview JSON-LD for a verdict, so a newsroom CMS can embed it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.schemas import Verdict

# 1-5 rating scale; conflicting and not_enough_info sit in the middle with their own names.
_RATING = {"refuted": 1, "conflicting": 3, "not_enough_info": 3, "supported": 5}
_NAMES = {
    "supported": "Supported by the archive",
    "refuted": "Refuted by the archive",
    "conflicting": "Sources in the archive conflict",
    "not_enough_info": "Not enough information in the archive",
}


def claimreview(verdict: Verdict, today: dt.date | None = None) -> dict[str, Any]:
    """The verdict as a ClaimReview; cited articles become citations (URLs where known)."""
    citations: list[Any] = []
    for c in {c.article_id: c for c in verdict.citations}.values():  # one entry per article
        work: dict[str, Any] = {"@type": "NewsArticle", "headline": c.title, "identifier": c.article_id}
        if c.url:
            work["url"] = c.url
        if c.outlet:
            work["publisher"] = {"@type": "Organization", "name": c.outlet}
        citations.append(work)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim,
        "datePublished": (today or dt.date.today()).isoformat(),
        "itemReviewed": {"@type": "Claim", "text": verdict.claim},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": _RATING[verdict.label],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": verdict.label,
            "ratingExplanation": _NAMES[verdict.label] + ". " + verdict.reason,
        },
        "author": {"@type": "Organization", "name": "claimcheck (automated)"},
        "citation": citations,
    }
