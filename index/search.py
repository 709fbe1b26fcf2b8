"""Find evidence for a claim: dense and lexical rankings fused, near-duplicates collapsed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from index.articles import Article
from index.store import Sentence, SentenceIndex

Mode = Literal["dense", "lexical", "hybrid"]
RRF_K = 60
CANDIDATES = 50
MAX_POOL = 800  # candidates per ranking at most, however many copies fill them


@dataclass(frozen=True)
class Hit:
    """One distinct statement found for a query, with its context and the copies in other articles."""

    sentence: Sentence
    article: Article
    score: float  # fused (reciprocal-rank) score, higher is better
    dense: float | None  # cosine similarity to the query, if the dense ranking found it
    lexical: float | None  # BM25 score, if the lexical ranking found it
    before: str | None
    after: str | None
    copies: list[Sentence] = field(default_factory=list)  # near-duplicates in other articles

    @property
    def key(self) -> tuple[str, int]:
        """The statement itself, whichever search found it: its article and offset."""
        return self.sentence.article_id, self.sentence.start

    @property
    def sources(self) -> list[str]:
        """Distinct articles that carry this statement."""
        return list(dict.fromkeys([self.sentence.article_id, *(c.article_id for c in self.copies)]))


def rrf(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion of several rankings of the same items."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return fused


def search(
    index: SentenceIndex,
    query: str,
    k: int = 8,
    mode: Mode = "hybrid",
    exclude: Callable[[str], bool] | None = None,
) -> list[Hit]:
    """The k best distinct statements for the query; copies of one statement are folded together. A statement
    whose text `exclude` turns down takes no place among the k (the next best does), and is no copy of a hit: the
    test is on each sentence's own text, so a copy worded without what was excluded still counts.

    Where copies or excluded statements fill the candidate pool (a wire story carried by many outlets), the pool
    widens until it holds k distinct statements or holds every candidate the rankings have, up to MAX_POOL."""
    pool = max(CANDIDATES, 4 * k)
    vector = index.encoder.encode([query])[0] if mode != "lexical" else None
    while True:
        dense = index.dense_search(vector, pool) if vector is not None else []
        lexical = index.lexical_search(query, pool) if mode != "dense" else []
        hits = _fold(index, dense, lexical, k, exclude)
        exhausted = len(dense) < pool and len(lexical) < pool
        if len(hits) >= k or exhausted or pool >= MAX_POOL:
            return hits
        pool = min(MAX_POOL, 4 * pool)


def _fold(
    index: SentenceIndex,
    dense: list[tuple[int, float]],
    lexical: list[tuple[int, float]],
    k: int,
    exclude: Callable[[str], bool] | None,
) -> list[Hit]:
    """The rankings fused; the k best distinct statements `exclude` does not turn down, each with the copies of it
    the rankings found."""
    fused = rrf([[r for r, _ in dense], [r for r, _ in lexical]])
    dense_of, lexical_of = dict(dense), dict(lexical)
    hits: list[Hit] = []
    seen_groups: dict[int, Hit] = {}
    for row in sorted(fused, key=lambda r: (-fused[r], r)):
        sentence = index.sentences[row]
        if sentence is None or (len(hits) >= k and sentence.group not in seen_groups):
            continue  # past k, only copies of the hits already chosen are collected
        if exclude is not None and exclude(sentence.text):
            continue
        if sentence.group in seen_groups:
            seen_groups[sentence.group].copies.append(sentence)
            continue
        hit = hit_for(index, sentence, fused[row], dense_of.get(row), lexical_of.get(row))
        seen_groups[sentence.group] = hit
        hits.append(hit)
    return hits


def hit_for(
    index: SentenceIndex, sentence: Sentence, score: float = 0.0, dense: float | None = None, lex: float | None = None
) -> Hit:
    """A Hit for one sentence, with its neighbours and article."""
    rows = index.by_article[sentence.article_id]
    at = sentence.position  # rows are kept in position order
    before = index.sentences[rows[at - 1]] if at > 0 else None
    after = index.sentences[rows[at + 1]] if at + 1 < len(rows) else None
    return Hit(
        sentence=sentence,
        article=index.articles[sentence.article_id],
        score=score,
        dense=dense,
        lexical=lex,
        before=before.text if before else None,
        after=after.text if after else None,
    )
