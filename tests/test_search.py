"""Evidence search: reciprocal rank fusion, distinct statements with their copies, and context sentences."""

from __future__ import annotations

import pytest

from index.articles import Article
from index.search import Hit, rrf, search
from index.store import SentenceIndex
from tests.fakes import FakeEncoder

QUOTE = "We have not discussed it with anyone yet because it really requires serious analysis"


def neighbours(index: SentenceIndex, hit: Hit) -> tuple[str | None, str | None]:
    """Before/after computed independently: the article's live sentences ordered by position."""
    same = sorted(
        (s for s in index.sentences if s and s.article_id == hit.sentence.article_id), key=lambda s: s.position
    )
    at = [s.id for s in same].index(hit.sentence.id)
    return (same[at - 1].text if at > 0 else None, same[at + 1].text if at + 1 < len(same) else None)


# --- rrf ----------------------------------------------------------------------------------------------


def test_rrf_adds_reciprocal_ranks() -> None:
    fused = rrf([[7, 3, 9], [3, 5]], k=60)
    assert fused == pytest.approx({7: 1 / 61, 3: 1 / 62 + 1 / 61, 9: 1 / 63, 5: 1 / 62})
    assert max(fused, key=fused.__getitem__) == 3


def test_rrf_with_small_k_and_empty_rankings() -> None:
    assert rrf([[1, 2], [2, 1]], k=0) == pytest.approx({1: 1.5, 2: 1.5})
    assert rrf([[], [4]], k=1) == {4: 0.5}
    assert rrf([]) == {}


# --- hybrid search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 3, 8])
def test_hybrid_search_returns_k_distinct_statements(fake_index: SentenceIndex, k: int) -> None:
    hits = search(fake_index, "Kremlin says peace deal is premature", k=k)
    assert len(hits) == k
    assert len({h.sentence.group for h in hits}) == k
    assert len({h.sentence.id for h in hits}) == k
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for hit in hits:
        assert hit.article is fake_index.articles[hit.sentence.article_id]
        assert hit.dense is not None or hit.lexical is not None
        assert all(c.group == hit.sentence.group and c.id != hit.sentence.id for c in hit.copies)


def test_a_skipped_statement_takes_no_place_among_the_k(fake_index: SentenceIndex) -> None:
    query = "Kremlin says peace deal is premature"
    best = search(fake_index, query, k=4)
    skipped = {best[0].sentence.text, best[2].sentence.text}

    hits = search(fake_index, query, k=4, exclude=lambda text: text in skipped)

    assert len(hits) == 4
    assert [h.sentence.text for h in hits[:2]] == [best[1].sentence.text, best[3].sentence.text]
    assert not skipped & ({h.sentence.text for h in hits} | {c.text for h in hits for c in h.copies})


def test_the_pool_widens_past_excluded_statements(fake_index: SentenceIndex) -> None:
    query = "Kremlin says peace deal is premature"
    ranked = search(fake_index, query, k=100)  # more than the first pool of 50 candidates
    kept = {h.sentence.text for h in ranked[-3:]}

    hits = search(fake_index, query, k=3, exclude=lambda text: text not in kept)

    assert {h.sentence.text for h in hits} == kept


def test_copies_of_a_statement_are_folded_into_one_hit(fake_index: SentenceIndex) -> None:
    hits = search(fake_index, QUOTE, k=5)
    top = hits[0]
    assert top.sentence.text.startswith(f'"{QUOTE}')
    assert len(top.copies) == 1 and top.copies[0].text.startswith(f'"{QUOTE}')
    assert {a[:3] for a in top.sources} == {"000", "001"}
    shown = [h.sentence.id for h in hits] + [c.id for h in hits for c in h.copies]
    assert len(shown) == len(set(shown))  # a copy is never also shown as a hit


def test_copies_filling_the_pool_widen_it_to_k_distinct_statements() -> None:
    # A wire story in 40 outlets: its three sentences fill 120 rows, more than the first pool of 50 candidates.
    wire = "Council approves tram extension. The line costs 40 million euros. Work starts in spring."
    articles = [Article(f"outlet-{n}", "Tram", wire, f"Outlet {n}") for n in range(40)]
    articles.append(Article("local", "Tram", "Residents welcome the tram extension plans. Shops fear works.", "L"))
    index = SentenceIndex(FakeEncoder())
    assert not index.add(articles).errors
    hits = search(index, "Council approves tram extension costing 40 million euros", k=5)
    assert len(hits) == 5 and len({h.sentence.group for h in hits}) == 5
    wire_hits = [h for h in hits if h.sentence.article_id.startswith("outlet-")]
    assert len(wire_hits) == 3
    assert all(len(h.sources) == 40 for h in wire_hits)


def test_copies_are_collected_even_after_k_hits(fake_index: SentenceIndex) -> None:
    # With k=1 the copy is ranked after the only hit has been chosen; it must still be attached to it.
    [hit] = search(fake_index, QUOTE, k=1)
    assert len(hit.copies) == 1 and hit.copies[0].article_id != hit.sentence.article_id


