"""Lexical (BM25) ranking: names, numbers and dates decide claims, and embeddings blur them."""

from __future__ import annotations

import re

import bm25s
import numpy as np

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
STOPWORDS = frozenset(
    """
    a an and are as at be been but by for from had has have he her his i if in into is it its of on
    or that the their them they this to was were which who will with would than then there these
    those we you your our she him not no do does did so such can could should may might
    """.split()
)


def tokens(text: str) -> list[str]:
    """Lower-case content words and numbers, possessives and plural -s folded."""
    out = []
    text = _ACRONYM.sub(lambda m: m.group().replace(".", ""), text)  # "U.S." and "US" are one token
    for raw in _TOKEN.findall(text.lower()):
        word = re.sub(r"['’]s$", "", raw).replace(",", "")
        if word in STOPWORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
            word = word[:-1]
        out.append(word)
    return out


def same_text(a: str, b: str) -> bool:
    """Whether two sentence strings name the same evidence (one contains the other, spacing ignored)."""
    x, y = " ".join(a.split()).lower(), " ".join(b.split()).lower()
    return bool(x and y) and (x in y or y in x)


def word_recall(claim_words: set[str], text: str) -> float:
    """The share of a claim's content words (`tokens`) that `text` holds."""
    return len(claim_words & set(tokens(text))) / len(claim_words) if claim_words else 0.0


class LexicalIndex:
    """BM25 over a fixed list of texts; rebuild it when the texts change."""

    def __init__(self, texts: list[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        if texts:
            # An empty token list would make bm25s drop the document and shift every index after it.
            self._bm25.index([tokens(t) or ["\x00"] for t in texts], show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(position, score) of the k best texts with a positive score, best first."""
        q = [t for t in tokens(query) if t in self._bm25.vocab_dict] if self.size else []
        if not q:
            return []
        docs, scores = self._bm25.retrieve([q], k=min(k, self.size), show_progress=False, n_threads=1)
        return [(int(d), float(s)) for d, s in zip(np.ravel(docs), np.ravel(scores), strict=True) if s > 0]
