"""claimreview(): a verdict as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from service.claimreview import claimreview
from service.schemas import Citation, Label, Provenance, Timings, Verdict

TODAY = dt.date(2025, 11, 27)


def citation(article_id: str, *, url: str | None = None, outlet: str | None = None) -> Citation:
    return Citation(
        article_id=article_id,
        title=f"Headline of {article_id}",
        outlet=outlet,
        url=url,
        published_at=None,
        sentence="Peskov spoke on Wednesday.",
        start=0,
        end=26,
        stance="supports",
        p_true=0.9,
        p_false=0.02,
        retrieval_score=0.03,
    )


def verdict(label: Label = "supported", citations: list[Citation] | None = None) -> Verdict:
    return Verdict(
        claim="Peskov spoke on Wednesday",
        label=label,
        confidence=0.9,
        reason="1 statement(s) confirm the claim",
        citations=citations or [],
        provenance=Provenance(
            model_preset="fake",
            model_sha256="0" * 64,
            judge="fake-reader",
            judge_sha256="1" * 64,
            embedding_model="fake-bow",
            index_version="1-abc",
            timings=Timings(retrieve_s=0.0, judge_s=0.0, total_s=0.0),
        ),
    )


@pytest.mark.parametrize(
    ("label", "rating"), [("supported", 5), ("refuted", 1), ("conflicting", 3), ("not_enough_info", 3)]
)
def test_rating_follows_the_label(label: Label, rating: int) -> None:
    review = claimreview(verdict(label), today=TODAY)["reviewRating"]
    assert review["@type"] == "Rating"
    assert review["ratingValue"] == rating
    assert (review["worstRating"], review["bestRating"]) == (1, 5)
    assert review["alternateName"] == label
    assert review["ratingExplanation"].endswith("1 statement(s) confirm the claim")


def test_every_label_has_its_own_explanation() -> None:
    labels: list[Label] = ["supported", "refuted", "conflicting", "not_enough_info"]
    explanations = {claimreview(verdict(label), today=TODAY)["reviewRating"]["ratingExplanation"] for label in labels}
    assert len(explanations) == 4


def test_review_describes_the_claim() -> None:
    review = claimreview(verdict(), today=TODAY)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Peskov spoke on Wednesday"
    assert review["itemReviewed"] == {"@type": "Claim", "text": "Peskov spoke on Wednesday"}
    assert review["datePublished"] == "2025-11-27"
    assert review["author"]["@type"] == "Organization"
    assert json.loads(json.dumps(review)) == review


def test_date_defaults_to_today() -> None:
    assert claimreview(verdict())["datePublished"] == dt.date.today().isoformat()


def test_citations_carry_urls_and_publishers_when_known() -> None:
    cited = [citation("a1", url="https://example.org/a1", outlet="CRBC News"), citation("a2")]
    review = claimreview(verdict(citations=cited), today=TODAY)

    assert review["citation"] == [
        {
            "@type": "NewsArticle",
            "headline": "Headline of a1",
            "identifier": "a1",
            "url": "https://example.org/a1",
            "publisher": {"@type": "Organization", "name": "CRBC News"},
        },
        {"@type": "NewsArticle", "headline": "Headline of a2", "identifier": "a2"},
    ]


def test_no_citations_gives_an_empty_list() -> None:
    assert claimreview(verdict("not_enough_info"), today=TODAY)["citation"] == []
