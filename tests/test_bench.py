"""The scale benchmark's repeated archive: every copy its own articles, its sentences folded into the groups of
the ones they copy, loadable as the service loads an index."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eval.bench import repeated_index
from index import persist
from index.store import SentenceIndex
from index.writer import IndexWriter


def test_repeated_index_copies_fold_into_their_groups(fake_index: SentenceIndex, tmp_path: Path) -> None:
    IndexWriter.attach(fake_index, tmp_path / "real").close()
    repeated_index(tmp_path / "real", 3, tmp_path / "big", fake_index.encoder, exact_limit=50)

    big = persist.load(tmp_path / "big", fake_index.encoder, exact_limit=50)
    n = fake_index.live_count
    assert big.live_count == 3 * n and len(big.articles) == 3 * len(fake_index.articles)
    assert big.approximate  # past exact_limit: HNSW, as a large archive gets
    groups = {s.group for s in fake_index.sentences if s is not None}
    assert {s.group for s in big.sentences if s is not None} == groups  # a copy folds into its original's group
    first = fake_index.sentences[0]
    assert first is not None
    copy = next(s for s in big.sentences if s is not None and s.article_id == f"{first.article_id}~2")
    original = fake_index.vectors[first.id]
    assert copy.text == first.text
    assert 0.9 < float(np.dot(big.vectors[copy.id], original)) < 1.0
    assert np.allclose(np.linalg.norm(big.vectors, axis=1), 1.0, atol=1e-5)
