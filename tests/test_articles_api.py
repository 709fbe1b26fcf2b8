"""GET /articles: one page of the archive, newest first, with the total, filtered by outlet, date and title."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from index.articles import Article
from index.store import SentenceIndex
from service.app import create_app
from service.archive import ArticleFilter, page
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeJudge, FakeReader, rules_aggregator

ADDED = [
    ("owls", "Zorblax Institute counts owls", "Quenton Gazette", "2025-11-20"),
    ("otters", "Zorblax Institute releases otters", "quenton gazette", "2025-11-22T08:30:00Z"),
    ("budget", "Quenton council passes budget", "Valley Herald", "2025-10-02"),
    ("undated", "Council meeting minutes", "Valley Herald", None),
    ("owls-return", "Owls return to the valley", "Valley Herald", None),
]
SEED_IDS = 5


class ThreadNoting(Verifier):
    """Records which thread read the archive (the event loop's must stay free)."""

    readers: list[str]

    def list_articles(self) -> list[tuple[Article, int]]:
        self.readers.append(threading.current_thread().name)
        return super().list_articles()


@pytest.fixture
def client(fake_index: SentenceIndex, settings: Settings) -> Iterator[TestClient]:
    verifier = ThreadNoting(fake_index, FakeReader(), FakeJudge(), settings, rules_aggregator())
    verifier.readers = []
    with TestClient(create_app(settings, verifier=verifier)) as client:
        for id, title, source, published in ADDED:
            body = {"id": id, "title": title, "text": f"{title}, the report said on Monday.", "source": source}
            assert client.post("/articles", json={**body, "published_at": published}).status_code == 200
        client.app.state.verifier_for_test = verifier  # type: ignore[attr-defined]
        yield client


def ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/articles", params=params)
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json()["data"]]


def test_lists_every_article_newest_first_without_text(client: TestClient) -> None:
    body = client.get("/articles").json()
    assert body["count"] == SEED_IDS + len(ADDED) == len(body["data"])
    assert [a["id"] for a in body["data"][:3]] == ["otters", "owls", "budget"]  # dated, newest first; undated after
    owls = body["data"][1]
    assert owls == {
        "id": "owls",
        "title": "Zorblax Institute counts owls",
        "source": "Quenton Gazette",
        "url": None,
        "published_at": "2025-11-20",
        "sentences": 1,
    }


def test_pages_cover_the_archive_once_and_count_the_total(client: TestClient) -> None:
    everything = ids(client)
    pages = []
    for offset in range(0, 12, 3):
        body = client.get("/articles", params={"limit": 3, "offset": offset}).json()
        assert body["count"] == len(everything) and body["limit"] == 3 and body["offset"] == offset
        pages += [a["id"] for a in body["data"]]
    assert pages == everything
    assert ids(client, offset=100) == []


def test_filters_by_outlet_in_any_case(client: TestClient) -> None:
    assert ids(client, source="QUENTON GAZETTE") == ["otters", "owls"]
    assert client.get("/articles", params={"source": "valley herald"}).json()["count"] == 3


def test_filters_by_publication_date_inclusive(client: TestClient) -> None:
    assert ids(client, published_from="2025-11-20", published_to="2025-11-22") == ["otters", "owls"]
    assert ids(client, published_to="2025-11-20") == ["owls", "budget"]
    assert ids(client, published_from="2025-11-21") == ["otters"]  # undated articles are left out


def test_filters_by_title_words_and_combines_filters(client: TestClient) -> None:
    assert ids(client, q="owls") == ["owls", "owls-return"]
    assert ids(client, q="zorblax OTTERS") == ["otters"]
    assert ids(client, q="owls", source="Valley Herald") == ["owls-return"]


def test_deleted_articles_leave_the_list(client: TestClient) -> None:
    assert client.delete("/articles/owls").status_code == 200
    body = client.get("/articles").json()
    assert "owls" not in [a["id"] for a in body["data"]] and body["count"] == SEED_IDS + len(ADDED) - 1


@pytest.mark.parametrize(
    "params, field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"offset": -1}, "offset"),
        ({"published_from": "20 November"}, "published_from"),
        ({"published_from": "2025-11-22", "published_to": "2025-11-20"}, "published_from"),
    ],
)
def test_bad_parameters_get_the_error_shape(client: TestClient, params: dict[str, Any], field: str) -> None:
    response = client.get("/articles", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "invalid_request" and field in error["message"]


def test_the_archive_is_read_off_the_event_loop(client: TestClient) -> None:
    client.get("/articles")
    verifier: ThreadNoting = client.app.state.verifier_for_test  # type: ignore[attr-defined]
    loop_thread = client.portal.call(lambda: threading.current_thread().name)  # type: ignore[union-attr]
    assert verifier.readers and all(name != loop_thread for name in verifier.readers)


def test_a_date_the_filter_cannot_read_counts_as_undated() -> None:
    # Articles are checked for ISO dates on the way in; an index saved before that check may still hold others.
    odd = Article(id="odd", title="Owls", text="Owls.", published_at="last Tuesday")
    iso = Article(id="iso", title="Owls", text="Owls.", published_at="2025-11-20T14:05:00Z")
    listed = page([(odd, 1), (iso, 1)], ArticleFilter(published_to=date(2025, 12, 1)))
    assert [a.id for a in listed.data] == ["iso"] and listed.count == 1
    assert [a.id for a in page([(odd, 1), (iso, 1)], ArticleFilter()).data] == ["iso", "odd"]
