"""The real-news benchmark's pieces: which summaries it verifies, and how it scores them."""

from __future__ import annotations

import pytest

from eval import news
from judge.data import RESERVED_ROWS


def test_cases_come_from_reserved_rows_in_pairs() -> None:
    todo = news.cases(articles=30, sample=5, seed=0)
    assert len(todo) == 10
    assert {c["row"] for c in todo} <= set(range(RESERVED_ROWS.start, RESERVED_ROWS.start + 30))
    assert [c["faithful"] for c in todo[:2]] == [True, False]
    assert todo[0]["claim"] != todo[1]["claim"]
    assert news.cases(articles=30, sample=5, seed=0) == todo  # seeded


def test_archive_size_is_bounded_by_the_reserved_rows() -> None:
    with pytest.raises(ValueError, match="reserved rows hold 2000"):
        list(news.reserved_articles(2001))


def _row(key: str, faithful: bool, label: str, retrieved: bool = True, cited: bool = True) -> dict[str, object]:
    return {
        "key": key,
        "faithful": faithful,
        "label": label,
        "seconds": 1.0,
        "retrieved_source": retrieved,
        "cited_source": cited,
    }


def test_summary_scores_supported_only_for_faithful() -> None:
    rows = [
        _row("1-f", True, "supported"),
        _row("2-f", True, "not_enough_info", cited=False),
        _row("1-h", False, "refuted"),
        _row("2-h", False, "supported"),
        {"key": "3-h", "faithful": False, "skipped": "too long"},
    ]
    result = news.summary(rows)
    # faithful: 1 of 2 supported (recall 0.5); hallucinated: 1 of 2 not supported (0.5) -> balanced 0.5
    assert result["balanced_accuracy"] == pytest.approx(0.5)
    assert result["skipped"] == 1
    assert result["evidence_recall_cited"] == pytest.approx(0.5)
    assert result["evidence_recall_retrieved"] == pytest.approx(1.0)
    assert result["hallucinated_supported"] == pytest.approx(0.5)
