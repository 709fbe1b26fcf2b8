"""The one settings class: every knob of the service, read from CLAIMS_* environment variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from index.settings import IndexSettings
from service.prompts import prompt_exists


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcheck" / "models"


class Settings(IndexSettings):
    """Service configuration (the index's settings and the service's own); environment variables use the prefix
    CLAIMS_ (e.g. CLAIMS_MODEL)."""

    model_config = SettingsConfigDict(env_prefix="CLAIMS_", extra="ignore", frozen=True)

    model: str = Field(
        "qwen2.5-coder-1.5b",
        min_length=1,
        description="Model preset (qwen2.5-coder-1.5b, qwen2.5-coder-0.5b, smollm2-135m) or a path to a GGUF file.",
    )
    model_cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description="Where chunked model presets are assembled and kept between runs.",
    )
    n_ctx: int = Field(2048, ge=512, le=32768, description="LLM context window in tokens.")
    n_threads: int = Field(
        default_factory=lambda: max(1, os.cpu_count() or 1),
        ge=1,
        le=256,
        description="CPU threads for the LLM.",
    )
    host: str = Field("127.0.0.1", description="Address the HTTP server binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port the HTTP server listens on.")
    api_key: SecretStr | None = Field(
        None, description="If set, every endpoint except /health requires the header X-API-Key."
    )
    default_top_k: int = Field(8, ge=1, le=50, description="Evidence sentences retrieved when top_k is omitted.")
    max_top_k: int = Field(20, ge=1, le=50, description="Largest top_k a request may ask for.")
    min_claim_chars: int = Field(3, ge=1, le=100, description="Shortest claim accepted, after trimming.")
    max_claim_chars: int = Field(1000, ge=10, le=10000, description="Longest claim accepted, in characters as sent.")
    max_batch: int = Field(16, ge=1, le=256, description="Most claims in one POST /verify/batch.")
    max_body_bytes: int = Field(
        2_000_000, ge=1024, le=100_000_000, description="Largest request body accepted, in bytes."
    )
    body_timeout_s: float = Field(
        30.0, gt=0, le=3600, description="Seconds a client has to send a whole request body (then 408, and closed)."
    )
    max_queue: int = Field(
        8, ge=1, le=1000, description="Verification requests waiting at once before new ones get 503."
    )
    llm_statements: int | None = Field(
        None,
        ge=1,
        le=20,
        description=(
            "Statements the local LLM reads per claim (the trained judge's most decisive first); default: as many as "
            "the verdict weights were fitted with (2 for the shipped 1.5B weights; 3 where the weights do not say)."
        ),
    )
    llm_prompt: str | None = Field(
        None,
        description=(
            "The prompt the local LLM is asked with (prompts/<name>.txt): entail (the question after the evidence) or "
            "entail_question_first (before it; a statement read cold costs about a third fewer tokens); default: the "
            "one the verdict weights were fitted with (entail where they do not say)."
        ),
    )
    llm_head: bool = Field(
        True,
        description=(
            "Read the local LLM through the head trained on its hidden state (judge/heads/<preset>.json, with the "
            "verdict weights service/weights/<preset>+head.json) where its preset has one (the 1.5B); off, or for "
            "a preset without a head: the log-probabilities of its answer words."
        ),
    )
    judge_dir: Path | None = Field(
        None,
        description="Trained judge (weights and card from `make train`); default: the one shipped in judge/weights.",
    )
    prewarm: bool = Field(
        True,
        description=(
            "Once ready, prepare the judge for indexed sentences in the background, newest articles first, "
            "until the saved states fill `CLAIMS_PREFIX_CACHE_MB` (faster first claims)."
        ),
    )
    prefix_cache_mb: int = Field(
        3072, ge=0, le=65536, description="Memory for saved LLM states of evidence prompts (reused across claims)."
    )
    aggregator: Path | None = Field(
        None,
        description=(
            "Fitted verdict weights (JSON from `python -m eval fit`); default: service/weights/<preset>+head.json "
            "where the LLM is read through its head (the 1.5B by default), else service/weights/<preset>.json."
        ),
    )
    jobs_db: Path | None = Field(
        None,
        description="SQLite file of batch jobs (POST /jobs), resumed on start; default: jobs.sqlite beside index_dir.",
    )
    max_jobs: int = Field(4, ge=1, le=1000, description="Unfinished batch jobs at once before new ones get 429.")
    max_job_claims: int = Field(1000, ge=1, le=100_000, description="Most claims in one batch job.")
    feedback_db: Path | None = Field(
        None, description="SQLite file of reporters' feedback on verdicts; default: feedback.sqlite beside index_dir."
    )
    log_level: Annotated[Literal["DEBUG", "INFO", "WARNING", "ERROR"], BeforeValidator(_upper)] = Field(
        "INFO", description="Lowest level of the service's own log lines; libraries log only warnings and errors."
    )
    log_format: Annotated[Literal["text", "json"], BeforeValidator(_lower)] = Field(
        "text", description="Log lines as text, or as JSON objects one a line; each line carries the request id."
    )
    audit: bool = Field(True, description="Keep an audit log of every verdict the API returns (SQLite).")
    audit_db: Path | None = Field(
        None, description="The audit log's SQLite file; default: audit.sqlite beside index_dir."
    )
    audit_retention_days: int = Field(
        90, ge=0, le=36500, description="Verdicts older than this many days leave the audit log; 0 keeps them all."
    )

    @model_validator(mode="after")
    def _default_top_k_is_allowed(self) -> Settings:
        """A default above the most a request may ask for would refuse every claim sent without top_k."""
        if self.default_top_k > self.max_top_k:
            raise ValueError(f"default_top_k ({self.default_top_k}) is above max_top_k ({self.max_top_k})")
        return self

    @model_validator(mode="after")
    def _llm_prompt_exists(self) -> Settings:
        if self.llm_prompt is not None and not prompt_exists(self.llm_prompt):
            raise ValueError(f"llm_prompt {self.llm_prompt!r}: there is no prompts/{self.llm_prompt}.txt")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, read once."""
    return Settings()
