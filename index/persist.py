"""The index on disk: snapshots (a version folder with a manifest, switched in atomically through `current`)
plus the write-ahead log of operations since (index/log.py). Everything is fsync'ed before it counts.

Layout of an index directory:
    current -> v-<stamp>      the live snapshot (articles, sentences, vectors, manifest, maybe dense.faiss)
    operations.log            article operations after the snapshot's `log_seq`, same `log_id`
    .writer.lock              held (flock) by the one writer (index/lock.py)
    .build-*, *.tmp           debris of a crash mid-write, removed by the next writer
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

import faiss
import numpy as np

from index import log as oplog
from index.articles import Article
from index.encoder import Encoder
from index.lock import LOCK_FILE, DirectoryLock
from index.store import HNSW_EF_SEARCH, Sentence, SentenceIndex, build_dense, stored_vectors

FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)  # format 1 had no log
CURRENT = "current"
VERSION_PREFIX = "v-"

log = logging.getLogger(__name__)


class IndexMismatch(RuntimeError):
    """A saved index that cannot be used with the configured embedding model or this code."""


class IndexCorrupt(RuntimeError):
    """An index directory that holds data but cannot be loaded as it is; never rebuilt over silently."""


@dataclass(frozen=True)
class Snapshot:
    """A consistent copy of an index's live state, to write out while writes go on."""

    articles: list[Article]
    sentences: list[Sentence]  # live ones, in row order
    vectors: np.ndarray  # theirs, one row each: a copy, or read in place from `dense` (the index's may move)
    embedding_model: str
    dimension: int
    approximate: bool
    # The dense index of exactly these rows, saved instead of rebuilding one (minutes at 1M sentences): a copy of
    # the live HNSW when no row is deleted, or the one a compaction built for memory (`compacted`).
    dense: faiss.Index | None = None


def snapshot_of(index: SentenceIndex) -> Snapshot:
    """Take while no write runs; the caller may write it out while writes go on."""
    live = [s for s in index.sentences if s is not None]
    # Without tombstones the live HNSW holds exactly the snapshot's rows, in order: copy it (a memory copy, under
    # a second at 1M sentences; serializing it here held writes 4-10 s) instead of rebuilding it (minutes). The
    # copy holds the vectors too, read in place: it never grows.
    whole = index.approximate and len(live) == len(index.sentences) == index.dense.ntotal
    dense = faiss.clone_index(index.dense) if whole else None
    return Snapshot(
        dense=dense,
        articles=list(index.articles.values()),
        sentences=live,
        vectors=(
            stored_vectors(dense, index.encoder.dim)
            if dense is not None
            else index.vectors[np.array([s.id for s in live], dtype=np.int64)]
        ),
        embedding_model=index.encoder.name,
        dimension=index.encoder.dim,
        approximate=index.approximate,
    )


def _checksum(articles: list[Article]) -> str:
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}\0{article.checksum}\n".encode())
    return digest.hexdigest()


def corpus_checksum(index: SentenceIndex) -> str:
    """One hash over every article's id and content, independent of insertion order."""
    return _checksum(list(index.articles.values()))


def manifest(index: SentenceIndex) -> dict[str, object]:
    return _manifest(snapshot_of(index), "", 0)


