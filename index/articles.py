"""Articles as they arrive: plain-text seed files and JSON Lines, validated one article at a time."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from index.clean import clean

MAX_ARTICLE_CHARS = 200_000


@dataclass(frozen=True)
class Article:
    """One news article; `text` is kept exactly as received so offsets point into it."""

    id: str
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published_at: str | None = None

    @property
    def checksum(self) -> str:
        return hashlib.sha256(f"{self.title}\n{self.text}".encode()).hexdigest()

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass(frozen=True)
class ArticleError:
    """Why one input article was not ingested; the rest of the batch goes on."""

    origin: str
    article_id: str | None
    reason: str


class InvalidArticle(ValueError):
    """An article that cannot be ingested, with a reason a person can act on."""


def validate(article: Article, max_chars: int = MAX_ARTICLE_CHARS) -> Article:
    """The article as it will be indexed (`published_at` as a date), or InvalidArticle saying why it cannot be."""
    if not article.id or len(article.id) > 200 or any(c in article.id for c in "/\\\n\r\t"):
        raise InvalidArticle("id must be 1-200 characters without slashes or line breaks")
    if not article.text.strip():
        raise InvalidArticle("text is empty")
    if len(article.text) > max_chars:
        raise InvalidArticle(f"text has {len(article.text)} characters, more than the limit of {max_chars}")
    if len(article.title) > 1000:
        raise InvalidArticle("title is longer than 1000 characters")
    if article.url is not None:
        check_url(article.url)
    published = None if article.published_at is None else publication_date(article.published_at).isoformat()
    _check_has_sentences(article)
    return article if published == article.published_at else dataclasses.replace(article, published_at=published)


def publication_date(value: str) -> date:
    """The day of an ISO 8601 date or date-time ("2025-11-20", "2025-11-20T14:05:00Z"), or InvalidArticle."""
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()  # the day as the outlet wrote it, in its own time zone
    except ValueError:
        raise InvalidArticle(
            f"published_at {value!r} is not an ISO 8601 date or date-time (e.g. 2025-11-20 or 2025-11-20T14:05:00Z)"
        ) from None


def check_url(value: str) -> str:
    """The URL if it is an absolute http(s) address, else InvalidArticle."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in value)
        or len(value) > 2000
    ):
        raise InvalidArticle(f"url {value[:100]!r} is not an http or https address (e.g. https://example.org/story)")
    return value


def _check_has_sentences(article: Article) -> None:
    """An article with nothing to cite is refused, saying what its text was dropped as."""
    result = clean(article.text, article.title)
    if result.kept:
        return
    reasons = Counter(d.reason for d in result.dropped)
    why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) or "no words"
    raise InvalidArticle(f"text has no sentence to index (what it holds was dropped as: {why})")


def from_text_file(path: Path) -> Article:
    """A seed file: the first non-empty line is the headline, the whole file is the text."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidArticle(f"not UTF-8 (byte {exc.start})") from exc
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, source = (lines[0] if lines else ""), None
    # Scraped pages often open with the outlet's name above the headline ("CRBC News").
    if len(lines) > 1 and len(title.split()) <= 3 and not title.endswith((".", "!", "?")):
        source, title = title, lines[1]
    return Article(id=path.stem, title=title, text=text, source=source)


def from_record(record: object) -> Article:
    """One JSON Lines record with id, title, text and optional source, url, published_at."""
    if not isinstance(record, dict):
        raise InvalidArticle("each line must be a JSON object")
    missing = [k for k in ("id", "title", "text") if not isinstance(record.get(k), str)]
    if missing:
        raise InvalidArticle(f"missing or non-string field(s): {', '.join(missing)}")
    optional = {k: record.get(k) for k in ("source", "url", "published_at")}
    bad = [k for k, v in optional.items() if v is not None and not isinstance(v, str)]
    if bad:
        raise InvalidArticle(f"field(s) must be strings: {', '.join(bad)}")
    return Article(id=record["id"], title=record["title"], text=record["text"], **optional)


def read_paths(paths: Iterable[Path], max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article | ArticleError]:
    """Yield articles (or per-article errors) from .txt and .jsonl files and folders of them."""
    for path in _expand(paths):
        if path.suffix == ".jsonl":
            yield from _read_jsonl(path, max_chars)
            continue
        try:
            yield validate(from_text_file(path), max_chars)
        except (InvalidArticle, OSError) as exc:
            yield ArticleError(str(path), path.stem, str(exc))


def archive_digest(paths: Iterable[Path]) -> str:
    """sha256 over the names and contents of exactly the files read_paths reads from `paths`, in its order."""
    digest = hashlib.sha256()
    for path in _expand(paths):
        with path.open("rb") as f:
            digest.update(path.name.encode() + b"\0" + hashlib.file_digest(f, "sha256").digest())
    return digest.hexdigest()


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl") and p.is_file())
        else:
            yield path


def _read_jsonl(path: Path, max_chars: int) -> Iterator[Article | ArticleError]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ArticleError(str(path), None, str(exc))
        return
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield ArticleError(origin, None, "not UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield ArticleError(origin, None, f"not valid JSON: {exc.msg}")
            continue
        try:
            yield validate(from_record(record), max_chars)
        except InvalidArticle as exc:
            article_id = record.get("id") if isinstance(record, dict) else None
            yield ArticleError(origin, article_id if isinstance(article_id, str) else None, str(exc))
