"""Saving and loading the index: same results after a round trip, a self-describing manifest, atomic writes."""

from __future__ import annotations

import calendar
import json
import os
import re
import time
from pathlib import Path

import numpy as np
import pytest

from index import persist
from index.articles import Article, read_paths
from index.persist import IndexMismatch, corpus_checksum, load, read_manifest, save
from index.search import Hit, search
from index.store import SentenceIndex
from tests.fakes import FakeEncoder

QUERIES = [
    ("We have not discussed it with anyone yet", "hybrid"),
    ("Rutte Nato defensive alliance", "hybrid"),
    ("Lavrov 28 points Anchorage", "lexical"),
    ("Peskov premature peace deal", "dense"),
    ("Witkoff Moscow Putin meeting", "hybrid"),
]
EXTRA = Article("extra", "Extra dispatch", "Envoys arrived in Geneva on Monday.\nTalks lasted five hours.")


class OtherModel(FakeEncoder):
    name = "other-model"


def summary(hit: Hit) -> tuple[object, ...]:
    """What a user sees of a hit, independent of internal row numbers."""
    return (
        hit.sentence.article_id,
        hit.sentence.position,
        hit.sentence.text,
        (hit.sentence.start, hit.sentence.end),
        round(hit.score, 9),
        None if hit.dense is None else round(hit.dense, 5),
        None if hit.lexical is None else round(hit.lexical, 5),
        hit.before,
        hit.after,
        sorted((c.article_id, c.position) for c in hit.copies),
    )


def results(index: SentenceIndex) -> list[list[tuple[object, ...]]]:
    return [[summary(h) for h in search(index, q, k=6, mode=m)] for q, m in QUERIES]  # type: ignore[arg-type]


def versions(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("v-*"))


def test_round_trip_gives_the_same_search_results(fake_index: SentenceIndex, tmp_path: Path) -> None:
    save(fake_index, tmp_path / "idx")
    loaded = load(tmp_path / "idx", FakeEncoder())
    assert loaded.articles == fake_index.articles
    assert loaded.sentences == fake_index.sentences
    np.testing.assert_array_equal(loaded.vectors, fake_index.vectors)
    assert results(loaded) == results(fake_index)


def test_round_trip_after_deletes_compacts_and_keeps_results(fake_index: SentenceIndex, tmp_path: Path) -> None:
    fake_index.delete(next(a for a in fake_index.articles if a.startswith("002")))
    fake_index.add([EXTRA])
    save(fake_index, tmp_path / "idx")
    loaded = load(tmp_path / "idx", FakeEncoder())
    assert len(loaded.sentences) == loaded.live_count == fake_index.live_count
    assert None not in loaded.sentences
    assert sorted(loaded.articles) == sorted(fake_index.articles)
    assert results(loaded) == results(fake_index)
    # The loaded index keeps working: new groups do not collide with saved ones.
    loaded.add([Article("later", "Later dispatch", "Rescue crews worked through the night in Odesa.")])
    [new] = [s for s in loaded.sentences if s and s.article_id == "later"]
    assert new.group not in {s.group for s in loaded.sentences if s and s.article_id != "later"}


def test_round_trip_of_an_approximate_index(seeds_dir: Path, tmp_path: Path) -> None:
    index = SentenceIndex(FakeEncoder(), exact_limit=50)
    index.add(read_paths([seeds_dir]))
    assert index.approximate
    save(index, tmp_path / "idx")
    assert (tmp_path / "idx" / "current" / "dense.faiss").is_file()
    assert read_manifest(tmp_path / "idx")["dense_index"] == "hnsw"
    loaded = load(tmp_path / "idx", FakeEncoder(), exact_limit=50)
    assert loaded.approximate
    assert results(loaded) == results(index)


