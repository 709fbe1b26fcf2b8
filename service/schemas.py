"""The HTTP contract: request and response models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from index.articles import check_url, publication_date

Label = Literal["supported", "refuted", "not_enough_info", "conflicting"]
Stance = Literal["supports", "refutes", "neutral"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VerifyRequest(Strict):
    """A claim to verify; bounds beyond these come from the settings and are checked by the verifier."""

    claim: str = Field(..., max_length=20_000, description="The claim, 3 to 1,000 characters after trimming.")
    top_k: int | None = Field(None, ge=1, le=50, description="Evidence sentences to retrieve (default 8).")
    rationale: bool = Field(False, description="Also generate a short plain-English rationale (slower).")


class BatchRequest(Strict):
    claims: list[VerifyRequest] = Field(..., min_length=1, max_length=256)


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


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready", "loading", "failed"]
    detail: str | None = None
    articles: int | None = None
    sentences: int | None = None
    model_preset: str | None = None


class ErrorBody(BaseModel):
    type: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
