"""Durability and isolation of the index directory: one writer (an OS lock), writes logged and fsync'ed before
memory changes, nothing half-applied on a failed write, no silent rebuild over data, kill -9 at any moment."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index import log as oplog
from index import persist
from index import writer as writer_module
from index.articles import Article, read_paths
from index.lock import DirectoryLock, IndexLocked
from index.log import LogCorrupt
from index.persist import IndexCorrupt
from index.search import search
from index.store import SentenceIndex
from index.writer import IndexWriter
from service.app import create_app
from service.settings import Settings
from service.verifier import Verifier
from tests.fakes import FakeEncoder, FakeJudge, FakeReader, rules_aggregator

ROOT = Path(__file__).resolve().parent.parent
OWLS = {
    "id": "owls-2025",
    "title": "Zorblax Institute counts owls",
    "text": "The Zorblax Institute in Quenton counted 4,711 snowy owls nesting in the northern valley.",
}
OWL_CLAIM = "The Zorblax Institute counted 4,711 snowy owls nesting in the northern valley"


def dispatch(article_id: str, text: str) -> Article:
    return Article(article_id, f"Dispatch {article_id}", text)


def state(index: SentenceIndex) -> dict[str, str]:
    """What a reader can see: each article's content checksum."""
    return {a.id: a.checksum for a in index.articles.values()}


def corpus(seeds_dir: Path) -> object:
    return lambda: read_paths([seeds_dir])


@pytest.fixture
def writer(tmp_path: Path, seeds_dir: Path) -> Iterator[IndexWriter]:
    w = IndexWriter.open(tmp_path / "idx", FakeEncoder(), corpus=corpus(seeds_dir))  # type: ignore[arg-type]
    yield w
    w.close()


def serve(writer: IndexWriter, settings: Settings) -> TestClient:
    s = Settings(**{**settings.model_dump(), "index_dir": writer.directory})
    verifier = Verifier(writer.index, FakeReader(), FakeJudge(), s, rules_aggregator(), writer=writer)
    return TestClient(create_app(s, verifier=verifier), raise_server_exceptions=False)


# --- one writer per directory -------------------------------------------------------------------------

LOCK_PROBE = """
import sys
from pathlib import Path
from index.lock import DirectoryLock, IndexLocked
try:
    DirectoryLock(Path(sys.argv[1])).acquire()
except IndexLocked as exc:
    print(exc)
    sys.exit(3)
print("acquired")
"""