def _manifest(snap: Snapshot, log_id: str, log_seq: int) -> dict[str, object]:
    return {
        "format_version": FORMAT_VERSION,
        "embedding_model": snap.embedding_model,
        "dimension": snap.dimension,
        "sentences": len(snap.sentences),
        "articles": len(snap.articles),
        "corpus_checksum": _checksum(snap.articles),
        "dense_index": "hnsw" if snap.approximate else "exact",
        "log_id": log_id,
        "log_seq": log_seq,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def new_log_id() -> str:
    return uuid.uuid4().hex


def save(index: SentenceIndex, directory: Path) -> dict[str, object]:
    """Write the index as the directory's new snapshot, starting a new empty log; holds the write lock meanwhile."""
    with DirectoryLock(directory):
        return replace_all(snapshot_of(index), directory)


def replace_all(snap: Snapshot, directory: Path) -> dict[str, object]:
    """A new snapshot and an empty log of a new lineage (an older log no longer applies); caller holds the lock."""
    meta = write_snapshot(snap, directory, new_log_id(), 0)
    oplog.OperationLog.start(directory / oplog.LOG_FILE, str(meta["log_id"]), [], 0).close()
    return meta


def compacted(snap: Snapshot, encoder: Encoder, exact_limit: int) -> SentenceIndex:
    """The index that loading the snapshot would give (before any log replay), built from it in memory: rows
    renumbered 0..n-1 as they are saved."""
    sentences = [s if s.id == row else replace(s, id=row) for row, s in enumerate(snap.sentences)]
    dense = build_dense(np.ascontiguousarray(snap.vectors, dtype=np.float32), snap.approximate)
    return SentenceIndex.restore(encoder, snap.articles, sentences, snap.vectors, dense, exact_limit)


def write_snapshot(snap: Snapshot, directory: Path, log_id: str, log_seq: int) -> dict[str, object]:
    """Write a compacted snapshot into a new version folder, fsync it, switch `current` to it, prune the old.

    The caller holds the directory lock. Readers see the old snapshot or the new one, never a mix."""
    directory.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=directory, prefix=".build-"))
    try:
        meta = _write(snap, tmp, log_id, log_seq)
        # Unique per save (the temp folder's random suffix), so the live version is never overwritten.
        stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{str(meta['corpus_checksum'])[:8]}-{tmp.name.rsplit('-', 1)[-1]}"
        version = directory / f"{VERSION_PREFIX}{stamp}"
        os.chmod(tmp, 0o755)
        os.rename(tmp, version)
        oplog.fsync_dir(directory)
        link = directory / f".{CURRENT}.tmp"
        link.unlink(missing_ok=True)
        link.symlink_to(version.name)
        os.replace(link, directory / CURRENT)  # the atomic step: readers see the old or the new
        oplog.fsync_dir(directory)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(directory, keep=version.name)
    return meta


def _write(snap: Snapshot, folder: Path, log_id: str, log_seq: int) -> dict[str, object]:
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for article in snap.articles:
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        _flush(out)
    with (folder / "sentences.jsonl").open("w", encoding="utf-8") as out:
        for new_id, s in enumerate(snap.sentences):
            out.write(json.dumps({**asdict(s), "id": new_id}, ensure_ascii=False) + "\n")
        _flush(out)
    with (folder / "vectors.npy").open("wb") as binary:
        np.save(binary, snap.vectors)
        _flush(binary)
    if snap.approximate:
        dense = snap.dense if snap.dense is not None else build_dense(snap.vectors, approximate=True)
        faiss.write_index(dense, str(folder / "dense.faiss"))
        _fsync_file(folder / "dense.faiss")
    meta = _manifest(snap, log_id, log_seq)
    with (folder / "manifest.json").open("w") as out:
        out.write(json.dumps(meta, indent=2) + "\n")
        _flush(out)
    oplog.fsync_dir(folder)
    return meta


def _flush(handle: Any) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(directory: Path, keep: str) -> None:
    for old in directory.glob(f"{VERSION_PREFIX}*"):
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def clean_debris(directory: Path) -> list[str]:
    """Remove what a crash mid-write leaves (temp folders and files); only the lock holder may call this."""
    removed = []
    for path in [*directory.glob(".build-*"), *directory.glob("*.tmp"), *directory.glob(".*.tmp")]:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    if removed:
        log.warning("removed debris of an interrupted write in %s: %s", directory, ", ".join(sorted(removed)))
    return removed


def _describe_versions(directory: Path) -> str:
    found = []
    for version in sorted(directory.glob(f"{VERSION_PREFIX}*")):
        try:
            meta = json.loads((version / "manifest.json").read_text())
            found.append(f"{version.name} ({meta.get('articles')} articles, {meta.get('sentences')} sentences)")
        except (OSError, ValueError):
            found.append(f"{version.name} (no readable manifest)")
    return "; ".join(found) or "none"


def layout(directory: Path) -> Literal["empty", "index"]:
    """'empty' when there is nothing to lose (no folder, or only a lock and crash debris), 'index' when
    `current` names a readable snapshot; else IndexCorrupt naming the problem and the versions found."""
    if not directory.exists():
        return "empty"
    current = directory / CURRENT
    ours = [p for p in directory.iterdir() if p.name != LOCK_FILE and not _is_debris(p)]
    if not ours:
        return "empty"
    how = (
        f"point `current` at the version to keep (`ln -sfn VERSION {current}`), or move the folder away to "
        "build a new index from the corpus"
    )
    if not current.is_symlink() and not current.exists():
        raise IndexCorrupt(
            f"index directory {directory} holds data ({', '.join(sorted(p.name for p in ours))}) but no `current` "
            f"version; versions found: {_describe_versions(directory)}; {how}"
        )
    if not (current / "manifest.json").is_file():
        target = os.readlink(current) if current.is_symlink() else str(current)
        raise IndexCorrupt(
            f"index directory {directory}: `current` points to {target}, which is missing or has no manifest; "
            f"versions found: {_describe_versions(directory)}; {how}"
        )
    return "index"


