"""Tell reporting from page furniture in scraped news text, with rules that hold across outlets."""

from __future__ import annotations

import re

from index.segment import Span, paragraphs, sentences

_TERMINAL = tuple(".!?…\"'”’):")
_WORD = re.compile(r"[\w’'-]+")
_COOKIE = re.compile(r"\bcookies?\b", re.I)
# A cookie notice talks to the reader about the site; news about cookies does not.
_READER = re.compile(r"\b(we|our|us|you|your|agree|accept|consent|manage settings)\b", re.I)
_PROMO = re.compile(
    r"^((your guide to|sign up|subscribe( now| today| to our)?|get our|download (our|the) app|follow us|read more"
    r"|related( articles| stories)?|similar articles|advertisement|share this|all rights reserved|copyright"
    r"|click here)\b|©)\s*(:|$|\w+ \w+)",
    re.I,
)
_BYLINE = re.compile(r"^(additional reporting by|reporting by|editing by|written by|compiled by|produced by)\b", re.I)
# A paragraph that ends with a photo credit is a caption: "... / AFP via Getty Images".
_CREDIT = re.compile(
    r"(\s/\s*|\bvia\s+)[A-Z][\w .&-]*?(Images?|Photos?|AFP|Reuters|AP|EPA|Press|Pool|Agency)\s*$"
    r"|\((AP|AFP|Reuters|EPA|Getty)\s*(Photo|Images?)\b[^)]*\)\s*$"
    r"|\b(Photo(graph)?|Image|Picture)\s*(credit)?\s*(:|by)\s",
    re.I,
)
_BULLET = re.compile(r"[-•*–—]\s+")
MIN_WORDS = 3
HEADING_MAX_WORDS = 25


def words(text: str) -> list[str]:
    """Lower-case word tokens, for comparing snippets of text."""
    return [w.lower() for w in _WORD.findall(text)]


def _similar(a: str, b: str, threshold: float = 0.8) -> bool:
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold


def boilerplate_reason(paragraph: str, title: str) -> str | None:
    """Why a paragraph is not reporting, or None if it is."""
    n_words = len(words(paragraph))
    if _COOKIE.search(paragraph) and _READER.search(paragraph):
        return "consent notice"
    if _PROMO.search(paragraph) and (n_words < HEADING_MAX_WORDS or ":" in paragraph[:40]):
        return "promotion or navigation"
    if _BYLINE.search(paragraph):
        return "credit line"
    if _CREDIT.search(paragraph):
        return "photo caption"
    if title and _similar(paragraph, title):
        return "repeated headline"
    if not paragraph.rstrip().endswith(_TERMINAL) and n_words < HEADING_MAX_WORDS:
        return "heading or fragment"
    if n_words < MIN_WORDS:
        return "fragment"
    return None


def reporting_sentences(text: str, title: str) -> list[Span]:
    """Sentences of the text that are reporting, in order, with offsets into `text`."""
    kept: list[Span] = []
    seen: set[str] = set()
    for para in paragraphs(text):
        body = para.of(text)
        key = " ".join(words(body))
        if key in seen or boilerplate_reason(body, title):
            continue  # repeated paragraphs are scraping artefacts (a headline printed twice)
        seen.add(key)
        kept.extend(_merge_fragments(text, [_strip_bullet(text, s) for s in sentences(text, para)]))
    return kept


def _strip_bullet(text: str, span: Span) -> Span:
    bullet = _BULLET.match(text, span.start, span.end)
    return Span(bullet.end(), span.end) if bullet and bullet.end() < span.end else span


def _merge_fragments(text: str, spans: list[Span]) -> list[Span]:
    """Join a sentence too short to stand alone ("No, look.") to the one after it (or before, if last)."""
    merged: list[Span] = []
    carry: int | None = None
    for span in spans:
        start = span.start if carry is None else carry
        if len(words(text[start : span.end])) < MIN_WORDS:
            carry = start
            continue
        merged.append(Span(start, span.end))
        carry = None
    if carry is not None and merged:
        merged[-1] = Span(merged[-1].start, spans[-1].end)
    return merged