def test_manifest_describes_the_index(fake_index: SentenceIndex, tmp_path: Path) -> None:
    returned = save(fake_index, tmp_path / "idx")
    meta = read_manifest(tmp_path / "idx")
    assert meta == returned
    assert meta["format_version"] == persist.FORMAT_VERSION == 2
    assert meta["embedding_model"] == "fake-bow"
    assert meta["dimension"] == 64
    assert meta["articles"] == 5
    assert meta["sentences"] == fake_index.live_count
    assert meta["dense_index"] == "exact"
    assert meta["corpus_checksum"] == corpus_checksum(fake_index)
    assert re.fullmatch(r"[0-9a-f]{64}", str(meta["corpus_checksum"]))
    created = calendar.timegm(time.strptime(str(meta["created_at"]), "%Y-%m-%dT%H:%M:%SZ"))
    assert abs(created - time.time()) < 120


def test_corpus_checksum_ignores_insertion_order_but_not_content(seeds_dir: Path) -> None:
    articles = [a for a in read_paths([seeds_dir]) if isinstance(a, Article)]
    forward, backward, edited = (SentenceIndex(FakeEncoder()) for _ in range(3))
    forward.add(articles)
    backward.add(reversed(articles))
    edited.add([*articles[:-1], Article(articles[-1].id, articles[-1].title, articles[-1].text + "\nOne more line.")])
    assert corpus_checksum(forward) == corpus_checksum(backward)
    assert corpus_checksum(forward) != corpus_checksum(edited)


@pytest.mark.parametrize(
    ("encoder", "shown"),
    [(OtherModel(), ["fake-bow", "other-model"]), (FakeEncoder(dim=32), ["64-d", "32-d"])],
    ids=["other-name", "other-dimension"],
)
def test_loading_with_another_encoder_says_how_to_rebuild(
    fake_index: SentenceIndex, tmp_path: Path, encoder: FakeEncoder, shown: list[str]
) -> None:
    save(fake_index, tmp_path / "idx")
    with pytest.raises(IndexMismatch) as caught:
        load(tmp_path / "idx", encoder)
    message = str(caught.value)
    for part in [*shown, "rebuild", f"python -m index build --out {tmp_path / 'idx'}"]:
        assert part in message


def test_loading_another_format_version_says_how_to_rebuild(fake_index: SentenceIndex, tmp_path: Path) -> None:
    save(fake_index, tmp_path / "idx")
    path = tmp_path / "idx" / "current" / "manifest.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "format_version": 99}))
    with pytest.raises(IndexMismatch, match=r"format 99.*rebuild it with `python -m index build"):
        load(tmp_path / "idx", FakeEncoder())


def test_exists_only_after_a_save(fake_index: SentenceIndex, tmp_path: Path) -> None:
    assert not persist.exists(tmp_path / "idx")
    save(fake_index, tmp_path / "idx")
    assert persist.exists(tmp_path / "idx")


def _boom(*args: object, **kwargs: object) -> None:
    raise OSError("disk full")


