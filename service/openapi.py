"""The OpenAPI document a developer integrates from: tag descriptions, an example for every model, and the API key
declared as a security scheme so that /docs can send it."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from service.claim_files import job_body_schema
from service.feedback import FeedbackIn, FeedbackList, FeedbackOut, GoldEvidence
from service.jobs import JobStatus
from service.schemas import (
    ArticleIn,
    ArticleList,
    ArticleOut,
    ArticleSummary,
    ArticleWrite,
    BatchRequest,
    BatchResponse,
    Citation,
    ErrorBody,
    ErrorResponse,
    Health,
    Provenance,
    Ready,
    Timings,
    Verdict,
    VerifyRequest,
)
from service.settings import Settings

DOC_PATHS = {"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}  # readable without the key
SCHEME = "APIKeyHeader"

DESCRIPTION = """Verify claims against a local archive of news articles with local models; nothing leaves the machine.

A verdict (`supported`, `refuted`, `not_enough_info`, `conflicting`) comes with a confidence, a one-line reason and
citations: the exact sentences of archive articles, with character offsets into the article text, so that a person
can check them in seconds.

**Authentication.** When the service runs with `CLAIMS_API_KEY`, every operation except `GET /health` (and these
docs) needs the header `X-API-Key`; press *Authorize* to enter it here.

**Errors** always have the shape `{"error": {"type": ..., "message": ...}}`: 422 bad input, 413 body or batch too
large, 401 missing or wrong key, 404 unknown id, 503 not ready or overloaded (with `Retry-After`).