def test_a_copy_ranked_below_another_statement_is_still_folded_in() -> None:
    index = SentenceIndex(FakeEncoder())
    statement = "Rescue crews said the strike destroyed a school in Kharkiv on Tuesday."
    copy = "Rescue crews said the strike destroyed a school in Kharkiv on Tuesday, officials reported."
    other = "Rescue crews said the strike destroyed a school."
    index.add(
        [Article("x", "Dispatch x", statement), Article("y", "Dispatch y", copy), Article("z", "Dispatch z", other)]
    )
    query = "Rescue crews said the strike destroyed a school in Kharkiv."
    ranked = [index.sentences[r].article_id for r, _ in index.dense_search(index.encoder.encode([query])[0], 3)]
    assert ranked == ["x", "z", "y"]  # the copy ranks below a different statement

    [hit] = search(index, query, k=1, mode="dense")
    assert hit.sentence.article_id == "x"
    assert [c.article_id for c in hit.copies] == ["y"]
    assert hit.sources == ["x", "y"]


def test_hits_carry_the_sentences_before_and_after(fake_index: SentenceIndex) -> None:
    for query in ("Rutte Nato defensive alliance", QUOTE, "Lavrov Anchorage", "A Kremlin spokesperson watered"):
        for hit in search(fake_index, query, k=8):
            assert (hit.before, hit.after) == neighbours(fake_index, hit)


def test_context_at_the_edges_of_an_article_is_none() -> None:
    index = SentenceIndex(FakeEncoder())
    index.add(
        [
            Article(
                "x", "Talks report", "Envoys arrived in Geneva on Monday.\nTalks lasted five hours.\nNo deal emerged."
            )
        ]
    )
    first, middle, last = (search(index, q, k=1, mode="lexical")[0] for q in ("Geneva", "five hours", "emerged"))
    assert (first.before, first.after) == (None, "Talks lasted five hours.")
    assert (middle.before, middle.after) == ("Envoys arrived in Geneva on Monday.", "No deal emerged.")
    assert (last.before, last.after) == ("Talks lasted five hours.", None)


def test_context_of_a_replaced_article_is_its_new_text() -> None:
    index = SentenceIndex(FakeEncoder())
    index.add([Article("x", "Talks report", "Envoys arrived in Geneva on Monday.\nTalks lasted five hours.")])
    index.add([Article("x", "Talks report", "Envoys left Geneva on Friday.\nTalks lasted nine hours.")], replace=True)
    [hit] = search(index, "nine hours", k=1, mode="lexical")
    assert (hit.before, hit.after) == ("Envoys left Geneva on Friday.", None)


def test_search_skips_deleted_articles(fake_index: SentenceIndex) -> None:
    victim = next(a for a in fake_index.articles if a.startswith("001"))
    fake_index.delete(victim)
    for mode in ("dense", "lexical", "hybrid"):
        hits = search(fake_index, QUOTE, k=10, mode=mode)
        assert hits and victim not in {a for h in hits for a in h.sources}


# --- modes --------------------------------------------------------------------------------------------


def test_lexical_mode_finds_an_exact_name(fake_index: SentenceIndex) -> None:
    hits = search(fake_index, "Lavrov", k=10, mode="lexical")
    expected = {s.text for s in fake_index.sentences if s and "Lavrov" in s.text}
    assert len(expected) == 2
    assert {h.sentence.text for h in hits} == expected
    assert all(h.dense is None and h.lexical is not None and h.lexical > 0 for h in hits)


def test_lexical_mode_finds_an_exact_number(fake_index: SentenceIndex) -> None:
    hits = search(fake_index, "19", k=10, mode="lexical")
    assert hits
    assert all("19" in h.sentence.text for h in hits)
    assert {s.text for s in fake_index.sentences if s and "19-point" in s.text} <= {h.sentence.text for h in hits}


def test_lexical_mode_without_a_known_word_finds_nothing(fake_index: SentenceIndex) -> None:
    assert search(fake_index, "zzyzx quixotic", k=5, mode="lexical") == []


def test_dense_mode_reports_only_cosines(fake_index: SentenceIndex) -> None:
    hits = search(fake_index, "Rutte Nato", k=4, mode="dense")
    assert len(hits) == 4
    assert all(h.lexical is None and h.dense is not None for h in hits)
    assert "Rutte" in hits[0].sentence.text


def test_hybrid_ranks_a_sentence_found_by_both_first(fake_index: SentenceIndex) -> None:
    [hit, *_] = search(fake_index, "Rutte defensive alliance Nato", k=3)
    assert hit.dense is not None and hit.lexical is not None
    assert "defensive alliance" in hit.sentence.text


def test_search_on_an_empty_index_returns_nothing() -> None:
    index = SentenceIndex(FakeEncoder())
    for mode in ("dense", "lexical", "hybrid"):
        assert search(index, "anything at all", k=3, mode=mode) == []


def test_retrieval_recall_leaves_out_a_statement_quoting_the_claim() -> None:
    from eval.claims import GoldEvidence, LabeledClaim
    from eval.harness import retrieval_recall

    claim = "The council approved the tram extension to Riverside by seven votes to two"
    note = f'Readers asked whether "{claim}" is true; an answer follows.'
    index = SentenceIndex(FakeEncoder())
    assert not index.add([Article("note", "Editor", note), Article("other", "Trams", "Buses run every hour.")]).errors
    labeled = LabeledClaim(id="c", claim=claim, label="supported", evidence=[GoldEvidence(article="note", text=note)])

    assert all(search(index, claim, 1, mode)[0].sentence.text == note for mode in ("dense", "lexical", "hybrid"))
    assert retrieval_recall(index, [labeled], 1) == {"dense": 0.0, "lexical": 0.0, "hybrid": 0.0}
