"""Feedback over HTTP: a reporter's label stored with the verdict's evidence and versions, exported as eval claims."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eval.claims import load
from index.store import SentenceIndex
from service.app import create_app
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator
from tests.test_api import SUPPORTED, assert_error, with_overrides


def app_client(index: SentenceIndex, settings: Settings) -> TestClient:
    verifier = Verifier(index, FakeReader(), FakeJudge(), settings, rules_aggregator())
    return TestClient(create_app(settings, verifier=verifier))


@pytest.fixture
def client(fake_index: SentenceIndex, settings: Settings) -> Iterator[TestClient]:
    with app_client(fake_index, settings) as c:
        yield c


def verdict_for(client: TestClient, claim: str = SUPPORTED) -> dict[str, Any]:
    response = client.post("/verify", json={"claim": claim})
    assert response.status_code == 200
    verdict: dict[str, Any] = response.json()
    return verdict


def test_feedback_is_stored_with_the_evidence_and_versions_of_the_verdict(client: TestClient) -> None:
    verdict = verdict_for(client)
    assert verdict["label"] == "supported"

    response = client.post(
        "/feedback", json={"claim": SUPPORTED, "verdict": verdict, "label": "refuted", "note": "he said the opposite"}
    )

    assert response.status_code == 201, response.text
    stored = response.json()
    p = verdict["provenance"]
    assert {k: stored[k] for k in ("claim", "label", "verdict_label", "confidence", "note")} == {
        "claim": SUPPORTED,
        "label": "refuted",
        "verdict_label": "supported",
        "confidence": verdict["confidence"],
        "note": "he said the opposite",
    }
    assert [stored[k] for k in ("model_preset", "model_sha256", "judge", "judge_sha256", "index_version")] == [
        p["model_preset"],
        p["model_sha256"],
        p["judge"],
        p["judge_sha256"],
        p["index_version"],
    ]
    stance = [c for c in verdict["citations"] if c["stance"] != "neutral"]
    assert stance and stored["evidence"] == [{"article": c["article_id"], "text": c["sentence"]} for c in stance]
    listed = client.get("/feedback").json()
    assert listed["count"] == 1 and listed["data"] == [stored]


def test_export_is_a_claims_file_the_eval_harness_loads(client: TestClient, tmp_path: Path) -> None:
    owls = "The Zorblax Institute counted 4,711 snowy owls"
    supported, unknown = verdict_for(client), verdict_for(client, owls)
    client.post("/feedback", json={"claim": SUPPORTED, "verdict": supported, "label": "conflicting"})
    client.post("/feedback", json={"claim": owls, "verdict": unknown, "label": "not_enough_info"})
    # A second opinion on the first claim replaces the first one in the export (the latest wins).
    client.post("/feedback", json={"claim": SUPPORTED, "verdict": supported, "label": "refuted", "evidence": [1]})

    response = client.get("/feedback/export")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    path = tmp_path / "feedback.jsonl"
    path.write_text(response.text, encoding="utf-8")
    claims = load(path)
    assert [(c.claim, c.label) for c in claims] == [(owls, "not_enough_info"), (SUPPORTED, "refuted")]
    assert claims[0].evidence == []
    second = supported["citations"][1]
    assert [(e.article, e.text) for e in claims[1].evidence] == [(second["article_id"], second["sentence"])]
    assert claims[1].tags == ["feedback", "service_said_supported"]
    assert json.loads(response.text.splitlines()[0]).keys() == {"id", "claim", "label", "evidence", "tags"}


def test_feedback_that_does_not_match_its_verdict_is_refused(client: TestClient) -> None:
    verdict = verdict_for(client)
    bad = [
        {"claim": "another claim entirely", "verdict": verdict, "label": "refuted"},
        {"claim": SUPPORTED, "verdict": verdict, "label": "refuted", "evidence": [len(verdict["citations"])]},
        {"claim": SUPPORTED, "verdict": verdict, "label": "wrong"},
        {"claim": SUPPORTED, "verdict": {"label": "refuted"}, "label": "refuted"},
    ]
    for body in bad:
        assert_error(client.post("/feedback", json=body), 422, "invalid_request")
    assert client.get("/feedback").json()["count"] == 0


def test_feedback_survives_a_restart(fake_index: SentenceIndex, settings: Settings) -> None:
    with app_client(fake_index, settings) as client:
        verdict = verdict_for(client)
        client.post("/feedback", json={"claim": SUPPORTED, "verdict": verdict, "label": "refuted"})

    with app_client(fake_index, settings) as again:
        assert [f["label"] for f in again.get("/feedback").json()["data"]] == ["refuted"]


def test_feedback_needs_the_key(fake_index: SentenceIndex, settings: Settings) -> None:
    with app_client(fake_index, with_overrides(settings, api_key="sekrit")) as client:
        assert_error(client.get("/feedback/export"), 401, "unauthorized")
        assert_error(client.post("/feedback", json={}), 401, "unauthorized")
