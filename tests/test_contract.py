"""The HTTP contract as a client reads it: bounds and content types the OpenAPI schema states are the ones enforced;
bodies that cannot be read, values of the wrong type and claims with nothing in them are 422; bodies that never
finish are cut off."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from index.store import SentenceIndex
from service.app import create_app
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeEncoder, FakeJudge, FakeReader, rules_aggregator
from tests.test_api import SUPPORTED, assert_error, nothing_was_judged, with_overrides


def app_for(index: SentenceIndex, settings: Settings, **overrides: Any) -> tuple[FastAPI, FakeJudge, FakeReader]:
    judge, reader = FakeJudge(), FakeReader()
    s = with_overrides(settings, **overrides)
    return create_app(s, verifier=Verifier(index, reader, judge, s, rules_aggregator())), judge, reader


@pytest.fixture
def served(fake_index: SentenceIndex, settings: Settings) -> Iterator[tuple[TestClient, FakeJudge, FakeReader]]:
    app, judge, reader = app_for(fake_index, settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, judge, reader


def schema_of(client: TestClient, name: str) -> dict[str, Any]:
    component: dict[str, Any] = client.get("/openapi.json").json()["components"]["schemas"][name]
    return component


# Bodies that cannot be read


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"claim": "\xff Peskov said it was premature"}', id="not-utf8"),
        pytest.param(b'{"claim": "Peskov', id="truncated"),
        pytest.param(b'{"claim": "Peskov said it", }', id="trailing-comma"),
        pytest.param(b"\x00\x01\x02", id="binary"),
    ],
)
def test_an_unparseable_body_is_422(served: tuple[TestClient, FakeJudge, FakeReader], body: bytes) -> None:
    client, judge, reader = served
    response = client.post("/verify", content=body, headers={"content-type": "application/json"})
    assert_error(response, 422, "invalid_request")
    assert "not valid JSON" in response.json()["error"]["message"]
    assert nothing_was_judged(reader, judge)


# Strict types


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"top_k": True}, id="top_k-true"),
        pytest.param({"top_k": "8"}, id="top_k-string"),
        pytest.param({"top_k": 8.0}, id="top_k-float"),
        pytest.param({"rationale": 1}, id="rationale-1"),
        pytest.param({"rationale": "true"}, id="rationale-string"),
    ],
)
def test_values_of_the_wrong_type_are_not_coerced(
    served: tuple[TestClient, FakeJudge, FakeReader], change: dict[str, object]
) -> None:
    client, judge, reader = served
    response = client.post("/verify", json={"claim": SUPPORTED, **change})
    assert_error(response, 422, "invalid_request")
    assert next(iter(change)) in response.json()["error"]["message"]
    assert nothing_was_judged(reader, judge)
    batch = client.post("/verify/batch", json={"claims": [{"claim": SUPPORTED, **change}]})
    assert_error(batch, 422, "invalid_request")


# Claims with nothing in them


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param("\u200b\u200b\u200b\u200b", id="zero-width-spaces"),
        pytest.param("\u200d\u2060\ufeff\u200c\u00ad\u202e", id="format-characters"),
        pytest.param("... !!! ???", id="punctuation"),
        pytest.param(" \u3000\u00a0\u2003 - ", id="unicode-spaces-and-a-dash"),
        pytest.param("\u200b.\u200b.\u200b.\u200b", id="dots-between-zero-width-spaces"),
    ],
)
def test_a_claim_with_no_letters_or_digits_is_refused_before_retrieval(
    fake_index: SentenceIndex, settings: Settings, claim: str
) -> None:
    app, judge, reader = app_for(fake_index, settings)
    encoder = fake_index.encoder
    assert isinstance(encoder, FakeEncoder)
    with TestClient(app) as client:
        before = encoder.calls
        response = client.post("/verify", json={"claim": claim})
        batch = client.post("/verify/batch", json={"claims": [{"claim": SUPPORTED}, {"claim": claim}]})

    assert_error(response, 422, "invalid_request")
    assert_error(batch, 422, "invalid_request")
    assert "no letters or digits" in response.json()["error"]["message"]
    assert encoder.calls == before and nothing_was_judged(reader, judge)  # nothing retrieved, nothing judged


@pytest.mark.parametrize(
    "claim",
    [
        "Peskov\u200b said it was premature",  # a zero-width space inside an ordinary claim
        "普京与威特科夫在莫斯科会谈了五个小时",  # no Latin letters
        "１２３",  # full-width digits
    ],
)
def test_claims_with_letters_or_digits_in_any_script_are_judged(
    served: tuple[TestClient, FakeJudge, FakeReader], claim: str
) -> None:
    client, _, reader = served
    assert client.post("/verify", json={"claim": claim}).status_code == 200
    assert reader.asked


# The schema states the bounds that are enforced


def test_the_schema_states_the_default_settings_limits(served: tuple[TestClient, FakeJudge, FakeReader]) -> None:
    client, _, _ = served
    verify, batch = schema_of(client, "VerifyRequest"), schema_of(client, "BatchRequest")
    assert (verify["properties"]["claim"]["maxLength"], verify["properties"]["claim"]["minLength"]) == (1000, 3)
    [top_k] = [s for s in verify["properties"]["top_k"]["anyOf"] if s.get("type") == "integer"]
    assert (top_k["minimum"], top_k["maximum"]) == (1, 20)
    assert (batch["properties"]["claims"]["minItems"], batch["properties"]["claims"]["maxItems"]) == (1, 16)


def test_the_schema_follows_the_settings_and_they_are_enforced(fake_index: SentenceIndex, settings: Settings) -> None:
    app, _, reader = app_for(fake_index, settings, max_claim_chars=60, max_top_k=5, default_top_k=4, max_batch=3)
    with TestClient(app) as client:
        verify, batch = schema_of(client, "VerifyRequest"), schema_of(client, "BatchRequest")
        [top_k] = [s for s in verify["properties"]["top_k"]["anyOf"] if s.get("type") == "integer"]
        assert (verify["properties"]["claim"]["maxLength"], top_k["maximum"]) == (60, 5)
        assert batch["properties"]["claims"]["maxItems"] == 3

        claim = ("Peskov spoke " * 10)[:60]
        assert client.post("/verify", json={"claim": claim, "top_k": 5}).status_code == 200
        assert client.post("/verify/batch", json={"claims": [{"claim": claim}] * 3}).status_code == 200
        asked = len(reader.asked)
        assert_error(client.post("/verify", json={"claim": claim + "x"}), 422, "invalid_request")
        assert_error(client.post("/verify", json={"claim": claim, "top_k": 6}), 422, "invalid_request")
        for n in (4, 10_000):  # one over and far over: the same answer
            assert_error(
                client.post("/verify/batch", json={"claims": [{"claim": "x y z"}] * n}), 422, "invalid_request"
            )
        assert len(reader.asked) == asked


# Operations


def test_head_health_is_200_without_a_body(fake_index: SentenceIndex, settings: Settings) -> None:
    app, _, _ = app_for(fake_index, settings, api_key="s3cret")
    with TestClient(app) as client:
        response = client.head("/health")
    assert response.status_code == 200 and response.content == b""


def test_the_schema_gives_the_real_content_types(served: tuple[TestClient, FakeJudge, FakeReader]) -> None:
    client, _, _ = served
    paths = client.get("/openapi.json").json()["paths"]
    verify = paths["/verify"]["post"]["responses"]["200"]["content"]
    metrics = paths["/metrics"]["get"]["responses"]["200"]["content"]

    assert {"application/json", "application/ld+json"} <= set(verify)
    assert {t.split(";")[0] for t in metrics} == {"text/plain"}  # Prometheus text, not JSON
    assert "head" in paths["/health"]
    claimreview = client.post("/verify?format=claimreview", json={"claim": SUPPORTED})
    assert claimreview.headers["content-type"].startswith("application/ld+json")
    assert client.get("/metrics").headers["content-type"].startswith("text/plain")


# A body that never finishes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live(fake_index: SentenceIndex, settings: Settings) -> Iterator[int]:
    """A real uvicorn server around the app, with a body deadline of one second, on a free port."""
    app, _, _ = app_for(fake_index, settings, body_timeout_s=1.0)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _send_partial(port: int, trickle: bool, give_up_s: float = 8.0) -> tuple[bytes, float]:
    """Headers for a 200-byte body, then 10 bytes of it (and, trickling, one more every 0.2 s): what came back, and
    the seconds until the server closed the connection (give_up_s if it never did). A byte trickled after the server
    closed is answered by a reset, which ends the connection as the close does."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        started = time.monotonic()
        head = "POST /verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
        conn.sendall(head.encode() + b'{"claim": ')
        conn.settimeout(0.2)
        received = b""
        while time.monotonic() - started < give_up_s:
            try:
                chunk = conn.recv(4096)
            except TimeoutError:
                if trickle:
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # closed: the next recv says so
                        conn.sendall(b" ")
                continue
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                return received, time.monotonic() - started
            received += chunk
        return received, give_up_s


@pytest.mark.parametrize("trickle", [False, True], ids=["stalled", "trickling"])
def test_a_body_that_never_finishes_is_cut_off(live: int, trickle: bool) -> None:
    received, after = _send_partial(live, trickle)

    assert received.startswith(b"HTTP/1.1 408 "), received[:200]
    assert b'"type":"request_timeout"' in received
    assert 0.9 < after < 5  # closed by the server soon after the deadline


def test_a_complete_body_on_the_same_server_is_answered(live: int) -> None:
    body = b'{"claim": "Peskov said it was premature"}'
    with socket.create_connection(("127.0.0.1", live), timeout=10) as conn:
        head = (
            f"POST /verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        conn.sendall(head.encode() + body)
        assert conn.recv(64).startswith(b"HTTP/1.1 200 ")
