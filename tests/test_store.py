"""The in-memory sentence index: incremental add / replace / delete, dense search, near-duplicate groups."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from index import store
from index.articles import Article
from index.store import GROUP_THRESHOLD, SentenceIndex
from tests.fakes import FakeEncoder


class RecordingEncoder(FakeEncoder):
    """The fake encoder, remembering every batch of texts it was asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return super().encode(texts)


class RandomEncoder:
    """A fixed random unit vector per text: no structure, so nearest neighbours are a pure geometry test."""

    name = "random-unit"

    def __init__(self, dim: int = 32) -> None:
        self.dim = dim

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            vector = np.random.default_rng(seed).standard_normal(self.dim)
            out[row] = vector / np.linalg.norm(vector)
        return out


def article(article_id: str, *sentences: str) -> Article:
    return Article(article_id, f"Dispatch number {article_id}", "\n".join(sentences))


A = article("a", "The envoy met the president in Moscow for five hours.", "Aides described the talks as useful.")
B = article("b", "Rutte said the alliance would keep weapons flowing to Kyiv.", "Ministers met in Brussels.")
C = article("c", "The central bank raised its key rate to 21 percent.", "Analysts had expected a pause.")


def live_rows(index: SentenceIndex) -> list[int]:
    return [s.id for s in index.sentences if s is not None]


def sentence_texts(index: SentenceIndex, article_id: str) -> list[str]:
    return [index.sentences[r].text for r in index.by_article[article_id]]  # type: ignore[union-attr]


def assert_dense_matches_brute_force(index: SentenceIndex, query: np.ndarray, k: int) -> None:
    """The exact index returns the true top k live rows by inner product; equal scores may swap."""
    rows = np.array(live_rows(index))
    truth = index.vectors[rows] @ query
    expected = np.sort(truth)[::-1][:k]
    got = index.dense_search(query, k)
    assert len(got) == min(k, len(rows))
    got_rows = [r for r, _ in got]
    assert len(set(got_rows)) == len(got_rows)
    assert all(index.sentences[r] is not None for r in got_rows)
    for row, score in got:
        assert score == pytest.approx(float(index.vectors[row] @ query), abs=1e-5)
    np.testing.assert_allclose([s for _, s in got], expected, atol=1e-5)
    kth = expected[-1]
    must = set(rows[truth > kth + 1e-5].tolist())
    assert must <= set(got_rows)


# --- add / replace / delete ---------------------------------------------------------------------------


def test_added_sentences_point_into_their_article(fake_index: SentenceIndex) -> None:
    assert fake_index.live_count == len(fake_index.sentences) == len(fake_index.vectors) == fake_index.dense.ntotal
    for article_id, rows in fake_index.by_article.items():
        text = fake_index.articles[article_id].text
        assert rows, article_id
        for position, row in enumerate(rows):
            sentence = fake_index.sentences[row]
            assert sentence is not None
            assert (sentence.id, sentence.article_id, sentence.position) == (row, article_id, position)
            assert text[sentence.start : sentence.end] == sentence.text
    encoder = fake_index.encoder
    np.testing.assert_allclose(fake_index.vectors[:3], encoder.encode([s.text for s in fake_index.sentences[:3] if s]))


def test_adding_an_article_encodes_only_its_own_sentences() -> None:
    encoder = RecordingEncoder()
    index = SentenceIndex(encoder)
    index.add([A, B])
    before = index.vectors.copy()
    n = len(before)

    report = index.add([C])

    assert report.added == ["c"] and report.sentences == 2
    assert encoder.batches[-1] == list(C.text.split("\n"))
    assert len(encoder.batches) == 2
    np.testing.assert_array_equal(index.vectors[:n], before)
    assert index.dense.ntotal == n + 2
    assert index.live_count == n + 2


def test_the_same_article_again_is_unchanged_and_not_encoded() -> None:
    encoder = RecordingEncoder()
    index = SentenceIndex(encoder)
    index.add([A, B])
    report = index.add([Article(A.id, A.title, A.text, source="another outlet field")])
    assert (report.added, report.unchanged, report.replaced, report.errors) == ([], ["a"], [], [])
    assert len(encoder.batches) == 1
    assert len(index.sentences) == 4


