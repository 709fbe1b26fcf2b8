"""Shared fixtures: the seed corpus, a fake-encoder index over it, settings pointing at tmp folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.articles import read_paths
from index.store import SentenceIndex
from service.settings import Settings
from tests.fakes import FakeEncoder

os.environ["HF_HUB_OFFLINE"] = "1"  # no test may reach a model hub
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def fake_index() -> SentenceIndex:
    """The five seed articles indexed with the fake encoder."""
    index = SentenceIndex(FakeEncoder())
    report = index.add(read_paths([SEEDS]))
    assert not report.errors
    return index


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # The LLM reads one statement, so that scripted replies are one reading each (tests of more ask for more).
    return Settings(
        index_dir=tmp_path / "index", corpus_dir=SEEDS, model_cache_dir=tmp_path / "models", llm_statements=1
    )