def _is_debris(path: Path) -> bool:
    return path.name.startswith(".build-") or path.name.endswith(".tmp")


def exists(directory: Path) -> bool:
    """An index is there to load (False for an empty directory; IndexCorrupt for a broken one)."""
    return layout(directory) == "index"


def read_manifest(directory: Path) -> dict[str, object]:
    return dict(json.loads((directory / CURRENT / "manifest.json").read_text()))


def load(directory: Path, encoder: Encoder, exact_limit: int = 50_000) -> SentenceIndex:
    """The current snapshot with the log replayed on top; fail clearly if built for another model or format.

    Reading needs no lock; a writer compacting meanwhile can replace both, so a torn view is retried."""
    if layout(directory) == "empty":
        raise FileNotFoundError(f"no index at {directory}; run `python -m index build --out {directory}`")
    for attempt in range(3):
        try:
            index, _ = load_state(directory, encoder, exact_limit)
            return index
        except (FileNotFoundError, _Stale):
            if attempt == 2:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


class _Stale(IndexCorrupt):
    """The log moved on past the snapshot read (a writer compacted in between)."""


def load_state(directory: Path, encoder: Encoder, exact_limit: int) -> tuple[SentenceIndex, oplog.Contents]:
    """The index (snapshot + log) and the log's contents, for a writer to continue from."""
    folder = directory / os.readlink(directory / CURRENT) if (directory / CURRENT).is_symlink() else directory / CURRENT
    meta = dict(json.loads((folder / "manifest.json").read_text()))
    _check(meta, directory, encoder)
    index = _load_snapshot(folder, encoder, exact_limit)
    log_id, seq = str(meta.get("log_id") or ""), int(meta.get("log_seq") or 0)
    contents = oplog.read(directory / oplog.LOG_FILE)
    if log_id and contents.log_id == log_id:
        for entry in contents.entries:
            if entry.seq <= seq:
                continue  # already in the snapshot (a compaction ended before the log was rewritten)
            if entry.seq != seq + 1:
                raise _Stale(f"log jumps from {seq} to {entry.seq}")
            replay(index, entry.operation)
            seq = entry.seq
    index.origin = (log_id, seq) if log_id else None
    return index, contents


def replay(index: SentenceIndex, operation: oplog.Operation) -> None:
    """Apply one logged operation to an index in memory."""
    if isinstance(operation, oplog.Delete):
        index.delete(operation.article_id)
    else:
        index.apply(operation)


def _check(meta: dict[str, Any], directory: Path, encoder: Encoder) -> None:
    if meta.get("format_version") not in READABLE_FORMATS:
        raise IndexMismatch(
            f"index at {directory} has format {meta.get('format_version')}, this code reads {FORMAT_VERSION}; "
            f"rebuild it with `python -m index build --out {directory}`"
        )
    if meta.get("embedding_model") != encoder.name or meta.get("dimension") != encoder.dim:
        raise IndexMismatch(
            f"index at {directory} was built with {meta.get('embedding_model')} ({meta.get('dimension')}-d) "
            f"but the configured embedding model is {encoder.name} ({encoder.dim}-d); rebuild it with "
            f"`python -m index build --out {directory}` or set CLAIMS_EMBEDDING_MODEL={meta.get('embedding_model')}"
        )


def _load_snapshot(folder: Path, encoder: Encoder, exact_limit: int) -> SentenceIndex:
    with (folder / "articles.jsonl").open(encoding="utf-8") as src:
        articles = [Article(**json.loads(line)) for line in src]
    with (folder / "sentences.jsonl").open(encoding="utf-8") as src:
        sentences = [Sentence(**json.loads(line)) for line in src]
    vectors = np.load(folder / "vectors.npy", mmap_mode="r")  # not read when the saved HNSW holds them
    dense = None
    if (folder / "dense.faiss").is_file():
        dense = faiss.read_index(str(folder / "dense.faiss"))
        hnsw: Any = faiss.downcast_index(dense)
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
    return SentenceIndex.restore(encoder, articles, sentences, vectors, dense, exact_limit)
