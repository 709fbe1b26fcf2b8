"""`python -m service check FILE` against a real HTTP server running the app (fake encoder and judges)."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from index.store import SentenceIndex
from service import job_client
from service.__main__ import main
from service.app import create_app
from service.settings import Settings
from tests.fakes import FakeJudge, FakeReader, rules_aggregator
from tests.test_api import with_overrides
from tests.test_jobs import CLAIMS, GatedVerifier

Serve = Callable[..., tuple[str, GatedVerifier]]


@pytest.fixture
def serve(fake_index: SentenceIndex, settings: Settings) -> Iterator[Serve]:
    """Start the app on a free port of this machine, with the key `sekrit`; return its URL and its verifier."""
    servers: list[tuple[uvicorn.Server, threading.Thread, GatedVerifier]] = []

    def start(**overrides: Any) -> tuple[str, GatedVerifier]:
        s = with_overrides(settings, api_key="sekrit", **overrides)
        verifier = GatedVerifier(fake_index, FakeReader(), FakeJudge(), s, rules_aggregator())
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(create_app(s, verifier=verifier), log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        servers.append((server, thread, verifier))
        return f"http://127.0.0.1:{sock.getsockname()[1]}", verifier

    yield start
    for server, thread, verifier in servers:
        verifier.gate.set()
        server.should_exit = True
        thread.join(10)


def check(url: str, *args: str, key: str = "sekrit") -> int:
    """The command line in this process; the log handler it installs (on this test's captured stderr) is removed
    after, so that the server threads never log to a closed stream."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        return main(["check", *args, "--url", url, "--api-key", key])
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


@pytest.fixture
def claims_csv(tmp_path: Path) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text("id,claim\n" + "".join(f'c{n},"{c}"\n' for n, c in enumerate(CLAIMS)), encoding="utf-8")
    return path


def test_check_writes_every_verdict_in_order_and_says_what_it_found(
    serve: Serve, claims_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, verifier = serve()
    assert check(url, str(claims_csv)) == 0

    out = claims_csv.with_name("claims.results.jsonl")
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["index"], r["id"], r["claim"]) for r in results] == [(n, f"c{n}", c) for n, c in enumerate(CLAIMS)]
    labels = [r["verdict"]["label"] for r in results]
    assert verifier.started == CLAIMS
    counts = ", ".join(f"{n} {label}" for label, n in sorted(Counter(labels).items()))
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"3 claims: {counts}; results in {out}"


def test_a_second_run_carries_on_from_the_last_complete_line(serve: Serve, claims_csv: Path, tmp_path: Path) -> None:
    url, verifier = serve()
    out = tmp_path / "out.jsonl"
    assert check(url, str(claims_csv), "--out", str(out)) == 0
    complete = out.read_bytes()
    first_line = complete[: complete.index(b"\n") + 1]
    out.write_bytes(first_line + b'{"index": 1, "cut off')  # interrupted while writing the second result

    assert check(url, str(claims_csv), "--out", str(out)) == 0

    assert out.read_bytes() == complete  # the same job's stored results, none twice, none lost
    assert verifier.started == CLAIMS  # no claim was verified again: the job was resumed, not resubmitted
    assert json.loads((tmp_path / "out.jsonl.job").read_text())["url"] == url


def test_refusals_exit_1_with_the_service_message(
    serve: Serve, claims_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job_client.Service, "pause", lambda self, retry_after: None)  # retry at once
    url, _ = serve()
    short = tmp_path / "short.txt"
    short.write_text(f"{CLAIMS[0]}\nab\n", encoding="utf-8")

    assert check(url, str(short)) == 1
    assert "claim 1: claim must be 3 to" in capsys.readouterr().err
    assert check(url, str(claims_csv), key="wrong") == 1
    assert "401 missing or wrong X-API-Key" in capsys.readouterr().err
    out = tmp_path / "mine.jsonl"
    assert check(url, str(claims_csv), "--out", str(out)) == 0
    assert check(url, str(short), "--out", str(out)) == 1  # another file's results are never mixed in
    assert "holds results of another file" in capsys.readouterr().err
    assert check("http://127.0.0.1:9", str(claims_csv), "--out", str(tmp_path / "x.jsonl")) == 1
    assert "cannot reach http://127.0.0.1:9" in capsys.readouterr().err


def test_a_busy_service_is_asked_again_after_its_retry_after(
    serve: Serve, claims_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, verifier = serve(max_jobs=1)
    verifier.hold = {CLAIMS[0]}
    busy = job_client.Service(url, "sekrit")
    busy.call("POST", "/jobs", json.dumps({"claims": [CLAIMS[0]]}).encode(), "application/json")  # the only slot
    waits: list[str | None] = []

    def pause(self: job_client.Service, retry_after: str | None) -> None:
        waits.append(retry_after)
        verifier.gate.set()  # the first job finishes while the client waits
        time.sleep(0.2)

    monkeypatch.setattr(job_client.Service, "pause", pause)
    assert check(url, str(claims_csv), "--out", str(tmp_path / "out.jsonl")) == 0
    assert waits and waits[0] == "30"  # the 429's Retry-After
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == len(CLAIMS)