def test_a_duplicate_id_with_other_text_is_an_error_unless_replaced() -> None:
    index = SentenceIndex(FakeEncoder())
    index.add([A, B])
    edited = article(
        "a", "The envoy met the president in Sochi for nine hours.", "Aides described the talks as useful."
    )

    report = index.add([edited])
    assert report.added == [] and report.replaced == []
    assert [(e.article_id, "replace" in e.reason) for e in report.errors] == [("a", True)]
    assert index.articles["a"] is A
    assert index.lexical_search("Sochi", 5) == []

    report = index.add([edited], replace=True)
    assert (report.added, report.replaced, report.errors) == ([], ["a"], [])
    assert index.articles["a"] is edited
    assert sentence_texts(index, "a") == edited.text.split("\n")
    assert index.lexical_search("Moscow", 5) == []
    [(row, _)] = index.lexical_search("Sochi", 5)
    assert index.sentences[row].text.startswith("The envoy met the president in Sochi")  # type: ignore[union-attr]
    assert index.live_count == 4


def test_two_versions_of_one_id_in_a_batch_keep_the_first() -> None:
    index = SentenceIndex(FakeEncoder())
    edited = article("a", "The envoy met the president in Sochi for nine hours.")
    report = index.add([A, edited, A])
    assert report.added == ["a"] and report.unchanged == ["a"]
    assert [e.article_id for e in report.errors] == ["a"]
    assert index.articles["a"] is A


def test_delete_leaves_tombstones_without_reencoding() -> None:
    encoder = RecordingEncoder()
    index = SentenceIndex(encoder)
    index.add([A, B, C])
    rows_of_b = list(index.by_article["b"])
    assert "rutte" in index.vocabulary()

    assert index.delete("b") is True
    assert index.delete("b") is False
    assert index.delete("never-there") is False

    assert len(encoder.batches) == 1
    assert "b" not in index.articles and "b" not in index.by_article
    assert all(index.sentences[r] is None for r in rows_of_b)
    assert index.live_count == 4 and index.dense.ntotal == 6
    assert "rutte" not in index.vocabulary()


def test_an_article_with_only_page_furniture_is_added_without_sentences() -> None:
    index = SentenceIndex(FakeEncoder())
    index.add([A])
    report = index.add([Article("nav", "Menu", "Comments\nSimilar Articles\nf")])
    assert report.added == ["nav"] and report.sentences == 0
    assert index.by_article["nav"] == []
    assert index.live_count == 2
    assert len(index.dense_search(index.encoder.encode(["envoy"])[0], 5)) == 2


# --- deleted sentences stay deleted ------------------------------------------------------------------


def test_deleted_sentences_never_come_back(fake_index: SentenceIndex) -> None:
    victim = next(a for a in fake_index.articles if a.startswith("001"))
    rows = set(fake_index.by_article[victim])
    texts = sentence_texts(fake_index, victim)
    fake_index.lexical_search("Ushakov", 10)  # build the lexical cache, so deletion must invalidate it

    fake_index.delete(victim)
    fake_index.add([A])  # and adding afterwards must not resurrect them either

    live = fake_index.live_count
    for text in texts:
        vector = fake_index.encoder.encode([text])[0]
        dense = fake_index.dense_search(vector, live)
        assert len(dense) == live
        assert not rows & {r for r, _ in dense}
        assert not rows & {r for r, _ in fake_index.lexical_search(text, 1000)}


# --- dense search against a brute-force reference ----------------------------------------------------


def test_dense_search_matches_brute_force(fake_index: SentenceIndex) -> None:
    rng = np.random.default_rng(7)
    queries = [fake_index.encoder.encode([t])[0] for t in ("Peskov premature peace deal", "Rutte Nato Brussels")]
    queries += [fake_index.vectors[10], fake_index.vectors[40]]
    queries += [v / np.linalg.norm(v) for v in rng.standard_normal((4, fake_index.encoder.dim)).astype(np.float32)]
    for k in (1, 5, 20, 1000):
        for query in queries:
            assert_dense_matches_brute_force(fake_index, query, k)

    for victim in [a for a in fake_index.articles if a.startswith(("000", "003"))]:
        fake_index.delete(victim)
    for k in (1, 5, 20, 1000):
        for query in queries:
            assert_dense_matches_brute_force(fake_index, query, k)


