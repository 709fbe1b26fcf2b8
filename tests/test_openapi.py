"""The OpenAPI document: every operation described and tagged, every model with a valid example, the API key a
security scheme that /docs can send, and the non-JSON answers described as what they are."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from index.store import SentenceIndex
from service.app import create_app
from service.claimreview import claimreview
from service.openapi import CLAIMREVIEW_EXAMPLE, EXAMPLES, SCHEME
from service.schemas import Verdict
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator


def schema_for(settings: Settings, **overrides: Any) -> dict[str, Any]:
    app = create_app(Settings(**{**settings.model_dump(), **overrides}))
    document: dict[str, Any] = app.openapi()
    return document


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_every_operation_has_a_tag_and_a_description(settings: Settings) -> None:
    document = schema_for(settings)
    for method, path, op in operations(document):
        where = f"{method.upper()} {path}"
        assert op.get("tags"), f"{where} has no tag"
        assert len(op.get("description", "")) > 20, f"{where} has no description (the route's docstring)"
    assert "X-API-Key" in document["info"]["description"]


def test_every_model_has_an_example_that_validates(settings: Settings) -> None:
    for model, example in EXAMPLES.items():
        model.model_validate(example)  # an example that drifted from its model fails here
    components = schema_for(settings)["components"]["schemas"]
    missing = [name for name, c in components.items() if "examples" not in c and "example" not in c]
    assert not missing, f"no example for {missing}: add one in service/openapi.py EXAMPLES or on the model"


def test_claimreview_example_is_what_the_service_answers() -> None:
    verdict = Verdict.model_validate(EXAMPLES[Verdict])
    produced = claimreview(verdict)
    assert produced.keys() == CLAIMREVIEW_EXAMPLE.keys()
    assert produced["reviewRating"] == CLAIMREVIEW_EXAMPLE["reviewRating"]


def test_non_json_answers_are_described_as_what_they_return(settings: Settings) -> None:
    paths = schema_for(settings)["paths"]
    metrics = paths["/metrics"]["get"]["responses"]["200"]["content"]
    assert any(kind.startswith("text/plain") for kind in metrics) and "application/json" not in metrics
    verify = paths["/verify"]["post"]
    assert set(verify["responses"]["200"]["content"]) >= {"application/json", "application/ld+json"}
    (fmt,) = [p for p in verify["parameters"] if p["name"] == "format"]
    assert fmt["schema"]["enum"] == ["json", "claimreview"] and "ClaimReview" in fmt["description"]


def test_without_a_key_no_security_is_claimed(settings: Settings) -> None:
    document = schema_for(settings)
    assert "securitySchemes" not in document["components"]
    assert all("security" not in op for _, _, op in operations(document))


def test_the_key_is_a_security_scheme_required_where_the_service_requires_it(
    fake_index: SentenceIndex, settings: Settings
) -> None:
    keyed = Settings(**{**settings.model_dump(), "api_key": SecretStr("k3y")})
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), keyed, rules_aggregator())
    with TestClient(create_app(keyed, verifier=verifier)) as client:
        docs = client.get("/docs")  # the docs page and its schema load without the key, so it can be entered there
        document = client.get("/openapi.json").json()
        assert docs.status_code == 200 and "swagger" in docs.text.lower()
        assert document["components"]["securitySchemes"][SCHEME] == {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "The service's key (CLAIMS_API_KEY).",
        }
        for method, path, op in operations(document):
            example_path = path.replace("{article_id}", "owls").replace("{job_id}", "nope")
            enforced = client.request(method, example_path).status_code == 401
            declared = op["security"] == [{SCHEME: []}]
            assert enforced == declared, f"{method.upper()} {path}: declared {op['security']}, enforced {enforced}"


@pytest.mark.parametrize("path", ["/health", "/docs", "/openapi.json"])
def test_open_paths_answer_without_the_key(fake_index: SentenceIndex, settings: Settings, path: str) -> None:
    keyed = Settings(**{**settings.model_dump(), "api_key": SecretStr("k3y")})
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), keyed, rules_aggregator())
    with TestClient(create_app(keyed, verifier=verifier)) as client:
        assert client.get(path).status_code == 200
        assert client.get("/ready").status_code == 401
