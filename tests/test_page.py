"""The reporters' page: served without a key (fast tests), and used in a real browser against the real service on
the seeds (slow: Debian's chromium driven by Playwright, the smollm2-135m preset to keep the tier short)."""

from __future__ import annotations

import csv
import json
import os
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
from tests.conftest import Server
from tests.fakes import FakeJudge, FakeReader, rules_aggregator
from tests.test_api import assert_error, with_overrides

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VERDICT_S = 180_000  # ms a verdict may take in the browser (2 busy cores, no prepared prompt states)
CLAIM = "Yuri Ushakov said none of the U.S. proposals on territory were acceptable to Moscow"
BATCH = ["Steve Witkoff met Vladimir Putin in Moscow", "Dmitry Peskov said a peace deal was premature"]
LABELS = {"Supported", "Refuted", "Not enough information", "Sources conflict"}


# Fast: how the page is served.


@pytest.fixture
def keyed(fake_index: SentenceIndex, settings: Settings) -> Iterator[TestClient]:
    s = with_overrides(settings, api_key="sekrit")
    verifier = Verifier(fake_index, FakeReader(), FakeJudge(), s, rules_aggregator())
    with TestClient(create_app(s, verifier=verifier), raise_server_exceptions=False) as client:
        yield client


def test_the_page_and_its_assets_load_without_the_key_and_nothing_else_does(keyed: TestClient) -> None:
    page = keyed.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset, kind in (("/static/app.js", "text/javascript"), ("/static/app.css", "text/css")):
        response = keyed.get(asset)
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
        assert asset in page.text
    assert "http://" not in page.text and "https://" not in page.text  # no CDN: every asset ships here
    assert_error(keyed.get("/static/index.html.bak"), 401, "unauthorized")  # not a public path: the key first
    assert_error(keyed.get("/static/index.html.bak", headers={"X-API-Key": "sekrit"}), 404, "not_found")
    assert_error(keyed.post("/verify", json={"claim": CLAIM}), 401, "unauthorized")


