"""Save and load a sentence index atomically, with a manifest that says what it was built with."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.articles import Article
from index.encoder import Encoder
from index.store import HNSW_EF_SEARCH, Sentence, SentenceIndex, build_dense

FORMAT_VERSION = 1
CURRENT = "current"


class IndexMismatch(RuntimeError):
    """A saved index that cannot be used with the configured embedding model or this code."""


def corpus_checksum(index: SentenceIndex) -> str:
    """One hash over every article's id and content, independent of insertion order."""
    digest = hashlib.sha256()
    for article_id in sorted(index.articles):
        digest.update(f"{article_id}\0{index.articles[article_id].checksum}\n".encode())
    return digest.hexdigest()


def manifest(index: SentenceIndex) -> dict[str, object]:
    return {
        "format_version": FORMAT_VERSION,
        "embedding_model": index.encoder.name,
        "dimension": index.encoder.dim,
        "sentences": index.live_count,
        "articles": len(index.articles),
        "corpus_checksum": corpus_checksum(index),
        "dense_index": "hnsw" if index.approximate else "exact",
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def save(index: SentenceIndex, directory: Path) -> dict[str, object]:
    """Write a compacted copy of the index into a new version folder, then switch `current` to it."""
    directory.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=directory, prefix=".build-"))
    try:
        meta = _write(index, tmp)
        # Unique per save (the temp folder's random suffix), so the live version is never overwritten.
        stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{str(meta['corpus_checksum'])[:8]}-{tmp.name.rsplit('-', 1)[-1]}"
        version = directory / f"v-{stamp}"
        os.rename(tmp, version)
        os.chmod(version, 0o755)
        link = directory / f".{CURRENT}.tmp"
        link.unlink(missing_ok=True)
        link.symlink_to(version.name)
        os.replace(link, directory / CURRENT)  # the atomic step: readers see the old or the new
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(directory, keep=version.name)
    return meta


def _write(index: SentenceIndex, folder: Path) -> dict[str, object]:
    live = [s for s in index.sentences if s is not None]
    rows = np.array([s.id for s in live], dtype=np.int64)
    vectors = index.vectors[rows] if len(rows) else np.zeros((0, index.encoder.dim), np.float32)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for article in index.articles.values():
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    with (folder / "sentences.jsonl").open("w", encoding="utf-8") as out:
        for new_id, s in enumerate(live):
            out.write(json.dumps({**asdict(s), "id": new_id}, ensure_ascii=False) + "\n")
    np.save(folder / "vectors.npy", vectors)
    if index.approximate:
        faiss.write_index(build_dense(vectors, approximate=True), str(folder / "dense.faiss"))
    meta = manifest(index)
    (folder / "manifest.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def _prune(directory: Path, keep: str) -> None:
    for old in directory.glob("v-*"):
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def exists(directory: Path) -> bool:
    return (directory / CURRENT / "manifest.json").is_file()


def read_manifest(directory: Path) -> dict[str, object]:
    return dict(json.loads((directory / CURRENT / "manifest.json").read_text()))


def load(directory: Path, encoder: Encoder, exact_limit: int = 50_000) -> SentenceIndex:
    """Load the current version; fail clearly if it was built for another model or format."""
    folder = directory / CURRENT
    meta = read_manifest(directory)
    if meta.get("format_version") != FORMAT_VERSION:
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
    with (folder / "articles.jsonl").open(encoding="utf-8") as src:
        articles = [Article(**json.loads(line)) for line in src]
    with (folder / "sentences.jsonl").open(encoding="utf-8") as src:
        sentences = [Sentence(**json.loads(line)) for line in src]
    vectors = np.load(folder / "vectors.npy")
    dense = None
    if (folder / "dense.faiss").is_file():
        dense = faiss.read_index(str(folder / "dense.faiss"))
        hnsw: Any = faiss.downcast_index(dense)
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
    return SentenceIndex.restore(encoder, articles, sentences, vectors, dense, exact_limit)