def test_hnsw_past_the_exact_limit_still_finds_the_nearest_neighbours() -> None:
    index = SentenceIndex(RandomEncoder(), exact_limit=300)
    articles = [
        article(f"r{a}", *(f"Report {a} line {i} notes figure {a * 100 + i}." for i in range(15))) for a in range(40)
    ]
    index.add(articles[:15])
    assert not index.approximate
    index.add(articles[15:30])  # 450 rows > 300: switches to HNSW
    assert index.approximate
    index.add(articles[30:])  # and keeps adding to it
    assert index.dense.ntotal == len(index.vectors) == 600
    deleted = set(index.by_article["r3"]) | set(index.by_article["r33"])
    index.delete("r3")
    index.delete("r33")

    rows = np.array(live_rows(index))
    rng = np.random.default_rng(11)
    recalls = []
    for query in rng.standard_normal((40, index.encoder.dim)).astype(np.float32):
        query /= np.linalg.norm(query)
        truth = set(rows[np.argsort(-(index.vectors[rows] @ query))[:10]].tolist())
        got = index.dense_search(query, 10)
        assert len(got) == 10 and not deleted & {r for r, _ in got}
        for row, score in got:
            assert score == pytest.approx(float(index.vectors[row] @ query), abs=1e-5)
        recalls.append(len(truth & {r for r, _ in got}) / 10)
    assert np.mean(recalls) >= 0.95

    for row in rows[::25]:
        assert index.dense_search(index.vectors[row], 1)[0][0] == row


# --- near-duplicate groups ---------------------------------------------------------------------------

STATEMENT = "The regional governor said the attack on Tuesday injured 12 people in Zaporizhzhia."
OTHER_DAY = STATEMENT.replace("Tuesday", "Wednesday")
OTHER_NUMBER = STATEMENT.replace("12", "13")


def group_of(index: SentenceIndex, article_id: str, text: str) -> int:
    [group] = [s.group for s in index.sentences if s and s.article_id == article_id and s.text == text]
    return group


def cosine(a: str, b: str) -> float:
    va, vb = FakeEncoder().encode([a, b])
    return float(va @ vb)


@pytest.mark.parametrize("separate_batches", [False, True])
def test_identical_sentences_from_two_articles_share_a_group(separate_batches: bool) -> None:
    index = SentenceIndex(FakeEncoder())
    first = article("g1", STATEMENT, "Rescue crews worked through the night.")
    second = article("g2", "Officials in Kyiv condemned the strike.", STATEMENT)
    if separate_batches:
        index.add([first])
        index.add([second])
    else:
        index.add([first, second])
    assert group_of(index, "g1", STATEMENT) == group_of(index, "g2", STATEMENT)
    groups = [s.group for s in index.sentences if s]
    assert len(set(groups)) == 3


def test_sentences_that_differ_in_the_weekday_are_not_grouped() -> None:
    assert cosine(STATEMENT, OTHER_DAY) >= GROUP_THRESHOLD  # close enough that only the detail check separates them
    index = SentenceIndex(FakeEncoder())
    index.add([article("g1", STATEMENT), article("g3", OTHER_DAY)])
    assert group_of(index, "g1", STATEMENT) != group_of(index, "g3", OTHER_DAY)


def test_sentences_that_differ_in_a_number_are_not_grouped() -> None:
    assert cosine(STATEMENT, OTHER_NUMBER) >= GROUP_THRESHOLD
    index = SentenceIndex(FakeEncoder())
    index.add([article("g1", STATEMENT), article("g4", OTHER_NUMBER)])
    assert group_of(index, "g1", STATEMENT) != group_of(index, "g4", OTHER_NUMBER)


def test_a_sentence_repeated_within_one_article_is_not_its_own_copy() -> None:
    index = SentenceIndex(FakeEncoder())
    index.add([Article("g1", "Dispatch", f"{STATEMENT} Rescue crews worked through the night. {STATEMENT}")])
    first, _, second = (s for s in index.sentences if s)
    assert first.text == second.text == STATEMENT
    assert first.group != second.group


