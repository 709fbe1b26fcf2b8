"""The verifier outside HTTP: preparing the judge, and the README documenting every setting."""

from __future__ import annotations

from pathlib import Path

from index.store import SentenceIndex
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge

README = Path(__file__).resolve().parent.parent / "README.md"


def test_prewarm_prepares_the_judge_for_every_indexed_sentence(fake_index: SentenceIndex, settings: Settings) -> None:
    judge = FakeJudge()
    assert Verifier(fake_index, judge, settings).prewarm() == fake_index.live_count
    live = [s for s in fake_index.sentences if s is not None]
    assert len(judge.prepared) == len(live)
    assert all(passage.endswith(s.text) for passage, s in zip(judge.prepared, live, strict=True))


def test_the_readme_documents_every_setting() -> None:
    text = README.read_text()
    missing = [name for name in Settings.model_fields if f"`CLAIMS_{name.upper()}`" not in text]
    assert missing == []
