"""Schemathesis against the live service: the real process (uvicorn, the real models on the seeds, the smallest LLM
preset, a temp index) is fuzzed from its own /openapi.json, every operation with the API key. Each generated request
must get no 5xx, and a status code, content type and body that the schema documents for that operation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from tests.conftest import Server

pytestmark = pytest.mark.slow

EXAMPLES = 25  # generated requests per operation (hypothesis stops sooner when an operation has fewer distinct ones)
# ...but fewer where a valid request runs the LLM (~10 s a claim on 2 busy cores): the file stays under 2 minutes.
VERIFYING = {"POST /verify": 6, "POST /verify/batch": 4, "POST /jobs": 10}
TIMEOUT_S = 120  # a verdict on 2 busy cores, the LLM loaded on first use
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
BUSY = "Yuri Ushakov said none of the U.S. proposals on territory were acceptable to Moscow"
CALLS: Counter[str] = Counter()  # requests sent, by "METHOD /path status"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # Small limits keep each generated request cheap; the schema states them, so they are fuzzed as documented.
    # Nothing is excluded: the index, the jobs and the feedback databases are the temp copy of this run, so
    # generated writes and deletes (random ids, or the schema's example ids) harm nothing another test needs.
    limits = {
        "CLAIMS_LLM_STATEMENTS": "1",
        "CLAIMS_MAX_BATCH": "2",
        "CLAIMS_MAX_JOB_CLAIMS": "2",
        "CLAIMS_MAX_JOBS": "1",  # one job at a time: the jobs' background work stays bounded, and 429 is reached
        "CLAIMS_DEFAULT_TOP_K": "4",  # the default must stay within the maximum, or every request without top_k is 422
        "CLAIMS_MAX_TOP_K": "4",
    }
    with Server.started(Path(tmp_path_factory.mktemp("fuzzed")), **limits) as server:
        yield server
    print(f"\nschemathesis: {sum(CALLS.values())} requests")
    for line, count in sorted(CALLS.items()):
        print(f"  {count:4d}  {line}")


@pytest.fixture(scope="module")
def api_schema(live: Server) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{live.url}/openapi.json")


@pytest.fixture(scope="module")
def known_ids(live: Server) -> dict[str, str]:
    """Ids that exist (a seed article, a job of one claim), so that the id operations are fuzzed past their 404."""
    article = live.api.get("/articles", params={"limit": 1}).json()["data"][0]["id"]
    job = live.api.post("/jobs", json={"claims": [{"claim": "Witkoff met Putin in Moscow"}]})
    assert job.status_code == 202, job.text
    return {"article_id": article, "job_id": job.json()["id"]}


# Listed, not taken from the live schema at collection time: schemathesis's own `from_fixture` breaks on pytest 9
# (it reads `node._nodeid`), and a list shows each operation as its own test. The first test keeps it complete.
OPERATIONS = [
    "GET /health",
    "HEAD /health",
    "GET /ready",
    "GET /metrics",
    "POST /verify",
    "POST /verify/batch",
    "GET /articles",
    "POST /articles",
    "POST /articles/bulk",
    "GET /articles/{article_id}",
    "DELETE /articles/{article_id}",
    "POST /jobs",
    "GET /jobs/{job_id}",
    "DELETE /jobs/{job_id}",
    "GET /jobs/{job_id}/results",
    "POST /feedback",
    "GET /feedback",
    "GET /feedback/export",
]


def test_every_operation_of_the_live_schema_is_fuzzed(api_schema: schemathesis.BaseSchema) -> None:
    labels = []
    for result in api_schema.get_all_operations():
        assert isinstance(result, Ok), f"an operation schemathesis cannot read: {result.err()}"
        labels.append(result.ok().label)
    assert sorted(labels) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_operation_keeps_its_documented_contract(
    label: str, api_schema: schemathesis.BaseSchema, live: Server, known_ids: dict[str, str]
) -> None:
    if label == "POST /jobs":  # the one job slot taken (two claims, ~20 s): valid submissions meet the 429
        busy = live.api.post("/jobs", json={"claims": [{"claim": BUSY}, {"claim": BUSY + " on Tuesday"}]})
        assert busy.status_code == 202, busy.text
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]
    # Valid requests and invalid ones (wrong types, out-of-range values, missing fields): both must be answered as
    # documented, the invalid ones with a documented 4xx.
    key = {"X-API-Key": live.key}  # in the generated case, so that generation leaves it alone
    strategies = [operation.as_strategy(GenerationMode.POSITIVE, headers=key)]
    if operation.path_parameters:  # random ids are all 404: valid requests also name one that exists
        known = {parameter.name: known_ids[parameter.name] for parameter in operation.path_parameters}
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, headers=key, path_parameters=known))
    if operation.path_parameters or operation.query or operation.body:
        strategies.append(operation.as_strategy(GenerationMode.NEGATIVE, headers=key))

    @given(case=st.one_of(strategies))
    @settings(
        max_examples=VERIFYING.get(label, EXAMPLES),
        deadline=None,  # a verdict takes seconds on 2 busy cores
        derandomize=True,  # the same requests every run: a failure here is reproducible
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: Case) -> None:
        response = case.call_and_validate(base_url=live.url, checks=CHECKS, timeout=TIMEOUT_S)
        CALLS[f"{label} {response.status_code}"] += 1

    check()