def probe_lock(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LOCK_PROBE, str(directory)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_a_second_process_cannot_write_while_one_holds_the_directory(writer: IndexWriter) -> None:
    refused = probe_lock(writer.directory)
    assert refused.returncode == 3
    assert str(writer.directory) in refused.stdout and f"process {os.getpid()}" in refused.stdout

    writer.close()  # released: the next writer gets it
    assert probe_lock(writer.directory).stdout.strip() == "acquired"


def test_index_build_into_a_directory_in_use_is_refused_and_changes_nothing(
    writer: IndexWriter, seeds_dir: Path
) -> None:
    before = sorted(p.name for p in writer.directory.iterdir())
    build = subprocess.run(
        [sys.executable, "-m", "index", "build", str(seeds_dir), "--out", str(writer.directory)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 3
    assert f"{writer.directory} is already open for writing by process {os.getpid()}" in build.stderr
    assert sorted(p.name for p in writer.directory.iterdir()) == before


def test_two_services_on_one_directory_the_second_refuses_writes_and_loses_nothing(
    writer: IndexWriter, settings: Settings
) -> None:
    # The case: two services on one CLAIMS_INDEX_DIR. The second loaded the index read-only; its
    # first write must be refused, not save its own view over the first one's acknowledged writes.
    second_index = persist.load(writer.directory, FakeEncoder())
    s = Settings(**{**settings.model_dump(), "index_dir": writer.directory})
    second = Verifier(second_index, FakeReader(), FakeJudge(), s, rules_aggregator())
    with serve(writer, settings) as first, TestClient(create_app(s, verifier=second)) as other:
        assert first.post("/articles", json=OWLS).status_code == 200
        refused = other.post("/articles", json={**OWLS, "id": "b", "text": "Rain fell on Quenton all week."})
        assert refused.status_code == 503
        assert refused.json()["error"]["type"] == "storage_unavailable"
        assert other.get("/articles/b").status_code == 404
    assert "owls-2025" in persist.load(writer.directory, FakeEncoder()).articles


def test_a_verifier_that_loaded_an_index_becomes_its_writer_unless_it_changed_since(
    writer: IndexWriter, settings: Settings
) -> None:
    stale = persist.load(writer.directory, FakeEncoder())
    writer.upsert(dispatch("later", "Ministers met in Brussels on Tuesday."))
    writer.close()
    with pytest.raises(IndexCorrupt, match="changed since this index was loaded"):
        IndexWriter.attach(stale, writer.directory)
    fresh = persist.load(writer.directory, FakeEncoder())
    attached = IndexWriter.attach(fresh, writer.directory)
    assert attached.upsert(dispatch("more", "Grain ships left Odesa.")).status == "added"
    attached.close()
    assert {"later", "more"} <= set(persist.load(writer.directory, FakeEncoder()).articles)


# --- a broken directory is an error, never rebuilt over -------------------------------------------------


def test_a_dangling_current_is_an_error_naming_the_versions_and_nothing_is_deleted(
    writer: IndexWriter, seeds_dir: Path
) -> None:
    directory = writer.directory
    writer.upsert(dispatch("extra", "Envoys arrived in Geneva on Monday."))
    writer.compact()
    writer.close()
    live = Path(os.readlink(directory / "current"))
    shutil.copytree(directory / live, directory / "v-intact")  # the intact version next to the lost one
    shutil.rmtree(directory / live)

    with pytest.raises(IndexCorrupt) as caught:
        IndexWriter.open(directory, FakeEncoder(), corpus=corpus(seeds_dir))  # type: ignore[arg-type]
    message = str(caught.value)
    assert f"`current` points to {live}, which is missing" in message
    assert "v-intact (6 articles" in message
    assert (directory / "v-intact" / "manifest.json").is_file()  # nothing rebuilt, nothing pruned
    with pytest.raises(IndexCorrupt):
        persist.load(directory, FakeEncoder())


def test_data_without_current_is_an_error(writer: IndexWriter, seeds_dir: Path) -> None:
    writer.close()
    (writer.directory / "current").unlink()
    with pytest.raises(IndexCorrupt, match="no `current` version; versions found: v-"):
        IndexWriter.open(writer.directory, FakeEncoder(), corpus=corpus(seeds_dir))  # type: ignore[arg-type]


def test_only_an_empty_directory_is_built_from_the_corpus_and_debris_is_removed(
    tmp_path: Path, seeds_dir: Path
) -> None:
    directory = tmp_path / "idx"
    (directory / ".build-abc123").mkdir(parents=True)  # a crash in the very first save left these
    (directory / ".current.tmp").symlink_to("v-gone")
    (directory / "operations.log.tmp").write_text("partial")
    w = IndexWriter.open(directory, FakeEncoder(), corpus=corpus(seeds_dir))  # type: ignore[arg-type]
    assert len(w.index.articles) == 5
    assert not [p for p in directory.iterdir() if p.name.startswith(".build-") or p.name.endswith(".tmp")]
    w.close()


def fake_service_loader(seeds_dir: Path) -> Callable[[Settings], Verifier]:
    """The service's loading path (index opened for writing at start) with the fake models."""

    def load(s: Settings) -> Verifier:
        writer = IndexWriter.open(s.index_dir, FakeEncoder(), corpus=corpus(seeds_dir))  # type: ignore[arg-type]
        return Verifier(writer.index, FakeReader(), FakeJudge(), s, rules_aggregator(), writer=writer)

    return load


def ready_when_settled(client: TestClient) -> dict[str, object]:
    for _ in range(100):
        body: dict[str, object] = client.get("/ready").json()
        if body.get("status") != "loading":
            return body
        time.sleep(0.05)
    raise AssertionError("still loading")


def test_a_second_service_on_a_directory_in_use_fails_to_start_and_says_why(
    settings: Settings, seeds_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    load = fake_service_loader(seeds_dir)
    with TestClient(create_app(settings, loader=load)) as first:
        assert ready_when_settled(first)["status"] == "ready"
        with TestClient(create_app(settings, loader=load)) as second:
            assert ready_when_settled(second)["status"] == "failed"
        assert f"{settings.index_dir} is already open for writing by process {os.getpid()}" in caplog.text
        assert first.post("/articles", json=OWLS).status_code == 200
    with TestClient(create_app(settings, loader=load)) as after:  # the first one's shutdown released it
        assert ready_when_settled(after)["status"] == "ready"
        assert after.get(f"/articles/{OWLS['id']}").status_code == 200


def test_a_service_started_on_a_dangling_current_fails_and_rebuilds_nothing(
    writer: IndexWriter, settings: Settings, seeds_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    writer.upsert(dispatch("extra", "Envoys arrived in Geneva on Monday."))
    writer.close()
    shutil.rmtree(writer.directory / os.readlink(writer.directory / "current"))
    before = sorted(p.name for p in writer.directory.iterdir())
    s = Settings(**{**settings.model_dump(), "index_dir": writer.directory})
    with TestClient(create_app(s, loader=fake_service_loader(seeds_dir))) as client:
        assert ready_when_settled(client)["status"] == "failed"
    assert "which is missing or has no manifest; versions found: none" in caplog.text
    assert sorted(p.name for p in writer.directory.iterdir()) == before  # operations.log kept, nothing built


# --- all or nothing ------------------------------------------------------------------------------------


def _full_disk(*args: object, **kwargs: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_write_the_disk_refuses_is_507_and_leaves_nothing_behind(
    writer: IndexWriter, settings: Settings, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    log_bytes = (writer.directory / oplog.LOG_FILE).stat().st_size
    with serve(writer, settings) as client:
        with monkeypatch.context() as patch:
            patch.setattr(oplog.os, failing, _full_disk)
            response = client.post("/articles", json=OWLS)
            deleted = client.delete("/articles/001_2a2e3e1f0b4c7c4e")
        assert response.status_code == 507
        assert response.json() == {
            "error": {"type": "insufficient_storage", "message": "the index's disk is full; the write was not applied"}
        }
        assert deleted.status_code in (404, 507)  # 507 if that seed exists: it must stay
        assert client.get(f"/articles/{OWLS['id']}").status_code == 404
        verdict = client.post("/verify", json={"claim": OWL_CLAIM}).json()
        assert all(c["article_id"] != OWLS["id"] for c in verdict["citations"])
        assert (writer.directory / oplog.LOG_FILE).stat().st_size == log_bytes
        assert OWLS["id"] not in persist.load(writer.directory, FakeEncoder()).articles

        assert client.post("/articles", json=OWLS).json()["status"] == "added"  # space again: it works
    assert OWLS["id"] in persist.load(writer.directory, FakeEncoder()).articles


def test_a_refused_delete_keeps_the_article(
    writer: IndexWriter, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = next(iter(writer.index.articles))
    with serve(writer, settings) as client:
        with monkeypatch.context() as patch:
            patch.setattr(oplog.os, "fsync", _full_disk)
            assert client.delete(f"/articles/{victim}").status_code == 507
        assert client.get(f"/articles/{victim}").status_code == 200
    assert victim in persist.load(writer.directory, FakeEncoder()).articles


def test_an_io_error_other_than_a_full_disk_is_503(
    writer: IndexWriter, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> int:
        raise OSError(errno.EIO, "Input/output error")

    with serve(writer, settings) as client:
        monkeypatch.setattr(oplog.os, "fsync", broken)
        response = client.post("/articles", json=OWLS)
    assert response.status_code == 503 and response.json()["error"]["type"] == "storage_unavailable"
    assert "Retry-After" in response.headers
    assert OWLS["id"] not in writer.index.articles


# --- writes that do not rewrite the index --------------------------------------------------------------


def test_a_write_appends_to_the_log_and_leaves_the_snapshot_alone(writer: IndexWriter) -> None:
    snapshot = writer.directory / "current"
    version, files = os.readlink(snapshot), {p.name: p.stat().st_mtime_ns for p in snapshot.iterdir()}
    before = writer.log_bytes
    writer.upsert(dispatch("extra", "Envoys arrived in Geneva on Monday.\nTalks lasted five hours."))
    writer.delete("extra")
    assert os.readlink(snapshot) == version
    assert {p.name: p.stat().st_mtime_ns for p in snapshot.iterdir()} == files
    assert writer.log_bytes > before


def test_the_log_replayed_gives_what_was_acknowledged(writer: IndexWriter) -> None:
    writer.upsert(dispatch("x", "The port reopened on Friday after a storm.\nTankers queued outside."))
    writer.upsert(dispatch("x", "The port stayed closed on Friday.\nTankers queued outside."))  # replaced
    writer.upsert(dispatch("y", "Grain prices fell by 4 percent."))
    writer.delete(next(a for a in writer.index.articles if a.startswith("002")))
    loaded = persist.load(writer.directory, FakeEncoder())
    assert state(loaded) == state(writer.index)
    assert loaded.sentences == writer.index.sentences
    assert [h.sentence for h in search(loaded, "port closed Friday", 5)] == [
        h.sentence for h in search(writer.index, "port closed Friday", 5)
    ]


def test_compaction_folds_the_log_into_a_snapshot(tmp_path: Path, seeds_dir: Path) -> None:
    w = IndexWriter.open(tmp_path / "idx", FakeEncoder(), corpus=corpus(seeds_dir), compact_bytes=5_000)  # type: ignore[arg-type]
    for n in range(12):
        w.upsert(dispatch(f"n{n}", f"Council voted {n} times on the budget.\nThe mayor spoke for {n} minutes."))
    w.close()  # waits for a compaction in flight
    folded = int(str(persist.read_manifest(tmp_path / "idx")["log_seq"]))
    assert folded >= 1  # at least one compaction ran, in the background
    assert all(e.seq > folded for e in oplog.read(tmp_path / "idx" / oplog.LOG_FILE).entries)
    assert state(persist.load(tmp_path / "idx", FakeEncoder())) == state(w.index)


QUERIES = ("peace plan talks in Moscow", "port closed Friday", "grain prices fell", "Kremlin aide")


def found(index: SentenceIndex) -> dict[str, list[tuple[str, str]]]:
    """What each query finds, by article and text (row numbers may change; what a reader sees may not)."""
    return {
        q: [(h.sentence.article_id, h.sentence.text) for h in search(index, q, 6, mode)]
        for q in QUERIES
        for mode in ("hybrid", "lexical", "dense")
    }


@pytest.mark.parametrize("exact_limit", [50, 50_000])  # HNSW, and exact search
def test_compaction_releases_deleted_rows_and_every_answer_stays(
    tmp_path: Path, seeds_dir: Path, exact_limit: int
) -> None:
    w = IndexWriter.open(tmp_path / "idx", FakeEncoder(), exact_limit, corpus=corpus(seeds_dir))  # type: ignore[arg-type]
    w.upsert(dispatch("x", "The port reopened on Friday after a storm.\nTankers queued outside."))
    w.upsert(dispatch("x", "The port stayed closed on Friday.\nTankers queued outside."))  # replaced
    w.upsert(dispatch("y", "Grain prices fell by 4 percent."))
    w.delete(next(a for a in w.index.articles if a.startswith("002")))
    w.index.build_lexical()
    before, articles = found(w.index), state(w.index)
    assert None in w.index.sentences

    w.compact()

    index = w.index
    assert None not in index.sentences and len(index.sentences) == index.live_count == index.dense.ntotal
    assert index.approximate == (exact_limit == 50)
    assert index.lexical_current  # BM25 kept, its rows renumbered: no rebuild needed
    assert state(index) == articles and found(index) == before
    loaded = persist.load(w.directory, FakeEncoder(), exact_limit)
    assert loaded.sentences == index.sentences  # memory numbered as the disk is
    w.upsert(dispatch("z", "Tankers left the port on Sunday."))  # and writes go on
    assert [h.sentence.article_id for h in search(index, "Tankers left the port on Sunday", 1)] == ["z"]
    w.close()


@pytest.mark.parametrize("under_lock", [0, 8])  # replayed before the final step, or in it
def test_writes_made_while_deleted_rows_are_released_are_kept(
    writer: IndexWriter, monkeypatch: pytest.MonkeyPatch, under_lock: int
) -> None:
    monkeypatch.setattr(writer_module, "CATCH_UP_UNDER_LOCK", under_lock)
    writer.upsert(dispatch("x", "The port reopened on Friday after a storm."))
    writer.upsert(dispatch("x", "The port stayed closed on Friday."))  # a tombstone to release
    third = next(a for a in writer.index.articles if a.startswith("003"))
    later = 1 + len(writer.index.by_article[third])  # rows deleted after the capture: released next time
    write_snapshot = persist.write_snapshot

    def and_meanwhile(*args: object, **kwargs: object) -> dict[str, object]:
        meta = write_snapshot(*args, **kwargs)  # type: ignore[arg-type]
        writer.upsert(dispatch("y", "Grain prices fell by 4 percent.\nTraders blamed the harvest."))
        writer.upsert(dispatch("x", "The port reopened on Monday."))  # replaces a row the snapshot holds
        writer.delete(third)
        return meta

    monkeypatch.setattr(persist, "write_snapshot", and_meanwhile)
    writer.index.build_lexical()
    writer.compact()

    index = writer.index
    assert index.sentences.count(None) == len(index.sentences) - index.live_count == later
    loaded = persist.load(writer.directory, FakeEncoder())  # the new snapshot with the log's tail replayed
    assert state(loaded) == state(index) and loaded.sentences == index.sentences
    assert found(loaded) == found(index)
    assert [h.sentence.text for h in search(index, "port reopened on Monday", 1)] == ["The port reopened on Monday."]


def test_two_compactions_never_overlap(writer: IndexWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    # An older compaction landing after a newer one would put back a snapshot that lacks operations the newer
    # one cut from the log.
    writer.upsert(dispatch("x", "The port reopened on Friday after a storm."))
    write_snapshot, inside, overlaps = persist.write_snapshot, [], []
    entered, release = threading.Event(), threading.Event()

    def slow(*args: object, **kwargs: object) -> dict[str, object]:
        overlaps.append(len(inside))
        inside.append(1)
        try:
            if len(overlaps) == 1:
                entered.set()
                release.wait(30)
            return write_snapshot(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            inside.pop()

    monkeypatch.setattr(persist, "write_snapshot", slow)
    first = threading.Thread(target=writer.compact)
    first.start()
    assert entered.wait(30)
    writer.upsert(dispatch("y", "Grain prices fell by 4 percent."))  # writes go on meanwhile
    second = threading.Thread(target=writer.compact)
    second.start()
    time.sleep(0.3)  # time enough for a second compaction to reach write_snapshot, were it let in
    release.set()
    first.join(30)
    second.join(30)
    assert overlaps == [0, 0]
    assert persist.read_manifest(writer.directory)["log_seq"] == writer.index.origin[1]  # type: ignore[index]
    assert state(persist.load(writer.directory, FakeEncoder())) == state(writer.index)


def test_a_crash_between_snapshot_and_log_rewrite_replays_nothing_twice(
    writer: IndexWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer.upsert(dispatch("x", "The port reopened on Friday after a storm."))
    writer.delete("x")
    writer.upsert(dispatch("x", "The port stayed closed on Friday."))
    monkeypatch.setattr(oplog.OperationLog, "start", _full_disk)
    with pytest.raises(OSError):
        writer.compact()  # the snapshot is in place; the log still holds operations it already contains
    loaded = persist.load(writer.directory, FakeEncoder())
    assert state(loaded) == state(writer.index) and loaded.live_count == writer.index.live_count


def test_a_torn_last_line_is_dropped_and_damage_before_it_is_reported(writer: IndexWriter) -> None:
    writer.upsert(dispatch("x", "The port reopened on Friday after a storm."))
    writer.upsert(dispatch("y", "Grain prices fell by 4 percent."))
    path = writer.directory / oplog.LOG_FILE
    writer.close()
    data = path.read_bytes()
    path.write_bytes(data[:-25])  # the last operation half-written when the power went
    assert "y" not in persist.load(writer.directory, FakeEncoder()).articles
    reopened = IndexWriter.open(writer.directory, FakeEncoder())
    assert "x" in reopened.index.articles and "y" not in reopened.index.articles
    reopened.upsert(dispatch("z", "Rain fell all week."))
    reopened.close()
    assert {"x", "z"} <= set(persist.load(writer.directory, FakeEncoder()).articles)

    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"port", b"fort")  # an acknowledged operation damaged on disk
    path.write_bytes(b"".join(lines))
    with pytest.raises(LogCorrupt, match="line 2"):
        persist.load(writer.directory, FakeEncoder())


# --- the event loop stays free -------------------------------------------------------------------------


def test_reading_an_article_during_a_long_write_does_not_block_health(writer: IndexWriter, settings: Settings) -> None:
    held = threading.Event()

    def write_in_progress() -> None:
        with writer.lock:  # as a write applying to memory holds it
            held.set()
            time.sleep(3.0)

    with serve(writer, settings) as client:
        holder = threading.Thread(target=write_in_progress)
        holder.start()
        held.wait()
        reading = threading.Thread(target=client.get, args=(f"/articles/{next(iter(writer.index.articles))}",))
        reading.start()
        time.sleep(0.2)
        started = time.perf_counter()
        assert client.get("/health").status_code == 200
        waited = time.perf_counter() - started
        holder.join()
        reading.join()
    assert waited < 1.0


# --- kill -9 -------------------------------------------------------------------------------------------


def _expect(events: list[list[str]], expected: dict[str, str]) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Acknowledged state after a round, and the one operation begun but not acknowledged (if any)."""
    pending = None
    for event in events:
        kind, op, article_id, checksum = event
        if kind == "begin":
            pending = (article_id, checksum if op == "upsert" else "")
        elif kind == "ack":
            if op == "upsert":
                expected[article_id] = checksum
            else:
                expected.pop(article_id, None)
            pending = None
    return expected, pending


@pytest.mark.slow
def test_kill_9_at_random_points_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """Rounds of a writer process killed at a random moment; every acknowledged write survives, the index always
    loads, and while the writer runs this (second) process cannot take the directory for writing."""
    directory, rng = tmp_path / "idx", random.Random(14)
    expected: dict[str, str] = {}
    rounds, acked, budget = 0, 0, time.monotonic() + 150
    while rounds < 120 and time.monotonic() < budget:
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", str(directory), str(rounds)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout is not None
        first = worker.stdout.readline()  # the writer holds the lock before its first operation
        assert first.startswith("begin"), first
        with pytest.raises(IndexLocked, match=f"process {worker.pid}"):
            DirectoryLock(directory).acquire()
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(worker.pid, signal.SIGKILL)
        rest = worker.stdout.read()
        worker.wait()
        events = [line.split() for line in [first, *rest.splitlines()] if line.count(" ") == 3]
        acked += sum(e[0] == "ack" for e in events)
        expected, pending = _expect(events, expected)

        got = state(persist.load(directory, FakeEncoder()))
        if pending is not None and got.get(pending[0], "") != expected.get(pending[0], ""):
            article_id, checksum = pending  # the unacknowledged operation made it to disk: allowed
            assert got.get(article_id, "") == checksum
            expected = {k: v for k, v in {**expected, article_id: checksum}.items() if v}
        assert got == expected, f"round {rounds}"
        rounds += 1
    print(f"kill -9: {rounds} rounds, {acked} acknowledged writes, none lost")
    assert rounds >= 30 and acked > rounds


def test_a_changed_url_alone_is_saved(writer: IndexWriter) -> None:
    first = dispatch("x", "The port reopened on Friday after a storm.")
    writer.upsert(first)
    moved = Article(first.id, first.title, first.text, url="https://example.org/port")
    assert writer.upsert(moved).status == "replaced"
    assert writer.upsert(moved).status == "unchanged"
    assert persist.load(writer.directory, FakeEncoder()).articles["x"].url == "https://example.org/port"
