"""Deterministic stand-ins for the models, for fast unit tests. Slow tests use the real ones."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable

import numpy as np

from index.lexical import tokens
from service.aggregate import Aggregator
from service.decide import DEFAULT_FEATURES
from service.judge import NaiveAnswer, Reading


class FakeEncoder:
    """Hashed bag of words: texts sharing words get similar vectors; same text, same vector."""

    name = "fake-bow"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text) or ["\0"]:
                bucket = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def overlap(claim: str, passage: str) -> float:
    """Share of the claim's words found in the passage."""
    c, p = set(tokens(claim)), set(tokens(passage))
    return len(c & p) / len(c) if c else 0.0


class FakeJudge:
    """The local LLM's stand-in: readings from a scripted queue of replies, else "true" by word overlap; records
    what it was asked.

    A scripted reply is a list with one entry per passage: a Reading, or a bare number for a Reading that
    says "true" with that probability and "false" never."""

    preset = "fake"
    sha256 = "0" * 64

    def __init__(
        self,
        replies: Iterable[list[Reading | float]] = (),
        score: Callable[[str, str], float] = overlap,
        naive: NaiveAnswer | None = None,
    ) -> None:
        self.replies: deque[list[Reading | float]] = deque(replies)
        self.score = score
        self.naive = naive
        self.asked: list[tuple[str, list[str]]] = []
        self.prepared: list[str] = []
        self.room: int | None = None  # passages that can be kept prepared (None: any number)

    def read(self, claim: str, passages: list[str]) -> list[Reading]:
        self.asked.append((claim, passages))
        if self.replies:
            return [r if isinstance(r, Reading) else Reading(r, 0.0) for r in self.replies.popleft()]
        return [Reading(self.score(claim, p), 0.0) for p in passages]

    def prepare(self, passage: str) -> bool:
        if self.room is not None and len(set(self.prepared)) >= self.room:
            return False
        self.prepared.append(passage)
        return True

    def prepared_count(self) -> int:
        return len(set(self.prepared))

    def explain(self, claim: str, label: str, passages: list[str]) -> str:
        return f"{label} by {len(passages)} passage(s)"

    def naive_verdict(self, claim: str, passages: list[str]) -> NaiveAnswer | None:
        return self.naive


class FakeReader:
    """The trained judge's stand-in: P(true) by word overlap (or a scripted function), P(false) scripted."""

    name = "fake-reader"
    sha256 = "1" * 64

    def __init__(
        self, true: Callable[[str, str], float] = overlap, false: Callable[[str, str], float] = lambda c, p: 0.0
    ) -> None:
        self.true, self.false = true, false
        self.asked: list[tuple[str, list[str]]] = []

    def read(self, claim: str, passages: list[str]) -> list[Reading]:
        self.asked.append((claim, passages))
        out = []
        for p in passages:
            t = self.true(claim, p)
            out.append(Reading(t, min(self.false(claim, p), 1.0 - t)))
        return out


# Hand-set aggregator weights that read like simple rules, so unit tests do not depend on fitted weights:
# a confident judge supports; a close statement the judge rejects refutes, unless the claim names things the
# archive never mentions; a confirmation plus other details in another article conflicts.
_RULES = {  # feature: (supported, refuted, not_enough_info, conflicting)
    "relevance": (0, 4, 0, 0),
    "p_true": (12, -4, 0, 12),
    "p_false": (-6, 14, 0, 0),
    "disagreement": (0, 0, 0, 30),
}


def rules_aggregator() -> Aggregator:
    names = DEFAULT_FEATURES
    coef = np.array([_RULES.get(f, (0, 0, 0, 0)) for f in names], dtype=float)
    n = len(names)
    return Aggregator(names, np.zeros(n), np.ones(n), coef, np.array([-6.0, -6.5, 0.0, -14.0]), {"fake": True})
