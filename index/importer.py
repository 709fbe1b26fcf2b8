"""Import articles into a running service: `python -m index import FILE... --url http://127.0.0.1:8000`.

Reads .txt/.jsonl files (or folders of them) the way `python -m index build` does, sends each article to
POST /articles with a progress bar, and writes one JSON line per article: what the service did with it
(added, replaced, unchanged, refused and why) and what of its text was not indexed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from index.articles import Article, ArticleError, read_paths
from index.settings import get_index_settings

log = logging.getLogger(__name__)

RETRIES = 5  # a 503 (loading or overloaded) is retried after its Retry-After, this many times
MAX_WAIT_S = 30.0


class ServiceUnreachable(RuntimeError):
    """The service cannot be reached or refuses every request (wrong key): stop, nothing more can be sent."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, Any]
    retry_after: float | None = None


Send = Callable[[dict[str, Any]], Reply]


@dataclass
class ImportSummary:
    """Counts over one import, for the last line a person reads."""

    statuses: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    dropped: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(self.statuses.items())) or "nothing"
        drops = ", ".join(f"{n} {reason}" for reason, n in self.dropped.most_common()) or "none"
        return f"imported: {counts}; {self.sentences} sentences indexed; pieces not indexed: {drops}"


def http_sender(url: str, api_key: str | None = None, timeout_s: float = 120.0) -> Send:
    """POST one article to `url`/articles and return the service's reply (any status)."""
    endpoint = url.rstrip("/") + "/articles"

    def send(article: dict[str, Any]) -> Reply:
        request = urllib.request.Request(
            endpoint, data=json.dumps(article).encode(), method="POST", headers={"content-type": "application/json"}
        )
        if api_key:
            request.add_header("X-API-Key", api_key)
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                return Reply(response.status, json.loads(response.read() or b"{}"))
        except urllib.error.HTTPError as exc:
            try:
                body = json.loads(exc.read() or b"{}")
            except json.JSONDecodeError:
                body = {"error": {"type": "http_error", "message": f"HTTP {exc.code}"}}
            retry = exc.headers.get("Retry-After")
            return Reply(exc.code, body, float(retry) if retry and retry.isdigit() else None)
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ServiceUnreachable(f"cannot reach the service at {url}: {reason}") from exc

    return send


def import_articles(
    items: Iterable[Article | ArticleError],
    send: Send,
    report: TextIO,
    progress: Callable[[int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> ImportSummary:
    """Send every article, write one JSON line per input to `report`, and count what happened."""
    summary = ImportSummary()
    for entry in _entries(items, send, sleep):
        summary.statuses[entry["status"]] += 1
        summary.sentences += entry.get("sentences", 0)
        summary.dropped.update(d["reason"] for d in entry.get("dropped", []))
        report.write(json.dumps(entry, ensure_ascii=False) + "\n")
        if progress:
            progress(1)
    return summary


def _entries(items: Iterable[Article | ArticleError], send: Send, sleep: Callable[[float], None]) -> Iterator[dict]:
    for item in items:
        if isinstance(item, ArticleError):
            yield {"id": item.article_id, "origin": item.origin, "status": "refused", "error": item.reason}
            continue
        reply = _send_with_retries(item.to_dict(), send, sleep)
        if reply.status == 200:
            yield {"id": item.id, **reply.body}
            continue
        if reply.status == 401:
            raise ServiceUnreachable("the service refused the API key (401): pass --api-key or set CLAIMS_API_KEY")
        error = reply.body.get("error", {})
        message = error.get("message", f"HTTP {reply.status}") if isinstance(error, dict) else str(error)
        yield {"id": item.id, "status": "refused", "http_status": reply.status, "error": message}


def _send_with_retries(article: dict[str, Any], send: Send, sleep: Callable[[float], None]) -> Reply:
    reply = send(article)
    for attempt in range(RETRIES):
        if reply.status != 503:
            break
        wait = min(reply.retry_after or 2.0**attempt, MAX_WAIT_S)
        log.info("service busy or loading; retrying article %s in %.0fs", article["id"], wait)
        sleep(wait)
        reply = send(article)
    return reply


HELP = "send .txt/.jsonl articles to a running service (POST /articles), with progress and a per-article report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `python -m index import`."""
    parser.add_argument("paths", nargs="+", type=Path, help=".txt/.jsonl files or folders of them")
    parser.add_argument("--url", required=True, help="the running service, e.g. http://127.0.0.1:8000")
    parser.add_argument("--api-key", default=os.environ.get("CLAIMS_API_KEY"), help="default: $CLAIMS_API_KEY")
    parser.add_argument("--report", type=Path, help="write the per-article JSON lines here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    """0 when every article was taken, 1 when some were refused (see the report), 2 when nothing could be sent."""
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    items = list(read_paths(args.paths, get_index_settings().max_article_chars))
    send = http_sender(args.url, args.api_key)
    with contextlib.ExitStack() as stack:
        report = stack.enter_context(args.report.open("w", encoding="utf-8")) if args.report else sys.stdout
        bar = stack.enter_context(tqdm(total=len(items), unit="article", desc="importing", file=sys.stderr))
        try:
            summary = import_articles(items, send, report, progress=bar.update)
        except ServiceUnreachable as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(summary.line(), file=sys.stderr)
    return 1 if summary.statuses["refused"] else 0