@pytest.mark.parametrize("failing", ["numpy.save", "os.replace"])
def test_a_failed_save_leaves_the_previous_version_loadable(
    fake_index: SentenceIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    directory = tmp_path / "idx"
    save(fake_index, directory)
    before = results(fake_index)
    fake_index.add([EXTRA])

    with monkeypatch.context() as patch:
        patch.setattr(failing, _boom)
        with pytest.raises(OSError, match="disk full"):
            save(fake_index, directory)

    loaded = load(directory, FakeEncoder())
    assert "extra" not in loaded.articles
    assert results(loaded) == before
    assert not list(directory.glob(".build-*"))

    save(fake_index, directory)  # the next good save replaces it and tidies up
    assert "extra" in load(directory, FakeEncoder()).articles
    assert len(versions(directory)) == 1


def test_a_failed_resave_of_the_same_corpus_in_the_same_second_leaves_it_loadable(
    fake_index: SentenceIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "idx"
    frozen, real_strftime = time.gmtime(), time.strftime
    monkeypatch.setattr(persist.time, "strftime", lambda fmt, t=None: real_strftime(fmt, frozen))
    save(fake_index, directory)
    monkeypatch.setattr(os, "rename", _boom)
    with pytest.raises(OSError):
        save(fake_index, directory)
    assert load(directory, FakeEncoder()).articles == fake_index.articles


def test_old_versions_are_pruned(fake_index: SentenceIndex, tmp_path: Path) -> None:
    directory = tmp_path / "idx"
    save(fake_index, directory)
    first = versions(directory)
    fake_index.add([EXTRA])
    save(fake_index, directory)
    second = versions(directory)
    assert len(first) == len(second) == 1 and first != second
    assert os.readlink(directory / "current") == second[0]
    assert not list(directory.glob(".build-*"))
    assert "extra" in load(directory, FakeEncoder()).articles


def test_save_takes_the_directory_lock(fake_index: SentenceIndex, tmp_path: Path) -> None:
    from index.lock import DirectoryLock, IndexLocked

    with DirectoryLock(tmp_path / "idx"), pytest.raises(IndexLocked, match=f"{tmp_path / 'idx'} is already open"):
        save(fake_index, tmp_path / "idx")
    assert not persist.exists(tmp_path / "idx")


def test_an_index_saved_before_the_log_existed_loads_and_takes_writes(
    fake_index: SentenceIndex, tmp_path: Path
) -> None:
    from index.writer import IndexWriter

    directory = tmp_path / "idx"
    save(fake_index, directory)
    path = directory / "current" / "manifest.json"
    old = {k: v for k, v in json.loads(path.read_text()).items() if k not in ("log_id", "log_seq")}
    path.write_text(json.dumps({**old, "format_version": 1}))
    (directory / "operations.log").unlink()
    assert results(load(directory, FakeEncoder())) == results(fake_index)

    writer = IndexWriter.open(directory, FakeEncoder())
    writer.upsert(EXTRA)
    writer.close()
    assert read_manifest(directory)["format_version"] == 2
    assert "extra" in load(directory, FakeEncoder()).articles


def test_an_approximate_index_with_deletes_is_saved_with_a_rebuilt_hnsw(seeds_dir: Path, tmp_path: Path) -> None:
    index = SentenceIndex(FakeEncoder(), exact_limit=50)
    index.add(read_paths([seeds_dir]))
    whole = persist.snapshot_of(index)
    assert whole.dense is not None  # nothing deleted: the live HNSW is copied as it is
    index.delete(next(a for a in index.articles if a.startswith("002")))
    assert persist.snapshot_of(index).dense is None
    save(index, tmp_path / "idx")
    loaded = load(tmp_path / "idx", FakeEncoder(), exact_limit=50)
    assert loaded.approximate and loaded.dense.ntotal == loaded.live_count == index.live_count
    for query, _ in QUERIES:  # the same statements found (HNSW over the same rows; scores may differ a little)
        assert [h.sentence.text for h in search(loaded, query, 6)] == [h.sentence.text for h in search(index, query, 6)]


@pytest.mark.parametrize("exact_limit", [50, 50_000])
def test_a_snapshot_keeps_its_vectors_while_the_index_grows(seeds_dir: Path, exact_limit: int) -> None:
    # The index holds its vectors once, in FAISS, which moves them as it grows: a snapshot being written out
    # meanwhile must hold its own rows.
    index = SentenceIndex(FakeEncoder(), exact_limit=exact_limit)
    index.add(read_paths([seeds_dir]))
    snap = persist.snapshot_of(index)
    expected = snap.vectors.copy()

    index.add(
        [Article(f"more-{n}", "More", f"Sentence number {n} about topic {n}. And another {n}.") for n in range(300)]
    )

    np.testing.assert_array_equal(snap.vectors, expected)
    np.testing.assert_array_equal(index.vectors[: len(expected)], expected)
    assert len(index.vectors) == index.dense.ntotal == len(index.sentences)


def test_saved_vectors_that_do_not_match_the_sentences_are_refused(fake_index: SentenceIndex, tmp_path: Path) -> None:
    save(fake_index, tmp_path / "idx")
    folder = tmp_path / "idx" / "current"
    np.save(folder / "vectors.npy", np.load(folder / "vectors.npy")[:-1])

    with pytest.raises(ValueError, match="vectors for"):
        load(tmp_path / "idx", FakeEncoder())
