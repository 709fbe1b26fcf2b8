"""`python -m index import FILE --url ...` against a real HTTP server running the app (fake encoder and judges)."""

from __future__ import annotations

import json
import socket
import textwrap
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from index.__main__ import main
from index.articles import Article
from index.importer import Reply, import_articles
from index.store import SentenceIndex
from service.app import create_app
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator

WIRE = textwrap.fill(
    "LONDON, Nov 3 (Reuters) - Britain's economy grew 0.1% in the third quarter, official figures showed on "
    "Friday, as higher interest rates weighed on spending by households and businesses. Finance minister Rachel "
    "Reeves said the figures showed the economy was stable but growing too slowly.",
    70,
)
STORIES = [
    {"id": "uk-gdp", "title": "UK economy grows 0.1%", "text": WIRE, "source": "Reuters", "published_at": "2025-11-03"},
    {
        "id": "icc",
        "title": "Palestinians join ICC",
        "text": "The Palestinian Authority officially became the 123rd member of the International Criminal Court "
        "on Wednesday.\n\nKey facts\n- The Hague hosted the ceremony\n- Israel and the United States opposed it",
        "url": "https://example.org/icc",
    },
]
Serve = Callable[..., str]


@pytest.fixture
def serve(fake_index: SentenceIndex, settings: Settings) -> Iterator[Serve]:
    """Start the app on a free port of this machine; return its URL."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(**overrides: Any) -> str:
        s = Settings(**{**settings.model_dump(), **overrides})
        app = create_app(s, verifier=Verifier(fake_index, FakeReader(), FakeJudge(), s, rules_aggregator()))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        servers.append((server, thread))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(10)


def jsonl(tmp_path: Path, *records: dict[str, Any] | str) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path: Path, url: str, tmp_path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    report = tmp_path / "report.jsonl"
    code = main(["import", str(path), "--url", url, "--report", str(report), *extra])
    lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    return code, [json.loads(line) for line in lines]


def get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url) as response:
        body: dict[str, Any] = json.loads(response.read())
        return body


def test_imports_every_good_article_and_reports_each_one(serve: Serve, tmp_path: Path) -> None:
    url = serve()
    path = jsonl(
        tmp_path,
        *STORIES,
        {"id": "short", "title": "Nothing here", "text": "Short."},
        {"id": "dated", "title": "Bad date", "text": WIRE, "published_at": "yesterday"},
        '{"id": "broken", ',
    )
    code, entries = run_import(path, url, tmp_path)
    assert code == 1  # some were refused
    by_id = {e["id"]: e for e in entries}
    assert [e["status"] for e in entries] == ["added", "added", "refused", "refused", "refused"]
    assert by_id["uk-gdp"]["sentences"] == 2 and by_id["uk-gdp"]["dropped"] == []
    assert by_id["icc"]["sentences"] == 3
    assert [(d["text"], d["reason"]) for d in by_id["icc"]["dropped"]] == [("Key facts", "heading")]
    assert "no sentence to index" in by_id["short"]["error"]
    assert "published_at" in by_id["dated"]["error"]
    assert by_id[None]["origin"].endswith("articles.jsonl:5")
    stored = get(f"{url}/articles/uk-gdp")
    assert stored["text"] == WIRE and stored["published_at"] == "2025-11-03" and stored["sentences"] == 2

    again, entries = run_import(jsonl(tmp_path, *STORIES), url, tmp_path)
    assert again == 0 and [e["status"] for e in entries] == ["unchanged", "unchanged"]


def test_an_article_the_service_refuses_is_reported_with_its_status(serve: Serve, tmp_path: Path) -> None:
    url = serve(max_article_chars=150)  # stricter than this machine's own check
    code, entries = run_import(jsonl(tmp_path, *STORIES), url, tmp_path)
    assert code == 1
    assert [(e["status"], e.get("http_status")) for e in entries] == [("refused", 422), ("refused", 422)]
    assert "150" in entries[0]["error"]


def test_the_api_key_is_sent_and_a_wrong_one_stops_the_import(serve: Serve, tmp_path: Path) -> None:
    url = serve(api_key="s3cret")
    path = jsonl(tmp_path, *STORIES)
    assert run_import(path, url, tmp_path, "--api-key", "wrong")[0] == 2
    code, entries = run_import(path, url, tmp_path, "--api-key", "s3cret")
    assert code == 0 and [e["status"] for e in entries] == ["added", "added"]


def test_an_unreachable_service_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there
    assert run_import(jsonl(tmp_path, *STORIES), f"http://127.0.0.1:{port}", tmp_path)[0] == 2
    assert f"cannot reach the service at http://127.0.0.1:{port}" in capsys.readouterr().err


def test_a_busy_service_is_retried_after_its_retry_after() -> None:
    replies = [Reply(503, {"error": {"message": "busy"}}, retry_after=3), Reply(200, {"status": "added"})]
    waits: list[float] = []
    out = StringIO()
    article = Article("a", "T", "Officials said the talks would resume in Geneva on Monday.")
    summary = import_articles([article], lambda _: replies.pop(0), out, sleep=waits.append)
    assert waits == [3] and summary.statuses["added"] == 1
    assert json.loads(out.getvalue()) == {"id": "a", "status": "added"}
