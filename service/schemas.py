"""The HTTP contract: request and response models."""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from index.articles import check_url, publication_date
from service.settings import Settings

Label = Literal["supported", "refuted", "not_enough_info", "conflicting"]
Stance = Literal["supports", "refutes", "neutral"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def states_something(text: str) -> bool:
    """Whether text holds a letter or a digit: not only spaces, punctuation, symbols or invisible characters
    (zero-width spaces and joiners, and other format characters)."""
    return any(unicodedata.category(c)[0] in "LN" for c in unicodedata.normalize("NFKC", text))


def _default(name: str) -> int:
    value = Settings.model_fields[name].default
    assert isinstance(value, int)
    return value


class VerifyRequest(Strict):
    """A claim to verify. The bounds here are the default settings'; the app validates with request_models(settings),
    so the OpenAPI schema states the bounds it enforces."""

    claim: str = Field(..., min_length=_default("min_claim_chars"), max_length=_default("max_claim_chars"))
    top_k: int | None = Field(None, ge=1, le=_default("max_top_k"), strict=True)
    rationale: bool = Field(False, strict=True, description="Also generate a short plain-English rationale (slower).")

    @field_validator("claim")
    @classmethod
    def _states_something(cls, claim: str) -> str:
        if not states_something(claim):
            raise ValueError("the claim has no letters or digits (only spaces, punctuation or invisible characters)")
        return claim


class BatchRequest(Strict):
    claims: list[VerifyRequest] = Field(..., min_length=1, max_length=_default("max_batch"))


def request_models(settings: Settings) -> tuple[type[VerifyRequest], type[BatchRequest]]:
    """VerifyRequest and BatchRequest bounded by these settings: what the schema says is what is enforced."""
    low, high = settings.min_claim_chars, settings.max_claim_chars
    verify = create_model(
        "VerifyRequest",
        __base__=VerifyRequest,
        __doc__="A claim to verify.",
        claim=(
            str,
            Field(
                ...,
                min_length=low,
                max_length=high,
                description=f"The claim: at most {high} characters, and at least {low} once spaces at its ends are "
                "trimmed; it must hold a letter or a digit.",
            ),
        ),
        top_k=(
            int | None,
            Field(
                None,
                ge=1,
                le=settings.max_top_k,
                strict=True,
                description=f"Evidence sentences to retrieve (default {settings.default_top_k}).",
            ),
        ),
    )
    batch = create_model(
        "BatchRequest",
        __base__=BatchRequest,
        __doc__=f"Up to {settings.max_batch} claims, answered in order.",
        claims=(list[verify], Field(..., min_length=1, max_length=settings.max_batch)),
    )
    return verify, batch


class Citation(BaseModel):
    article_id: str
    title: str
    outlet: str | None
    url: str | None
    published_at: str | None
    sentence: str
    start: int = Field(description="Offset of the sentence in the article text (characters).")
    end: int
    stance: Stance = Field(description="What the statement shows about the claim: supports, refutes, or neutral.")
    p_true: float = Field(
        ge=0, le=1, description="The trained judge's probability that the statement shows the claim true."
    )
    p_false: float = Field(ge=0, le=1, description="The trained judge's probability that it shows the claim false.")
    retrieval_score: float
    also_in: list[str] = Field(default_factory=list, description="Other articles carrying the same statement.")


class Timings(BaseModel):
    retrieve_s: float
    judge_s: float
    total_s: float


class Provenance(BaseModel):
    model_preset: str = Field(description="The local LLM that read the statements that matter most.")
    model_sha256: str
    judge: str = Field(description="The trained judge that read every statement (its card names data and figures).")
    judge_sha256: str
    embedding_model: str
    index_version: str
    timings: Timings


class Verdict(BaseModel):
    claim: str
    label: Label
    confidence: float = Field(ge=0, le=1)
    reason: str = Field(description="Why this label, in one line (also for not_enough_info).")
    citations: list[Citation]
    rationale: str | None = None
    provenance: Provenance


class BatchResponse(BaseModel):
    results: list[Verdict]


class ArticleIn(Strict):
    id: str = Field(..., min_length=1, max_length=200, pattern=r"^[^/\\\r\n\t]+$")
    title: str = Field(..., max_length=1000)
    text: str = Field(..., min_length=1)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000, description="The article's http or https address.")
    published_at: str | None = Field(
        None,
        max_length=64,
        description="ISO 8601 date or date-time (2025-11-20, 2025-11-20T14:05:00Z); stored as the date.",
        examples=["2025-11-20"],
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        return None if url is None else check_url(url)

    @field_validator("published_at")
    @classmethod
    def _iso_date(cls, published_at: str | None) -> str | None:
        return None if published_at is None else publication_date(published_at).isoformat()


class ArticleOut(BaseModel):
    id: str
    title: str
    text: str
    source: str | None
    url: str | None
    published_at: str | None
    sentences: int


class ArticleSummary(BaseModel):
    """One archive article without its text (read it with GET /articles/{id})."""

    id: str
    title: str
    source: str | None = Field(description="The outlet.")
    url: str | None
    published_at: str | None
    sentences: int = Field(description="Indexed sentences (the statements a citation can point at).")


class ArticleList(BaseModel):
    """One page of the archive, newest first: `count` is the total that match the filters, over all pages."""

    data: list[ArticleSummary]
    count: int = Field(ge=0, description="Articles matching the filters, on every page.")
    limit: int
    offset: int


class DroppedText(BaseModel):
    """A piece of an article's text left out of the index, and why."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"start": 412, "end": 450, "reason": "photo caption", "text": "Owls in the valley. Photo: I. Varga/AP"}
            ]
        }
    )

    start: int = Field(description="Offset of the piece in the article text (characters).")
    end: int
    reason: str = Field(
        description="photo caption, consent notice, promotion or navigation, credit line, repeated headline, "
        "repeated paragraph, heading, or too short."
    )
    text: str


class ArticleWrite(BaseModel):
    id: str
    status: Literal["added", "replaced", "unchanged", "deleted"]
    sentences: int
    index_version: str
    dropped: list[DroppedText] = Field(
        default_factory=list, description="What of the text was not indexed, and why: nothing is dropped silently."
    )


MAX_BULK_ARTICLES = 500


class BulkArticlesIn(Strict):
    """Articles to add or replace, each checked and written on its own, in order."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "articles": [
                        {
                            "id": "owls-2025",
                            "title": "Zorblax Institute counts owls",
                            "text": "The Zorblax Institute counted 4,711 snowy owls nesting in the northern valley.",
                            "published_at": "2025-11-20",
                        }
                    ]
                }
            ]
        },
    )

    articles: list[dict[str, Any]] = Field(
        ...,
        min_length=1,
        max_length=MAX_BULK_ARTICLES,
        description="Each an article as for POST /articles: id, title, text, optional source, url, published_at.",
        json_schema_extra={"items": {"$ref": "#/components/schemas/ArticleIn"}},
    )


