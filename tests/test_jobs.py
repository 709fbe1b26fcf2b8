"""Batch jobs over HTTP: 202 at once, progress, results as JSON Lines in order, bounds, and resuming after a restart."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from index.store import SentenceIndex
from service.app import create_app
from service.claim_files import parse_claims
from service.errors import BadInput
from service.jobs import JobRunner
from service.schemas import Verdict
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator
from tests.test_api import assert_error, wait_for, with_overrides

CLAIMS = [
    "Dmitry Peskov said on Wednesday that it is premature to say the situation is nearing resolution",
    "Steve Witkoff met Vladimir Putin in Moscow",
    "The Zorblax Institute counted 4,711 snowy owls",
]
EVAL_DATA = Path(__file__).resolve().parent.parent / "eval" / "data" / "test.jsonl"


class GatedVerifier(Verifier):
    """The real pipeline over the fakes; records each claim it verifies, waits at `hold` claims until `gate` is set,
    and raises on `fail` claims (a bug on one claim)."""

    def __init__(self, *args: Any, hold: tuple[str, ...] = (), fail: tuple[str, ...] = ()) -> None:
        super().__init__(*args)
        self.hold, self.fail = set(hold), set(fail)
        self.gate = threading.Event()
        self.started: list[str] = []

    def verify(self, claim: str, top_k: int | None = None, rationale: bool = False) -> Verdict:
        self.started.append(claim)
        if claim in self.hold:
            self.gate.wait(10)
        if claim in self.fail:
            raise RuntimeError("a bug")
        return super().verify(claim, top_k, rationale)


Start = Callable[..., tuple[TestClient, GatedVerifier]]


@pytest.fixture
def start(fake_index: SentenceIndex, settings: Settings) -> Iterator[Start]:
    """Start the app (jobs database under the test's tmp folder) around a gated verifier over the seed index."""
    with ExitStack() as stack:

        def run(hold: tuple[str, ...] = (), fail: tuple[str, ...] = (), **overrides: Any) -> tuple[TestClient, Any]:
            s = with_overrides(settings, **overrides)
            verifier = GatedVerifier(fake_index, FakeReader(), FakeJudge(), s, rules_aggregator(), hold=hold, fail=fail)
            stack.callback(verifier.gate.set)  # never leave a worker waiting after the test
            client = stack.enter_context(TestClient(create_app(s, verifier=verifier), raise_server_exceptions=False))
            return client, verifier

        yield run


def wait_done(client: TestClient, job_id: str) -> dict[str, Any]:
    wait_for(lambda: client.get(f"/jobs/{job_id}").json()["state"] in ("done", "cancelled"))
    status: dict[str, Any] = client.get(f"/jobs/{job_id}").json()
    return status


def lines(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def test_a_job_is_accepted_at_once_and_gives_the_verdicts_of_verify_in_order(start: Start) -> None:
    client, verifier = start(hold=(CLAIMS[0],))
    response = client.post("/jobs", json={"claims": [CLAIMS[0], {"id": "w", "claim": CLAIMS[1]}, CLAIMS[2]]})

    assert response.status_code == 202  # while the first claim is still held: nothing was waited for
    job = response.json()
    assert job["total"] == 3 and job["done"] == 0 and job["state"] in ("queued", "running")
    assert job["results"] == f"/jobs/{job['id']}/results"
    verifier.gate.set()
    status = wait_done(client, job["id"])
    assert (status["done"], status["failed"], status["finished_at"] is not None) == (3, 0, True)

    results = lines(client.get(job["results"]))
    assert [(r["index"], r["id"], r["claim"], r["error"]) for r in results] == [
        (0, None, CLAIMS[0], None),
        (1, "w", CLAIMS[1], None),
        (2, None, CLAIMS[2], None),
    ]
    for r in results:  # the same verdict as asking /verify, apart from timings
        direct = client.post("/verify", json={"claim": r["claim"]}).json()
        for verdict in (direct, r["verdict"]):
            del verdict["provenance"]["timings"]
        assert r["verdict"] == direct


def test_results_are_given_as_claims_finish_and_a_reader_can_resume(start: Start) -> None:
    client, verifier = start(hold=(CLAIMS[1],))
    job = client.post("/jobs", json={"claims": CLAIMS}).json()
    wait_for(lambda: client.get(f"/jobs/{job['id']}").json()["done"] == 1)

    assert client.get(f"/jobs/{job['id']}").json()["state"] == "running"
    ready = lines(client.get(f"/jobs/{job['id']}/results", params={"wait": "false"}))
    assert [r["index"] for r in ready] == [0]
    verifier.gate.set()
    # wait=true (the default) holds the stream open until the last claim is done
    assert [r["index"] for r in lines(client.get(f"/jobs/{job['id']}/results"))] == [0, 1, 2]
    assert [r["index"] for r in lines(client.get(f"/jobs/{job['id']}/results", params={"start": 1}))] == [1, 2]


def test_csv_and_json_lines_files_are_accepted(start: Start) -> None:
    client, _ = start()
    table = f'id,claim\nc1,"{CLAIMS[1]}, in the Kremlin"\nc2,{CLAIMS[0]}\n'
    by_csv = client.post("/jobs", content=table, headers={"content-type": "text/csv; charset=utf-8"})
    eval_rows = EVAL_DATA.read_text(encoding="utf-8").splitlines()[:2]  # labeled claims, sent as they are
    by_jsonl = client.post(
        "/jobs", content="\n".join(eval_rows) + "\n", headers={"content-type": "application/x-ndjson"}
    )

    assert by_csv.status_code == 202 and by_jsonl.status_code == 202, (by_csv.text, by_jsonl.text)
    csv_results = lines(client.get(f"/jobs/{by_csv.json()['id']}/results"))
    assert [(r["id"], r["claim"]) for r in csv_results] == [("c1", f"{CLAIMS[1]}, in the Kremlin"), ("c2", CLAIMS[0])]
    jsonl_results = lines(client.get(f"/jobs/{by_jsonl.json()['id']}/results"))
    expected = [json.loads(row) for row in eval_rows]
    assert [(r["id"], r["claim"]) for r in jsonl_results] == [(e["id"], e["claim"]) for e in expected]
    assert all(r["verdict"]["label"] for r in jsonl_results)


def test_parse_claims_reads_files_without_a_header_and_with_a_bom() -> None:
    assert [c.claim for c in parse_claims(b"first claim here\nsecond claim\n", "text/csv")] == [
        "first claim here",
        "second claim",
    ]
    [claim] = parse_claims("\ufeffclaim,top_k\nsome claim,3\n".encode(), "text/csv")
    assert (claim.claim, claim.top_k) == ("some claim", 3)
    assert [c.claim for c in parse_claims(b'"a plain string"\n{"claim": "an object"}\n', "application/jsonl")] == [
        "a plain string",
        "an object",
    ]
    with pytest.raises(BadInput, match="row 3"):
        parse_claims(b"claim,top_k\nok claim,3\nbad claim,many\n", "text/csv")


def test_bad_bodies_are_refused_whole_with_the_place_named(start: Start) -> None:
    client, verifier = start()
    refused = [
        (client.post("/jobs", json={"claims": []}), "claims"),
        (client.post("/jobs", json={"claims": [CLAIMS[0], "ab"]}), "claim 1"),
        (client.post("/jobs", json={"claims": [CLAIMS[0]], "extra": 1}), "extra"),
        (client.post("/jobs", content=f'{{"claim": "{CLAIMS[0]}"}}\nnot json\n', headers=_type("x-ndjson")), "line 2"),
        (client.post("/jobs", content="claim\n", headers={"content-type": "text/csv"}), "no claims"),
        (client.post("/jobs", content=CLAIMS[0], headers={"content-type": "text/plain"}), "content type"),
    ]
    for response, place in refused:
        assert_error(response, 422, "invalid_request")
        assert place in response.json()["error"]["message"], response.text
    assert client.app.state.jobs.store.unfinished() == 0  # type: ignore[attr-defined]
    assert verifier.started == []


def test_a_job_over_the_claim_limit_is_refused(start: Start) -> None:
    client, _ = start(max_job_claims=2)
    assert_error(client.post("/jobs", json={"claims": CLAIMS}), 422, "invalid_request")


def _type(kind: str) -> dict[str, str]:
    return {"content-type": f"application/{kind}"}


def test_too_many_unfinished_jobs_get_429_with_retry_after(start: Start) -> None:
    client, verifier = start(hold=(CLAIMS[0],), max_jobs=2)
    first = client.post("/jobs", json={"claims": [CLAIMS[0]]}).json()
    second = client.post("/jobs", json={"claims": [CLAIMS[1]]}).json()

    over = client.post("/jobs", json={"claims": [CLAIMS[2]]})
    assert_error(over, 429, "too_many_jobs")
    assert int(over.headers["retry-after"]) > 0
    verifier.gate.set()
    wait_done(client, first["id"]), wait_done(client, second["id"])
    assert client.post("/jobs", json={"claims": [CLAIMS[2]]}).status_code == 202


def test_the_schema_documents_the_429_of_post_jobs(start: Start) -> None:
    # Found by the schemathesis run (tests/test_schemathesis.py): the 429 above was an undocumented status code.
    client, _ = start()
    responses = client.get("/openapi.json").json()["paths"]["/jobs"]["post"]["responses"]
    assert responses["429"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}
    assert "Retry-After" in responses["429"]["headers"]


def test_the_schema_states_the_bounds_the_service_enforces(start: Start) -> None:
    # The body's schema was the defaults' (20,000 characters, top_k 50) whatever the service enforced.
    client, _ = start(max_claim_chars=300, max_top_k=12, max_job_claims=7)
    body = client.get("/openapi.json").json()["paths"]["/jobs"]["post"]["requestBody"]["content"]["application/json"]
    claims = body["schema"]["properties"]["claims"]
    text, item = claims["items"]["anyOf"]
    assert (claims["maxItems"], text["maxLength"], item["properties"]["claim"]["maxLength"]) == (7, 300, 300)
    assert item["properties"]["top_k"]["anyOf"][0]["maximum"] == 12
    assert client.post("/jobs", json={"claims": ["x" * 301]}).status_code == 422
    assert client.post("/jobs", json={"claims": [{"claim": "Witkoff met Putin", "top_k": 13}]}).status_code == 422
    assert client.post("/jobs", json={"claims": ["Witkoff met Putin"] * 8}).status_code == 422
    assert client.post("/jobs", json={"claims": ["x" * 300]}).status_code == 202


def test_a_claim_that_fails_is_recorded_and_the_others_still_run(start: Start) -> None:
    client, _ = start(fail=(CLAIMS[1],))
    job = client.post("/jobs", json={"claims": CLAIMS}).json()
    status = wait_done(client, job["id"])

    assert (status["state"], status["done"], status["failed"]) == ("done", 3, 1)
    results = lines(client.get(job["results"]))
    assert [r["verdict"] is not None for r in results] == [True, False, True]
    assert results[1]["error"] == {"type": "internal_error", "message": "RuntimeError; see the service log"}


def test_cancelling_ends_the_claims_not_yet_finished(start: Start) -> None:
    client, verifier = start(hold=(CLAIMS[1],))
    job = client.post("/jobs", json={"claims": CLAIMS}).json()
    wait_for(lambda: CLAIMS[1] in verifier.started)

    cancelled = client.delete(f"/jobs/{job['id']}").json()
    verifier.gate.set()
    assert (cancelled["state"], cancelled["done"], cancelled["failed"]) == ("cancelled", 3, 2)
    results = lines(client.get(job["results"]))
    assert results[0]["verdict"] is not None
    assert [r["error"]["type"] for r in results[1:]] == ["cancelled", "cancelled"]
    wait_for(lambda: client.app.state.jobs.store.next_item() is None)  # type: ignore[attr-defined]
    assert CLAIMS[2] not in verifier.started


def test_exports_csv_and_claimreview(start: Start) -> None:
    client, _ = start(fail=(CLAIMS[2],))
    job = client.post("/jobs", json={"claims": [{"id": "a", "claim": CLAIMS[0]}, CLAIMS[1], CLAIMS[2]]}).json()
    wait_done(client, job["id"])
    verdicts = [r["verdict"] for r in lines(client.get(job["results"]))]

    table = client.get(job["results"], params={"format": "csv"})
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [(r["id"], r["claim"], r["label"]) for r in rows[:2]] == [
        ("a", CLAIMS[0], verdicts[0]["label"]),
        ("", CLAIMS[1], verdicts[1]["label"]),
    ]
    assert rows[2]["label"] == "" and rows[2]["error"].startswith("internal_error")
    reviews = client.get(job["results"], params={"format": "claimreview"})
    assert reviews.headers["content-type"].startswith("application/ld+json")
    assert [(r["@type"], r["claimReviewed"]) for r in reviews.json()] == [("ClaimReview", c) for c in CLAIMS[:2]]


def test_unknown_jobs_are_404_and_jobs_need_the_key(start: Start) -> None:
    client, _ = start(api_key="sekrit")
    assert_error(client.post("/jobs", json={"claims": CLAIMS}), 401, "unauthorized")
    for path in ("/jobs/nope", "/jobs/nope/results"):
        assert_error(client.get(path, headers={"X-API-Key": "sekrit"}), 404, "not_found")


def test_a_restart_resumes_unfinished_work_without_running_finished_claims_again(
    start: Start, fake_index: SentenceIndex, settings: Settings
) -> None:
    cut_off = GatedVerifier(fake_index, FakeReader(), FakeJudge(), settings, rules_aggregator(), hold=(CLAIMS[1],))
    try:
        with TestClient(create_app(settings, verifier=cut_off)) as first:
            job = first.post("/jobs", json={"claims": CLAIMS}).json()
            wait_for(lambda: CLAIMS[1] in cut_off.started)  # claim 0 done, claim 1 in progress when the service stops
            runner: JobRunner = first.app.state.jobs  # type: ignore[attr-defined]
            runner.stop_timeout_s = 0.1  # stop without waiting for the claim in progress, as a killed process would

        second, resumed = start()
        status = wait_done(second, job["id"])
    finally:
        cut_off.gate.set()  # the old worker finishes claim 1 late: its result must not replace the one recorded

    assert (status["state"], status["done"], status["failed"]) == ("done", 3, 0)
    assert resumed.started == CLAIMS[1:]  # claim 0 was not run again
    results = lines(second.get(job["results"]))
    assert [r["index"] for r in results] == [0, 1, 2] and all(r["verdict"] for r in results)
    wait_for(lambda: runner._thread is not None and not runner._thread.is_alive())
    assert lines(second.get(job["results"])) == results