def test_unrelated_sentences_are_not_grouped() -> None:
    index = SentenceIndex(FakeEncoder())
    index.add([A, B, C])
    assert len({s.group for s in index.sentences if s}) == 6


def test_seed_copies_across_articles_are_grouped(fake_index: SentenceIndex) -> None:
    quote = (
        '"We have not discussed it with anyone yet because it really requires serious analysis, serious discussion,"'
    )
    copies = [s for s in fake_index.sentences if s and s.text.startswith(quote)]
    assert {s.article_id[:3] for s in copies} == {"000", "001"}
    assert len({s.group for s in copies}) == 1


def test_the_vocabulary_follows_writes_without_rereading_the_archive(fake_index: SentenceIndex) -> None:
    held = fake_index.vocabulary()
    assert "zorblax" not in held
    fake_index.add([article("z", "The Zorblax Institute counted owls.")])
    assert "zorblax" in fake_index.vocabulary() and "zorblax" not in held  # a reader's copy never changes
    fake_index.add([article("z", "The Quenton council met.")], replace=True)
    fake_index.add([article("y", "Zorblax staff counted otters.")])
    fake_index.delete("y")
    fresh = SentenceIndex(FakeEncoder())
    fresh.articles = dict(fake_index.articles)
    assert fake_index.vocabulary() == fresh.vocabulary()
    assert "zorblax" not in fake_index.vocabulary() and "quenton" in fake_index.vocabulary()


def test_a_large_index_rebuilds_bm25_in_the_background_and_never_returns_deleted_rows(
    fake_index: SentenceIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SYNC_LEXICAL_ROWS", 10)  # the seed index counts as large
    assert fake_index.lexical_search("Peskov premature", 50) == []  # the first BM25 is built meanwhile
    assert fake_index._rebuilding is not None
    fake_index._rebuilding.join(timeout=30)
    assert fake_index.lexical_current
    before = fake_index.lexical_search("Peskov premature", 50)
    gone = next(a for a in fake_index.articles if a.startswith("002"))
    gone_rows = set(fake_index.by_article[gone])
    fake_index.add([article("z", "The Zorblax Institute counted 4,711 snowy owls.")])
    fake_index.delete(gone)

    assert gone_rows & {r for r, _ in before}  # the deleted article did match
    assert not fake_index.lexical_current  # the writes are not in it yet, and no rebuild has started
    stale = fake_index.lexical_search("Peskov premature", 50)  # answered at once from the previous BM25
    assert not gone_rows & {r for r, _ in stale}
    assert [r for r, _ in stale] == [r for r, _ in before if r not in gone_rows][: len(stale)]
    thread = fake_index._rebuilding
    assert thread is not None
    thread.join(timeout=30)
    assert fake_index.lexical_current
    [(row, _)] = fake_index.lexical_search("Zorblax snowy owls", 1)  # the new article, once rebuilt
    assert fake_index.sentences[row] is not None and fake_index.sentences[row].article_id == "z"  # type: ignore[union-attr]


def test_a_small_index_sees_a_write_in_its_very_next_lexical_search(fake_index: SentenceIndex) -> None:
    fake_index.lexical_search("Rutte alliance", 5)
    fake_index.add([article("z", "The Zorblax Institute counted 4,711 snowy owls.")])
    [(row, _)] = fake_index.lexical_search("Zorblax snowy owls", 1)
    assert fake_index.sentences[row].article_id == "z"  # type: ignore[union-attr]


def test_a_bm25_built_while_rows_were_renumbered_is_not_used(
    fake_index: SentenceIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A compaction may renumber the rows (adopt) while a background BM25 is being built over the old ones: that
    # BM25 would point at the wrong sentences, so it is dropped and the next search builds another.
    monkeypatch.setattr(store, "SYNC_LEXICAL_ROWS", 10)  # the seed index counts as large
    built = store.LexicalIndex

    def renumbered_meanwhile(texts: list[str]) -> object:
        fake_index._numbering += 1  # what adopt does, under the same guard
        return built(texts)

    monkeypatch.setattr(store, "LexicalIndex", renumbered_meanwhile)
    fake_index.build_lexical()
    assert not fake_index.lexical_current
    monkeypatch.setattr(store, "LexicalIndex", built)
    fake_index.build_lexical()
    assert fake_index.lexical_current