class BulkItem(BaseModel):
    """What became of one article of a bulk request."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"index": 0, "id": "owls-2025", "status": "added", "sentences": 2, "dropped": [], "error": None},
                {
                    "index": 1,
                    "id": "short",
                    "status": "refused",
                    "sentences": 0,
                    "dropped": [],
                    "error": "article short: text has no sentence to index (what it holds was dropped as: 1 too short)",
                },
            ]
        }
    )

    index: int = Field(description="The article's position in the request.")
    id: str | None
    status: Literal["added", "replaced", "unchanged", "refused"]
    sentences: int = 0
    dropped: list[DroppedText] = Field(default_factory=list, description="What of its text was not indexed, and why.")
    error: str | None = Field(None, description="Why it was refused.")


class BulkArticlesOut(BaseModel):
    """One result per article, in request order, and how many ended each way."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {"index": 0, "id": "owls-2025", "status": "added", "sentences": 2, "dropped": [], "error": None}
                    ],
                    "counts": {"added": 1},
                    "index_version": "414-1c9e02d4b7aa",
                }
            ]
        }
    )

    results: list[BulkItem]
    counts: dict[str, int]
    index_version: str


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready", "loading", "failed"]
    detail: str | None = None
    articles: int | None = None
    sentences: int | None = None
    model_preset: str | None = None
    prepared_statements: int | None = Field(
        default=None,
        description="Statements the local model reads warm now (prompt state kept: CLAIMS_PREWARM, or read "
        "recently); any other statement is read cold. Not a precondition: verdicts are served meanwhile.",
    )
    lexical_current: bool | None = Field(
        default=None,
        description="Whether the keyword (BM25) index covers every article now. A large archive builds it in the "
        "background after a start or a write (about a minute at 1M sentences); meanwhile new text is found by "
        "meaning only.",
    )


class ErrorBody(BaseModel):
    type: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
