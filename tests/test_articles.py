"""Reading articles: one bad article is reported and skipped, the rest of its file is still ingested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.articles import Article, ArticleError, InvalidArticle, from_text_file, read_paths, validate
from index.store import SentenceIndex
from tests.fakes import FakeEncoder

GOOD_TEXT = "Officials said the talks would resume in Geneva on Monday."


def record(article_id: str, **fields: object) -> bytes:
    return json.dumps({"id": article_id, "title": f"Title of {article_id}", "text": GOOD_TEXT, **fields}).encode()


@pytest.fixture
def mixed_jsonl(tmp_path: Path) -> Path:
    """Two good articles around one bad line of each kind, plus a blank line."""
    lines = [
        record("good-1"),
        record("empty", text="  \n\t "),
        b'{"id": "latin-1", "title": "Caf\xe9", "text": "Bytes that are not UTF-8."}',
        record("too-big", text="x" * 301),
        b'{"id": "broken", "title": ',
        json.dumps({"id": "no-title", "text": GOOD_TEXT}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        record("bad-url", url=5),
        record("a/b"),
        b"",
        record("good-2", source="Wire", url="https://example.org/a", published_at="2025-11-26"),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_bad_jsonl_lines_are_reported_one_by_one_and_good_ones_still_read(mixed_jsonl: Path) -> None:
    items = list(read_paths([mixed_jsonl], max_chars=300))
    articles = [i for i in items if isinstance(i, Article)]
    errors = {e.origin.rsplit(":", 1)[1]: e for e in items if isinstance(e, ArticleError)}

    assert [a.id for a in articles] == ["good-1", "good-2"]
    assert articles[1] == Article(
        "good-2", "Title of good-2", GOOD_TEXT, source="Wire", url="https://example.org/a", published_at="2025-11-26"
    )
    assert sorted(errors, key=int) == ["2", "3", "4", "5", "6", "7", "8", "9"]
    assert all(e.origin.startswith(str(mixed_jsonl)) for e in errors.values())
    assert (errors["2"].article_id, errors["2"].reason) == ("empty", "text is empty")
    assert (errors["3"].article_id, errors["3"].reason) == (None, "not UTF-8")
    assert errors["4"].article_id == "too-big"
    assert "301" in errors["4"].reason and "300" in errors["4"].reason
    assert errors["5"].article_id is None and errors["5"].reason.startswith("not valid JSON")
    assert errors["6"].article_id == "no-title" and "title" in errors["6"].reason
    assert errors["7"].reason == "each line must be a JSON object"
    assert errors["8"].article_id == "bad-url" and "url" in errors["8"].reason
    assert errors["9"].article_id == "a/b" and "slash" in errors["9"].reason


def test_an_index_ingests_the_good_articles_and_reports_the_bad(mixed_jsonl: Path) -> None:
    index = SentenceIndex(FakeEncoder())
    report = index.add(read_paths([mixed_jsonl], max_chars=300))
    assert report.added == ["good-1", "good-2"]
    assert sorted(index.articles) == ["good-1", "good-2"]
    assert len(report.errors) == 8
    assert report.sentences == 2


def test_a_non_utf8_text_file_is_an_error_and_its_neighbours_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"First headline of the day\n\n{GOOD_TEXT}\n", encoding="utf-8")
    latin1 = b"Second headline\n\nLe caf\xe9 est ferm\xe9.\n"
    (tmp_path / "b.txt").write_bytes(latin1)
    (tmp_path / "c.txt").write_text(f"Third headline of the day\n\n{GOOD_TEXT}\n", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [i.id if isinstance(i, Article) else i.article_id for i in items] == ["a", "b", "c"]
    error = items[1]
    assert isinstance(error, ArticleError)
    assert error.origin == str(tmp_path / "b.txt")
    assert error.reason == f"not UTF-8 (byte {latin1.index(0xE9)})"
    assert isinstance(items[0], Article) and isinstance(items[2], Article)


def test_empty_and_oversized_text_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("\n  \n\t\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Big headline here\n\n" + "word " * 100, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(f"A fine headline for the day\n\n{GOOD_TEXT}\n", encoding="utf-8")
    items = {(i.id if isinstance(i, Article) else i.article_id): i for i in read_paths([tmp_path], max_chars=200)}
    assert isinstance(items["blank"], ArticleError) and items["blank"].reason == "text is empty"
    assert isinstance(items["big"], ArticleError) and "limit of 200" in items["big"].reason
    assert isinstance(items["ok"], Article)


def test_a_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    items = list(read_paths([tmp_path / "gone.txt", tmp_path / "gone.jsonl"]))
    assert [type(i) for i in items] == [ArticleError, ArticleError]
    assert items[0].article_id == "gone"


def test_folders_are_read_in_name_order_and_other_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(f"Headline for b here\n{GOOD_TEXT}", encoding="utf-8")
    (tmp_path / "a.jsonl").write_bytes(record("from-jsonl") + b"\n")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    assert [i.id for i in read_paths([tmp_path]) if isinstance(i, Article)] == ["from-jsonl", "b"]


def test_text_file_title_is_the_first_line_and_text_is_kept_exactly(tmp_path: Path) -> None:
    raw = f"\n  Kremlin rejects the revised peace plan  \r\n\r\n{GOOD_TEXT}\r\n"
    path = tmp_path / "story-1.txt"
    path.write_bytes(raw.encode("utf-8"))
    article = from_text_file(path)
    assert article == Article("story-1", "Kremlin rejects the revised peace plan", raw)


def test_a_short_outlet_line_above_the_headline_becomes_the_source(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(f"Reuters\n\nKremlin rejects the revised peace plan\n\n{GOOD_TEXT}\n", encoding="utf-8")
    article = from_text_file(path)
    assert (article.source, article.title) == ("Reuters", "Kremlin rejects the revised peace plan")


def test_a_short_sentence_first_line_is_a_title_not_an_outlet(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(f"Talks collapsed.\n\n{GOOD_TEXT}\n", encoding="utf-8")
    article = from_text_file(path)
    assert (article.source, article.title) == (None, "Talks collapsed.")


def test_seed_titles_and_outlets(seeds_dir: Path) -> None:
    found = {a.id[:3]: (a.source, a.title) for a in read_paths([seeds_dir]) if isinstance(a, Article)}
    assert found["001"] == (
        "CRBC News",
        "Kremlin Calls It 'Premature' to Say Ukraine Peace Deal Is Imminent as Talks, Transcripts Raise Questions",
    )
    assert found["000"] == (None, 'Kremlin says it\'s "premature" to say peace deal with Ukraine is close')
    assert found["004"] == (None, "Russia says no deal reached in talks with US on Ukraine")
    assert len(found) == 5


def test_seed_text_is_byte_for_byte_the_file(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        assert from_text_file(path).text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("article", "message"),
    [
        (Article("", "T", GOOD_TEXT), "id must be"),
        (Article("x" * 201, "T", GOOD_TEXT), "id must be"),
        (Article("a\nb", "T", GOOD_TEXT), "id must be"),
        (Article("a\\b", "T", GOOD_TEXT), "id must be"),
        (Article("ok", "T", " \n "), "text is empty"),
        (Article("ok", "T" * 1001, GOOD_TEXT), "title is longer"),
    ],
)
def test_validate_rejects_with_a_reason(article: Article, message: str) -> None:
    with pytest.raises(InvalidArticle, match=message):
        validate(article)


def test_validate_accepts_text_at_the_limit() -> None:
    article = Article("ok", "T", GOOD_TEXT)
    assert validate(article, max_chars=len(GOOD_TEXT)) is article
    with pytest.raises(InvalidArticle):
        validate(article, max_chars=len(GOOD_TEXT) - 1)


def test_checksum_depends_on_title_and_text_only() -> None:
    a = Article("a", "Title", GOOD_TEXT)
    assert a.checksum == Article("b", "Title", GOOD_TEXT, source="Other").checksum
    assert a.checksum != Article("a", "Title!", GOOD_TEXT).checksum
    assert a.checksum != Article("a", "Title", GOOD_TEXT + " ").checksum


# --- an article must have something to cite, a real date and a real address ----------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Short.", "1 too short"),
        ("...  !!! —", "too short"),
        ("Kremlin rejects the revised peace plan\n\nKremlin rejects the revised peace plan", "repeated headline"),
        ("Advertisement\n\nSign up for our newsletter", "promotion or navigation"),
    ],
    ids=["one-word", "punctuation", "only-the-headline", "only-furniture"],
)
def test_an_article_with_no_sentence_to_index_is_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(InvalidArticle, match="no sentence to index") as error:
        validate(Article("x", "Kremlin rejects the revised peace plan", text))
    assert why in str(error.value)


def test_a_jsonl_article_with_no_sentence_is_an_error_entry_and_not_added(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join([record("short", text="Short."), record("good")]) + b"\n")
    index = SentenceIndex(FakeEncoder())
    report = index.add(read_paths([path]))
    assert report.added == ["good"]
    [error] = report.errors
    assert (error.article_id, error.origin) == ("short", f"{path}:1")
    assert "no sentence to index" in error.reason
    assert "short" not in index.articles


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2025-11-20", "2025-11-20"),
        ("2025-11-20T14:05:00Z", "2025-11-20"),
        ("2025-11-20T23:30:00-05:00", "2025-11-20"),
        ("2025-11-20 08:00", "2025-11-20"),
        ("20251120", "2025-11-20"),
        (" 2025-11-20 ", "2025-11-20"),
    ],
)
def test_published_at_is_stored_as_a_date(given: str, stored: str) -> None:
    assert validate(Article("x", "T", GOOD_TEXT, published_at=given)).published_at == stored


@pytest.mark.parametrize("given", ["yesterday", "2025-13-45", "2025-02-30", "20/11/2025", "Nov 20, 2025", ""])
def test_a_published_at_that_is_not_an_iso_date_is_refused(given: str) -> None:
    with pytest.raises(InvalidArticle, match=r"published_at .* is not an ISO 8601 date"):
        validate(Article("x", "T", GOOD_TEXT, published_at=given))


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "http://example.org:8080/a?b=c#d", "HTTPS://www.reuters.com/world/"]
)
def test_http_urls_are_accepted(url: str) -> None:
    assert validate(Article("x", "T", GOOD_TEXT, url=url)).url == url


@pytest.mark.parametrize(
    "url",
    ["example.org/a", "ftp://example.org/a", "javascript:alert(1)", "https://", "https://exa mple.org", "http://a:b/"],
)
def test_a_url_that_is_not_http_is_refused(url: str) -> None:
    with pytest.raises(InvalidArticle, match="not an http or https address"):
        validate(Article("x", "T", GOOD_TEXT, url=url))


def test_a_jsonl_record_with_a_bad_date_is_an_error_entry(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(record("dated", published_at="2025-13-45") + b"\n" + record("ok", published_at="2025-11-26"))
    items = list(read_paths([path]))
    assert isinstance(items[0], ArticleError) and "published_at" in items[0].reason
    assert isinstance(items[1], Article) and items[1].published_at == "2025-11-26"


def test_the_ingest_report_lists_what_each_article_lost_and_why() -> None:
    text = (
        "Envoys leave Geneva without a deal\n"
        "Negotiators left Geneva on Friday without an agreement, two officials said.\n"
        "Envoys walk outside the Palais des Nations. Photograph: Fabrice Coffrini/AFP\n"
        "Key facts\n- Talks resume next month\n"
        "Sign up for our Morning Briefing newsletter."
    )
    index = SentenceIndex(FakeEncoder())
    report = index.add([Article("geneva", "Envoys leave Geneva without a deal", text)])
    found = {text[d.start : d.end]: d.reason for d in report.dropped["geneva"]}
    assert found == {
        "Envoys leave Geneva without a deal": "repeated headline",
        "Envoys walk outside the Palais des Nations. Photograph: Fabrice Coffrini/AFP": "photo caption",
        "Key facts": "heading",
        "Sign up for our Morning Briefing newsletter.": "promotion or navigation",
    }
    assert report.sentences == 2  # the reporting sentence and the list item

    replaced = index.add([Article("geneva", "Envoys leave Geneva without a deal", text + "\nx")], replace=True)
    assert replaced.replaced == ["geneva"] and [d.reason for d in replaced.dropped["geneva"]][-1] == "too short"
