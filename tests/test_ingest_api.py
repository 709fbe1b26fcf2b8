"""POST /articles takes any article a newsroom has: what it indexes, what it refuses and what it reports dropped."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from index.store import SentenceIndex
from service.app import create_app
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator

STORY = (
    "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee after a debate that ran late "
    "into the night, with two Republicans joining Democrats in opposition. Majority Leader John Thune said the "
    "vote showed the chamber could still act on nominations, while Sen. Chuck Schumer said the party would keep "
    "pressing for hearings. The nominee is expected to be sworn in later this week at the Justice Department."
)
ARTICLE = {
    "id": "senate-vote",
    "title": "Senate confirms the nominee",
    "text": STORY,
    "source": "AP",
    "url": "https://apnews.com/article/senate-vote",
    "published_at": "2025-11-20",
}


@pytest.fixture
def client(fake_index: SentenceIndex, settings: Settings) -> Iterator[TestClient]:
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), settings, rules_aggregator())
    with TestClient(create_app(settings, verifier=verifier), raise_server_exceptions=False) as client:
        yield client


def post(client: TestClient, **change: object) -> dict[str, object]:
    response = client.post("/articles", json={**ARTICLE, **change})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def refused(client: TestClient, **change: object) -> str:
    response = client.post("/articles", json={**ARTICLE, **change})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["type"] == "invalid_request"
    assert client.get(f"/articles/{ARTICLE['id']}").status_code == 404
    return str(error["message"])


@pytest.mark.parametrize("text", ["Short.", "...", " — ! ?", "Senate confirms the nominee"])
def test_an_article_with_no_sentence_is_refused_not_added(client: TestClient, text: str) -> None:
    assert "no sentence to index" in refused(client, text=text)


@pytest.mark.parametrize("published_at", ["yesterday", "2025-13-45", "2025-02-30", "11/20/2025"])
def test_a_published_at_that_is_not_iso_8601_is_refused(client: TestClient, published_at: str) -> None:
    assert "published_at" in refused(client, published_at=published_at)


@pytest.mark.parametrize("url", ["apnews.com/article/x", "ftp://apnews.com/x", "javascript:alert(1)", "https://"])
def test_a_url_that_is_not_http_is_refused(client: TestClient, url: str) -> None:
    assert "url" in refused(client, url=url)


def test_published_at_is_stored_as_the_date(client: TestClient) -> None:
    post(client, published_at="2025-11-20T23:30:00-05:00")
    assert client.get(f"/articles/{ARTICLE['id']}").json()["published_at"] == "2025-11-20"


def test_hard_wrapped_wire_copy_keeps_every_sentence(client: TestClient) -> None:
    flat = post(client)
    assert flat["sentences"] == 3 and flat["dropped"] == []
    wrapped = post(client, text=textwrap.fill(STORY, 70))
    assert (wrapped["status"], wrapped["sentences"], wrapped["dropped"]) == ("replaced", 3, [])


def test_the_response_lists_what_was_dropped_and_why(client: TestClient) -> None:
    text = "\n".join(
        [
            "Senate confirms the nominee",
            STORY,
            "Senators leave the chamber on Tuesday. (AP Photo/J. Scott Applewhite)",
            "Key facts",
            "- Two Republicans voted against",
            "Sign up for our politics newsletter.",
        ]
    )
    body = post(client, text=text)
    assert body["sentences"] == 4
    dropped = body["dropped"]
    assert isinstance(dropped, list)
    assert {d["text"]: d["reason"] for d in dropped} == {
        "Senate confirms the nominee": "repeated headline",
        "Senators leave the chamber on Tuesday. (AP Photo/J. Scott Applewhite)": "photo caption",
        "Key facts": "heading",
        "Sign up for our politics newsletter.": "promotion or navigation",
    }
    assert all(text[d["start"] : d["end"]] == d["text"] for d in dropped)


def test_bulk_writes_each_article_and_reports_each_one(client: TestClient) -> None:
    articles = [
        ARTICLE,
        {**ARTICLE, "id": "short", "text": "Short."},
        {**ARTICLE, "id": "dated", "published_at": "yesterday"},
        {**ARTICLE, "id": "linked", "url": "apnews.com/x"},
        {"id": "untitled", "text": STORY},
        ARTICLE,
        {**ARTICLE, "id": "wrapped", "text": textwrap.fill(STORY, 70) + "\nKey facts"},
    ]
    response = client.post("/articles/bulk", json={"articles": articles})
    assert response.status_code == 200, response.text
    body = response.json()
    results = body["results"]
    assert [(r["index"], r["id"], r["status"]) for r in results] == [
        (0, "senate-vote", "added"),
        (1, "short", "refused"),
        (2, "dated", "refused"),
        (3, "linked", "refused"),
        (4, "untitled", "refused"),
        (5, "senate-vote", "unchanged"),
        (6, "wrapped", "added"),
    ]
    assert "no sentence to index" in results[1]["error"]
    assert "published_at" in results[2]["error"] and "url" in results[3]["error"] and "title" in results[4]["error"]
    assert results[6]["sentences"] == 3 and [d["reason"] for d in results[6]["dropped"]] == ["heading"]
    assert body["counts"] == {"added": 2, "refused": 4, "unchanged": 1}
    assert client.get("/articles/wrapped").status_code == 200
    assert all(client.get(f"/articles/{a}").status_code == 404 for a in ("short", "dated", "linked", "untitled"))


@pytest.mark.parametrize("articles", [[], [ARTICLE] * 501, "not a list"])
def test_a_bulk_request_out_of_bounds_is_422(client: TestClient, articles: object) -> None:
    response = client.post("/articles/bulk", json={"articles": articles})
    assert response.status_code == 422 and response.json()["error"]["type"] == "invalid_request"
