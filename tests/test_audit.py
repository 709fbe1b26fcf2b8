"""The audit log of verdicts: migrations, what a row holds, retention, writes off the request path, the API's rows."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.store import SentenceIndex
from service.__main__ import main
from service.app import create_app
from service.audit import MIGRATIONS, AuditLog, audit_path, migrate, recent
from service.openapi import EXAMPLES
from service.schemas import Verdict
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator

VERDICT = Verdict.model_validate(EXAMPLES[Verdict])
CLAIM = "Dmitry Peskov said on Wednesday that it is premature to say the situation is nearing resolution"


def test_migrations_run_once_in_order_and_are_recorded(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "a.sqlite")
    assert migrate(db) == [m.__name__ for m in MIGRATIONS]
    assert migrate(db) == []
    assert [r[0] for r in db.execute("SELECT name FROM _migrations")] == [m.__name__ for m in MIGRATIONS]


def test_a_row_holds_the_claim_verdict_citations_versions_and_time(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "a.sqlite")
    log.record(VERDICT, "req-1")
    log.close()
    (row,) = recent(tmp_path / "a.sqlite")
    assert (row["claim"], row["label"], row["confidence"], row["request_id"]) == (
        VERDICT.claim,
        "supported",
        0.91,
        "req-1",
    )
    assert row["citations"] == [c.model_dump() for c in VERDICT.citations]
    p = VERDICT.provenance
    assert (row["model_preset"], row["model_sha256"], row["index_version"]) == (
        p.model_preset,
        p.model_sha256,
        p.index_version,
    )
    assert (row["judge"], row["embedding_model"]) == (p.judge, p.embedding_model)
    assert abs(datetime.fromisoformat(row["created_at"]) - datetime.now(UTC)) < timedelta(minutes=1)


def test_retention_deletes_old_verdicts_and_zero_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    now = datetime.now(UTC)
    for days_ago in (200, 100, 10):
        log = AuditLog(path, retention_days=0, clock=lambda d=days_ago: now - timedelta(days=d))
        log.record(VERDICT)
        log.close()
    assert len(recent(path)) == 3  # 0: kept
    AuditLog(path, retention_days=90, clock=lambda: now).close()
    assert len(recent(path)) == 1
    AuditLog(path, retention_days=5, clock=lambda: now).close()
    assert recent(path) == []


def test_recording_never_waits_for_the_disk(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    log = AuditLog(path)
    # A timeout, because the writer thread may be opening its connection at this moment (with none, BEGIN failed
    # "database is locked" in 52 of 300 tries on a busy machine)
    blocker = sqlite3.connect(path, timeout=10)
    blocker.execute("BEGIN EXCLUSIVE")  # the writer cannot write until this ends
    try:
        started = time.perf_counter()
        for _ in range(50):
            log.record(VERDICT)
        assert time.perf_counter() - started < 0.5
    finally:
        blocker.rollback()
        blocker.close()
    log.close()
    assert len(recent(path, 100)) == 50


def test_the_api_audits_each_verdict_with_its_request_id(fake_index: SentenceIndex, settings: Settings) -> None:
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), settings, rules_aggregator())
    with TestClient(create_app(settings, verifier=verifier)) as client:
        one = client.post("/verify", json={"claim": CLAIM})
        batch = client.post("/verify/batch", json={"claims": [{"claim": CLAIM}, {"claim": "Owls count 4,711"}]})
        assert client.post("/verify", json={"claim": "x"}).status_code == 422  # no verdict, no row
    assert one.status_code == batch.status_code == 200
    rows = recent(audit_path(settings))[::-1]
    assert [r["claim"] for r in rows] == [CLAIM, CLAIM, "Owls count 4,711"]
    assert [r["label"] for r in rows] == [one.json()["label"], *(v["label"] for v in batch.json()["results"])]
    assert rows[0]["request_id"] == one.headers["x-request-id"]
    assert rows[1]["request_id"] == rows[2]["request_id"] == batch.headers["x-request-id"]
    assert rows[0]["citations"] == one.json()["citations"]


def test_audit_can_be_turned_off(fake_index: SentenceIndex, settings: Settings, tmp_path: Path) -> None:
    off = Settings(**{**settings.model_dump(), "audit": False, "audit_db": tmp_path / "off.sqlite"})
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), off, rules_aggregator())
    with TestClient(create_app(off, verifier=verifier)) as client:
        assert client.post("/verify", json={"claim": CLAIM}).status_code == 200
    assert not (tmp_path / "off.sqlite").exists()


@pytest.fixture
def own_logging() -> Iterator[None]:
    """The CLI sets up logging for the process; put it back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_cli_prints_the_latest_verdicts(tmp_path: Path, capsys: pytest.CaptureFixture[str], own_logging: None) -> None:
    path = tmp_path / "a.sqlite"
    log = AuditLog(path)
    for label in ("supported", "refuted"):
        log.record(VERDICT.model_copy(update={"label": label}))
    log.close()
    assert main(["audit", "--audit-db", str(path), "-n", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["label"] == "refuted"
    assert main(["audit", "--audit-db", str(tmp_path / "none.sqlite")]) == 1


def test_an_audit_file_that_cannot_be_opened_stops_the_start(
    fake_index: SentenceIndex, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "not-a-dir").write_text("")
    bad = Settings(**{**settings.model_dump(), "audit_db": tmp_path / "not-a-dir" / "audit.sqlite"})
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), bad, rules_aggregator())
    with pytest.raises(OSError), TestClient(create_app(bad, verifier=verifier)):
        pass