def test_assets_revalidate_with_an_etag(keyed: TestClient) -> None:
    first = keyed.get("/static/app.js")
    again = keyed.get("/static/app.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert first.headers["cache-control"] == "no-cache"


# Slow: a real browser on the real service.


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server.started(tmp_path_factory.mktemp("service")) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: CLAIMS_SCREENSHOTS (`make screenshots` sets docs/screenshots), else a tmp folder."""
    folder = Path(os.environ.get("CLAIMS_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh tab that already holds the key for this session (the key dialog itself is tested once, below)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_init_script(f"sessionStorage.setItem('claimcheck-api-key', {json.dumps(server.key)})")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == [], errors


def verdict_on_page(page: Any) -> dict[str, Any]:
    verdict: dict[str, Any] = page.evaluate("() => current")
    return verdict


@pytest.mark.slow
def test_a_claim_gets_a_verdict_with_each_cited_sentence_highlighted_in_its_article(
    browser: Any, server: Server, shots: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/")
    # The page paints content (the entry can be recorded a moment after `load` on a busy machine: wait for it).
    # Its time is a figure to print, not to assert: speed is for benchmarks, and a loaded CI machine is slow.
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
    paint = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
    print(f"first contentful paint {paint:.0f} ms")
    assert paint > 0

    page.focus("#claim")  # the keyboard alone: type, Ctrl+Enter to check, the key dialog answered with Enter
    page.keyboard.type(CLAIM)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#key-dialog[open]")
    page.keyboard.type(server.key)
    page.keyboard.press("Enter")
    page.wait_for_selector("#verdict:not([hidden])", timeout=VERDICT_S)

    verdict = verdict_on_page(page)
    assert page.inner_text("#badge") in LABELS
    assert page.inner_text("#reason") == verdict["reason"]
    assert f"({round(verdict['confidence'] * 100)}%)" in page.inner_text("#confidence-words")
    assert verdict["citations"], "the seeds hold this statement: expected a citation"
    page.wait_for_function(
        "n => document.querySelectorAll('.context[data-loaded=article]').length === n", arg=len(verdict["citations"])
    )
    contexts = page.query_selector_all(".context")
    for c, context_el in zip(verdict["citations"], contexts, strict=True):
        text = server.api.get(f"/articles/{c['article_id']}").json()["text"]
        mark = context_el.query_selector("mark")
        assert (mark.get_attribute("data-start"), mark.get_attribute("data-end")) == (str(c["start"]), str(c["end"]))
        assert mark.text_content() == text[c["start"] : c["end"]] == c["sentence"]
        before = text[max(0, c["start"] - 200) : c["start"]].split("\n")[-1]
        assert before in context_el.text_content()  # shown inside its paragraph
    stances = {c["stance"] for c in verdict["citations"]}
    headings = page.locator("#sources h3").all_inner_texts()
    expected = {"supports": "Support", "refutes": "Contradict", "neutral": "Related, neither"}
    assert [h.split(" (")[0] for h in headings] == [expected[s] for s in expected if s in stances]
    assert page.evaluate("() => sessionStorage.getItem('claimcheck-api-key')") == server.key

    page.screenshot(path=str(shots / "verdict-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than a phone
    page.screenshot(path=str(shots / "verdict-phone.png"), full_page=False)
    context.close()


@pytest.mark.slow
def test_a_small_batch_runs_and_exports_csv_and_claimreview(page: Any, server: Server, shots: Path) -> None:
    page.goto(server.url + "/#batch")
    page.fill("#batch-claims", "\n".join(BATCH))
    page.click("#batch-btn")
    page.wait_for_selector("#batch-status:has-text('Job done')", timeout=VERDICT_S * len(BATCH))

    rows = page.locator("#batch-table tbody tr")
    assert rows.count() == len(BATCH)
    labels = [rows.nth(i).locator(".badge").inner_text() for i in range(len(BATCH))]
    assert all(label in LABELS for label in labels)
    assert page.evaluate(
        "() => [document.querySelector('#batch-bar').value, document.querySelector('#batch-bar').max]"
    ) == [2, 2]
    with page.expect_download() as download:
        page.click("#export-csv")
    table = list(csv.DictReader(Path(download.value.path()).read_text(encoding="utf-8").splitlines()))
    assert [r["claim"] for r in table] == BATCH
    named = {"supported": "Supported", "refuted": "Refuted", "not_enough_info": "Not enough information"}
    assert [named.get(r["label"], "Sources conflict") for r in table] == labels
    with page.expect_download() as download:
        page.click("#export-claimreview")
    reviews = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [(r["@type"], r["claimReviewed"]) for r in reviews] == [("ClaimReview", c) for c in BATCH]
    page.screenshot(path=str(shots / "batch-desktop.png"), full_page=True)

    page.click("#batch-table tbody tr:first-child button:has-text('Evidence')")  # a row's verdict, in full
    page.wait_for_selector("#check:not([hidden]) #verdict:not([hidden])")
    verdict = verdict_on_page(page)
    assert verdict["claim"] == BATCH[0] and page.inner_text("#badge") == labels[0]
    page.wait_for_function(
        "n => document.querySelectorAll('.context[data-loaded=article]').length === n", arg=len(verdict["citations"])
    )
    assert page.locator(".context mark").all_text_contents() == [c["sentence"] for c in verdict["citations"]]

    page.goto(server.url + "/#batch")
    page.evaluate("() => { window.before = true; }")
    page.reload()  # a reload of the tab shows the same job again
    assert page.evaluate("() => window.before") is None  # a fresh page, not the one before
    page.wait_for_selector("#batch-status:has-text('Job done')")
    assert page.locator("#batch-table tbody tr .badge").all_inner_texts() == labels


@pytest.mark.slow
def test_a_verdict_marked_wrong_is_exported_as_a_labeled_claim(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url + "/#batch")
    page.fill("#batch-claims", BATCH[0])  # answered from the prompt states the batch test left
    page.click("#batch-btn")
    page.wait_for_selector("#batch-status:has-text('Job done')", timeout=VERDICT_S)
    said = page.evaluate("() => batch.results[0].verdict.label")

    page.click("#batch-table tbody tr >> text=Wrong?")
    page.wait_for_selector("#feedback-dialog[open]")
    right = page.eval_on_selector("#fb-label", "s => s.value")
    assert right != said and page.eval_on_selector(f"#fb-label option[value={said}]", "o => o.disabled")
    citations = page.evaluate("() => batch.results[0].verdict.citations")
    boxes = page.locator("#fb-evidence-list input[type=checkbox]")
    assert boxes.count() == len(citations)
    for i in range(len(citations)):  # the reporter keeps only the first cited sentence as evidence
        boxes.nth(i).set_checked(i == 0)
    page.fill("#fb-note", "checked with the desk")
    page.click("#feedback-dialog button[value=ok]")
    page.wait_for_selector("#batch-table tbody tr .status:has-text('stored')")

    page.goto(server.url + "/#feedback")
    page.wait_for_selector(f"#feedback-table tbody tr:has-text('{BATCH[0]}')")
    with page.expect_download() as download:
        page.click("#export-feedback")
    path = tmp_path / "feedback.jsonl"
    path.write_bytes(Path(download.value.path()).read_bytes())
    [claim] = [c for c in load(path) if c.claim == BATCH[0]]
    assert claim.label == right and claim.tags == ["feedback", f"service_said_{said}"]
    assert [(e.article, e.text) for e in claim.evidence] == [(c["article_id"], c["sentence"]) for c in citations[:1]]


@pytest.mark.slow
def test_the_archive_lists_filters_reads_adds_and_deletes(page: Any, server: Server, shots: Path) -> None:
    page.goto(server.url + "/#archive")
    page.wait_for_selector("#archive-status:has-text('of 5')")
    assert page.locator("#articles tbody tr").count() == 5

    page.fill("#f-q", "Kremlin")
    page.click("#archive-filter button")
    page.wait_for_selector("#archive-status:has-text('Articles 1–')")
    titles = page.locator("#articles tbody tr td:first-child").all_inner_texts()
    assert titles and all("kremlin" in t.lower() for t in titles) and len(titles) < 5
    page.locator("#articles tbody tr button.link").first.click()
    page.wait_for_selector("#reader:not([hidden])")
    assert page.inner_text("#reader-title") == titles[0]

    page.click("#add-article summary")
    page.fill("#a-title", "Zorblax Institute counts owls")
    page.fill("#a-source", "Quenton Gazette")
    page.fill("#a-date", "2025-11-20")
    page.fill("#a-text", "The Zorblax Institute counted 4,711 snowy owls.\n\nIts director said it was a record.")
    page.click("#article-form button[type=submit]")
    page.wait_for_selector("#article-status:has-text('Added')")
    page.fill("#f-q", "")
    page.click("#archive-filter button")
    page.wait_for_selector("#archive-status:has-text('of 6')")
    added = server.api.get("/articles/zorblax-institute-counts-owls").json()
    assert (added["source"], added["published_at"], added["sentences"]) == ("Quenton Gazette", "2025-11-20", 2)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "archive-desktop.png"))

    page.once("dialog", lambda d: d.accept())  # the confirm() before deleting
    page.click("#articles button[aria-label='Delete Zorblax Institute counts owls']")
    page.wait_for_selector("#archive-status:has-text('Deleted')")
    assert server.api.get("/articles/zorblax-institute-counts-owls").status_code == 404


@pytest.mark.slow
def test_a_contradicting_sentence_underlines_the_number_or_name_that_differs(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    differs = """([sentence, claim]) => {
        const mark = document.createElement("mark");
        markDiffering(mark, sentence, claim);
        return [mark.textContent, [...mark.querySelectorAll(".differs")].map((s) => s.textContent)];
    }"""
    cases = [
        ("Ridership rose by 30 percent in 2024.", "Ridership rose by 50 percent in 2024", ["30"]),
        ("Mayor Lena Okafor spoke on Tuesday.", "Governor Lena Okafor spoke on Wednesday", ["Mayor", "Tuesday"]),
        ("It cost 1,200,000 dollars, the U.S. said.", "It cost 1200000 dollars, the US said", []),
        ("Ushakov said some proposals suit Moscow.", "Yuri Ushakov said no proposals suit Moscow", []),
        ("The council voted 23 to 8 for the plan.", "The council voted 23 to 9 for the plan", ["8"]),
        (  # a sentence that says something else altogether: nothing is singled out
            "Ushakov confirmed Moscow had received a revised text after talks between U.S. and Ukrainian officials, "
            "but said Russian representatives had not yet met their American counterparts.",
            "Yuri Ushakov said none of the U.S. proposals on territory were acceptable to Moscow",
            [],
        ),
    ]
    for sentence, claim, expected in cases:
        assert page.evaluate(differs, [sentence, claim]) == [sentence, expected]
