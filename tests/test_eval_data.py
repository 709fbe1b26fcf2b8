"""The labeled claims in eval/data: every file loads, every gold evidence sentence is in the archive its claims are
about, and the news claims' articles are the HaluEval rows they say, which the judge's pairs never come from."""

from pathlib import Path

import pytest

from eval import claims as claims_io
from index.articles import Article, read_paths
from judge import data

EVAL = Path(__file__).resolve().parent.parent / "eval" / "data"
SEEDS = EVAL.parent.parent / "seeds"


def _archive(folder: Path) -> dict[str, str]:
    return {a.id: a.text for a in read_paths([folder]) if isinstance(a, Article)}


@pytest.mark.parametrize("path", sorted(EVAL.glob("*.jsonl")), ids=lambda p: p.name)
def test_every_gold_evidence_sentence_is_in_the_archive_its_claims_are_about(path: Path) -> None:
    archive = _archive(claims_io.corpus_of(path) or SEEDS)
    claims = claims_io.load(path)
    missing = [(c.id, e.article) for c in claims for e in c.evidence if e.text not in archive.get(e.article, "")]
    assert claims and not missing


def _rows(folder: Path) -> dict[int, str]:
    return {int(key.removeprefix("halueval-sum-")): text for key, text in _archive(folder).items()}


_HELD_OUT = {
    "news-test": data.NEWS_TEST_ROWS,
    "news-test-b": data.NEWS_TEST_B_ROWS,
    "news-test-c": data.NEWS_TEST_C_ROWS,
    "news-test-d": data.NEWS_TEST_D_ROWS,
    "news-test-e": data.NEWS_TEST_E_ROWS,
}


def test_the_news_claims_articles_are_the_halueval_rows_they_name_and_none_is_built_into_pairs() -> None:
    of_a_b, of_c = _rows(EVAL / "news"), _rows(EVAL / "news-c")
    tuning = of_a_b | of_c
    tests = {rows: _rows(EVAL / name) for name, rows in _HELD_OUT.items()}
    assert not set(of_a_b) & set(of_c)  # news-dev-c is about other articles than news-dev-a/b
    assert set(tuning) <= set(data.NEWS_TUNING_ROWS)
    assert all(set(articles) == rows for rows, articles in tests.items())
    assert sum(len(rows) for rows in tests) == len(data.HELD_OUT_NEWS_ROWS)  # no row in two sets
    assert frozenset().union(*tests) == data.HELD_OUT_NEWS_ROWS
    every = tuning | {row: text for articles in tests.values() for row, text in articles.items()}
    documents = dict(data.read_rows(range(min(every), max(every) + 1)))
    assert all(documents[row]["document"] == text for row, text in every.items())
    for rows in tests:  # a held-out row between two rows that are not held out: only the two make pairs, as each
        # does alone (news-test-d's first row follows an article that yields no pair)
        row = min(r for r in rows if not {r - 1, r + 1} & data.HELD_OUT_NEWS_ROWS)
        alone = {p.row for n in (row - 1, row + 1) for p in data.build(range(n, n + 1))}
        assert alone and {p.row for p in data.build(range(row - 1, row + 2))} == alone


def test_an_archive_that_changes_gets_its_own_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness builds an archive's index only into an empty folder, so the folder is named for the articles the
    archive holds: an edited articles file must not be judged against the index of its old contents, while a file
    the index does not read changes nothing, and a path spelled another way names the same folder."""
    from eval.__main__ import _settings

    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "articles.jsonl").write_text('{"id": "a", "title": "A", "text": "One. Two."}\n', encoding="utf-8")
    before = _settings(None, None, corpus).index_dir
    assert before.name.startswith("index-news-")

    (corpus / "notes.md").write_text("not an article", encoding="utf-8")
    monkeypatch.chdir(corpus)
    assert _settings(None, None, Path(".")).index_dir == before

    (corpus / "articles.jsonl").write_text('{"id": "a", "title": "A", "text": "One. Three."}\n', encoding="utf-8")
    assert _settings(None, None, corpus).index_dir != before