**Request ids.** Every response carries `X-Request-ID` (yours, if you send a short plain one); the service's log
lines for that request carry the same id."""

TAGS = [
    {"name": "verification", "description": "Verify claims: a verdict with citations from the archive."},
    {"name": "articles", "description": "The archive the verdicts cite: list and search, read, add, delete."},
    {"name": "operations", "description": "Liveness, readiness and Prometheus metrics, for operators."},
]

_CITATION = {
    "article_id": "002_e80be00a3359f666",
    "title": "Kremlin Suggests Peace Deal with Ukraine Is Not Imminent",
    "outlet": "CRBC News",
    "url": "https://example.org/kremlin-peace-deal",
    "published_at": "2025-11-26",
    "sentence": "Dmitry Peskov, the Russian Presidential Press Secretary, stated to reporters on Wednesday that it is "
    "“premature” to suggest the situation is nearing resolution.",
    "start": 412,
    "end": 556,
    "stance": "supports",
    "p_true": 0.9731,
    "p_false": 0.0112,
    "retrieval_score": 0.712403,
    "also_in": ["000_a65758a609665cd8"],
}
_TIMINGS = {"retrieve_s": 0.041, "judge_s": 1.214, "total_s": 1.262}
_PROVENANCE = {
    "model_preset": "qwen2.5-coder-1.5b",
    "model_sha256": "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e",
    "judge": "minilm-judge-v3",
    "judge_sha256": "0d1f5e1c8a34b1f0f1e2c3d4b5a697887766554433221100ffeeddccbbaa9988",
    "embedding_model": "all-MiniLM-L6-v2",
    "index_version": "412-3f9c0a1b2c4d",
    "timings": _TIMINGS,
}
_VERDICT = {
    "claim": "Peskov said it was premature to talk of a peace deal",
    "label": "supported",
    "confidence": 0.91,
    "reason": "2 articles state it (CRBC News, The Moscow Times)",
    "citations": [_CITATION],
    "rationale": None,
    "provenance": _PROVENANCE,
}
_ARTICLE_IN = {
    "id": "owls-2025",
    "title": "Zorblax Institute counts owls",
    "text": "The Zorblax Institute in Quenton counted 4,711 snowy owls nesting in the northern valley.",
    "source": "Quenton Gazette",
    "url": "https://example.org/owls",
    "published_at": "2025-11-20",
}
_SUMMARY = {k: v for k, v in _ARTICLE_IN.items() if k != "text"} | {"sentences": 1}
_FEEDBACK = {
    "id": 7,
    "created_at": "2025-11-30T09:20:11+00:00",
    "claim": _VERDICT["claim"],
    "label": "refuted",
    "verdict_label": "supported",
    "confidence": 0.91,
    "note": "Peskov said it on Tuesday, not Wednesday.",
    "evidence": [{"article": _CITATION["article_id"], "text": _CITATION["sentence"]}],
    "model_preset": _PROVENANCE["model_preset"],
    "model_sha256": _PROVENANCE["model_sha256"],
    "judge": _PROVENANCE["judge"],
    "judge_sha256": _PROVENANCE["judge_sha256"],
    "embedding_model": _PROVENANCE["embedding_model"],
    "index_version": _PROVENANCE["index_version"],
}
_ERROR = {"type": "invalid_request", "message": "claim: String should have at most 20000 characters"}

EXAMPLES: dict[type[BaseModel], dict[str, Any]] = {
    VerifyRequest: {"claim": "Peskov said it was premature to talk of a peace deal", "top_k": 8, "rationale": False},
    BatchRequest: {"claims": [{"claim": "Peskov said it was premature to talk of a peace deal"}]},
    Citation: _CITATION,
    Timings: _TIMINGS,
    Provenance: _PROVENANCE,
    Verdict: _VERDICT,
    BatchResponse: {"results": [_VERDICT]},
    ArticleIn: _ARTICLE_IN,
    ArticleOut: _ARTICLE_IN | {"sentences": 1},
    ArticleSummary: _SUMMARY,
    ArticleList: {"data": [_SUMMARY], "count": 1, "limit": 50, "offset": 0},
    ArticleWrite: {"id": "owls-2025", "status": "added", "sentences": 1, "index_version": "413-8e21f07a9b3c"},
    Health: {"status": "ok"},
    Ready: {
        "status": "ready",
        "detail": None,
        "articles": 5,
        "sentences": 412,
        "model_preset": "qwen2.5-coder-1.5b",
        "prepared_statements": 412,
    },
    ErrorBody: _ERROR,
    ErrorResponse: {"error": _ERROR},
    JobStatus: {
        "id": "j_5f2c9a1e",
        "state": "running",
        "total": 40,
        "done": 12,
        "failed": 1,
        "created_at": "2025-11-30T09:12:03+00:00",
        "finished_at": None,
        "results": "/jobs/j_5f2c9a1e/results",
    },
    FeedbackIn: {
        "claim": _VERDICT["claim"],
        "verdict": _VERDICT,
        "label": "refuted",
        "note": "Peskov said it on Tuesday, not Wednesday.",
        "evidence": [0],
    },
    GoldEvidence: {"article": _CITATION["article_id"], "text": _CITATION["sentence"]},
    FeedbackOut: _FEEDBACK,
    FeedbackList: {"data": [_FEEDBACK], "count": 1},
}

CLAIMREVIEW_EXAMPLE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "claimReviewed": _VERDICT["claim"],
    "datePublished": "2025-11-30",
    "itemReviewed": {"@type": "Claim", "text": _VERDICT["claim"]},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "supported",
        "ratingExplanation": "Supported by the archive. " + str(_VERDICT["reason"]),
    },
    "author": {"@type": "Organization", "name": "claimcheck (automated)"},
    "citation": [
        {
            "@type": "NewsArticle",
            "headline": _CITATION["title"],
            "identifier": _CITATION["article_id"],
            "url": _CITATION["url"],
            "publisher": {"@type": "Organization", "name": _CITATION["outlet"]},
        }
    ],
}
METRICS_EXAMPLE = """# HELP claims_verdicts_total Verdicts by label
# TYPE claims_verdicts_total counter
claims_verdicts_total{label="supported"} 12.0
# HELP claims_queue_depth Verifications admitted and not finished
# TYPE claims_queue_depth gauge
claims_queue_depth 0.0
"""

VERIFY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The verdict; with `format=claimreview`, the same verdict as schema.org ClaimReview JSON-LD.",
        "content": {
            "application/ld+json": {
                "schema": {"type": "object", "description": "schema.org ClaimReview (JSON-LD)"},
                "example": CLAIMREVIEW_EXAMPLE,
            }
        },
    }
}
METRICS_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Prometheus text exposition format 0.0.4: requests by route and status, seconds per stage, "
        "verdicts by label, queue depth and overload rejections.",
        "content": {"text/plain; version=0.0.4": {"schema": {"type": "string"}, "example": METRICS_EXAMPLE}},
    }
}


def document(app: FastAPI, settings: Settings, open_paths: set[str]) -> None:
    """Make app.openapi() add model examples and, when a key is configured, the X-API-Key security scheme."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=DESCRIPTION,
                routes=app.routes,
                tags=TAGS,
                servers=app.servers,
            )
            add_examples(schema)
            job = schema["paths"].get("/jobs", {}).get("post")
            if job is not None:  # the bounds this service enforces, not the defaults'
                job["requestBody"]["content"]["application/json"]["schema"] = job_body_schema(settings)
            if settings.api_key is not None:
                require_key(schema, open_paths | DOC_PATHS)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def add_examples(schema: dict[str, Any]) -> None:
    """Each component model gets its example, unless it declares its own."""
    components = schema.get("components", {}).get("schemas", {})
    for model, example in EXAMPLES.items():
        component = components.get(model.__name__)
        if component is not None and "examples" not in component and "example" not in component:
            component["examples"] = [example]


def require_key(schema: dict[str, Any], open_paths: set[str]) -> None:
    """Declare X-API-Key and require it on every operation outside `open_paths`."""
    schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes[SCHEME] = {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "The service's key (CLAIMS_API_KEY).",
    }
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            operation["security"] = [] if path in open_paths else [{SCHEME: []}]
