"""Articles as they arrive: plain-text seed files and JSON Lines, validated one article at a time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

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
    """Return the article if it can be indexed, else raise InvalidArticle."""
    if not article.id or len(article.id) > 200 or any(c in article.id for c in "/\\\n\r\t"):
        raise InvalidArticle("id must be 1-200 characters without slashes or line breaks")
    if not article.text.strip():
        raise InvalidArticle("text is empty")
    if len(article.text) > max_chars:
        raise InvalidArticle(f"text has {len(article.text)} characters, more than the limit of {max_chars}")
    if len(article.title) > 1000:
        raise InvalidArticle("title is longer than 1000 characters")
    return article


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
