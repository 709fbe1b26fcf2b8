"""Logging: quiet libraries, JSON lines with the request id (also in X-Request-ID), no claim text at WARNING."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from index.store import SentenceIndex
from service import logs
from service.app import create_app
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator

CLAIM = "Dmitry Peskov said on Wednesday that it is premature to say the situation is nearing resolution"


class FailingJudge(FakeJudge):
    """The local LLM failing as llama.cpp does when a prompt outgrows the context."""

    def read(self, claim: str, passages: list[str]) -> Any:
        raise ValueError("Requested tokens (4100) exceed context window of 2048")


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Our handler writing JSON lines into a buffer, at INFO; removed afterwards."""
    root = logging.getLogger()
    level = root.level
    buffer = io.StringIO()
    logs.configure("INFO", "json", stream=buffer)
    yield buffer
    for handler in [h for h in root.handlers if h.get_name() == logs.HANDLER_NAME]:
        root.removeHandler(handler)
    root.setLevel(level)


def parsed(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]  # every line must be JSON


def client_for(fake_index: SentenceIndex, settings: Settings, judge: FakeJudge | None = None) -> TestClient:
    verifier = Verifier(fake_index, FakeReader(), judge or FakeJudge(), settings, rules_aggregator())
    return TestClient(create_app(settings, verifier=verifier))


def test_libraries_stay_quiet_and_draw_no_progress_bars(log_lines: io.StringIO) -> None:
    # sentence-transformers draws a tqdm bar on every encode() while its logger is at INFO or DEBUG: once per request.
    st = logging.getLogger("sentence_transformers.sentence_transformer.model")
    assert st.getEffectiveLevel() not in (logging.INFO, logging.DEBUG)
    logging.getLogger("transformers.modeling_utils").info("loading weights")
    logging.getLogger("uvicorn.access").info('127.0.0.1 - "GET /health" 200')  # replaced by our access line
    logging.getLogger("service.verifier").info("ours")
    assert [line["message"] for line in parsed(log_lines)] == ["ours"]


def test_json_lines_carry_the_request_id_also_from_worker_threads(
    log_lines: io.StringIO, fake_index: SentenceIndex, settings: Settings
) -> None:
    with client_for(fake_index, settings, FailingJudge()) as client:
        response = client.post("/verify", json={"claim": CLAIM})
    assert response.status_code == 200
    rid = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    mine = [line for line in parsed(log_lines) if line["request_id"] == rid]
    # The judge's failure is logged in the thread pool that ran the verification; the access line in the loop.
    assert any("LLM judge failed" in line["message"] and line["level"] == "WARNING" for line in mine)
    assert any(line["message"].startswith("POST /verify 200") for line in mine)


def test_claim_text_is_not_logged_at_warning_or_above(
    log_lines: io.StringIO, fake_index: SentenceIndex, settings: Settings
) -> None:
    with client_for(fake_index, settings, FailingJudge()) as client:
        assert client.post("/verify", json={"claim": CLAIM}).status_code == 200
    loud = [line for line in parsed(log_lines) if line["level"] in ("WARNING", "ERROR", "CRITICAL")]
    assert loud, "the failing judge should have logged a warning"
    assert not [line for line in loud if "Peskov" in line["message"] or "premature" in line["message"]]


def test_a_sane_client_request_id_is_echoed_and_others_replaced(fake_index: SentenceIndex, settings: Settings) -> None:
    with client_for(fake_index, settings) as client:
        assert client.get("/health", headers={"X-Request-ID": "abc-123.x:9"}).headers["x-request-id"] == "abc-123.x:9"
        for bad in ("a" * 200, "two words", "<script>"):
            rid = client.get("/health", headers={"X-Request-ID": bad}).headers["x-request-id"]
            assert rid != bad and re.fullmatch(r"[0-9a-f]{32}", rid)
        # Errors raised before any route (bad key, unknown path) carry an id too.
        assert "x-request-id" in client.get("/no-such-path").headers


def test_text_lines_show_the_request_id() -> None:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(logs.RequestIdFilter())
    handler.setFormatter(logs.TextFormatter())
    logger = logging.getLogger("test.text")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        token = logs.request_id.set("r-1")
        logger.info("inside")
        logs.request_id.reset(token)
        logger.info("outside")
    finally:
        logger.removeHandler(handler)
    inside, outside = buffer.getvalue().splitlines()
    assert inside.endswith("INFO test.text [r-1] inside") and outside.endswith("[-] outside")


@pytest.mark.slow
def test_real_encoder_draws_no_progress_bar_per_request(
    log_lines: io.StringIO, capfd: pytest.CaptureFixture[str]
) -> None:
    from index.encoder import SentenceTransformerEncoder

    encoder = SentenceTransformerEncoder()
    capfd.readouterr()
    encoder.encode(["The Kremlin said a peace deal was premature."] * 3)
    out, err = capfd.readouterr()
    assert "Batches" not in err + out and "%|" not in err + out
