"""Tell reporting from page furniture in scraped news text, with rules that hold across outlets.

Every piece of an article's text is either kept as a sentence or dropped with a reason, so that an
ingest report can say what was left out and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.segment import Span, list_marker, paragraphs, sentences

_TERMINAL = tuple(".!?…\"'”’):。！？")  # the last three end sentences in Chinese and Japanese
_WORD = re.compile(r"[\w’'-]+")
_COOKIE = re.compile(r"\bcookies?\b", re.I)
# A cookie notice talks to the reader about the site; news about cookies does not.
_READER = re.compile(r"\b(we|our|us|you|your|agree|accept|consent|manage settings)\b", re.I)
_SITE = re.compile(r"\b(site|website|browse|browsing|browser|device|experience|consent|settings|privacy)\b", re.I)
_PROMO = re.compile(
    r"^((your guide to|sign up|subscribe( now| today| to our)?|get our|download (our|the) app|follow us|read more"
    r"|related( articles| stories)?|similar articles|advertisement|share this|all rights reserved|copyright"
    r"|click here)\b|©)\s*(:|$|\w+ \w+)",
    re.I,
)
_BYLINE = re.compile(
    r"^\(?(additional reporting by|reporting by|editing by|written by|compiled by|produced by)\b", re.I
)
# "CNN's Dave Alsup contributed to this report.": who helped write the story, not what it reports.
_CONTRIBUTED = re.compile(r"\bcontributed( reporting)? to (this|the) (report|story|article)\W*$", re.I)
# A paragraph that ends with a photo credit is a caption: "... / AFP via Getty Images".
_CREDIT = re.compile(
    r"(\s/\s*|\bvia\s+)[A-Z][\w .&-]*?(Images?|Photos?|AFP|Reuters|AP|EPA|Press|Pool|Agency)\s*$"
    r"|\((AP|AFP|Reuters|EPA|Getty)\s*(Photo|Images?)\b[^)]*\)\s*$"
    # "Photograph: Fabrice Coffrini/AFP", "(Photo by Sergey Bobok/AFP ...)": a credit closes the paragraph.
    r"|(^|[.!?]\s+|\()(Photo(graph)?|Image|Picture)\s*(credit)?\s*(:|by)\s[^.!?]{1,80}$",
    re.I,
)
_GAP = re.compile(r"[-*•▪]")
MIN_WORDS = 3
HEADING_MAX_WORDS = 25
# Captions, notices and promos are a few sentences at most: a paragraph this short may be dropped whole. In a
# longer one (a whole article printed as one line) one phrase must not drop the reporting around it; there,
# as in a short paragraph that is reporting, the rules judge each sentence ("... CLICK HERE to watch.").
BLOCK_MAX_SENTENCES = 3


@dataclass(frozen=True)
class Dropped:
    """A piece of an article left out of the index, and why ("photo caption", "too short", ...)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """An article's text split into the sentences kept for the index and the pieces dropped."""

    kept: list[Span]
    dropped: list[Dropped]


def words(text: str) -> list[str]:
    """Lower-case word tokens, for comparing snippets of text."""
    return [w.lower() for w in _WORD.findall(text)]


def _similar(a: str, b: str, threshold: float = 0.8) -> bool:
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold


def furniture_reason(piece: str, title: str) -> str | None:
    """Why a piece of text (a paragraph or a sentence) is page furniture, or None if it may be reporting."""
    piece = " ".join(piece.split())  # hard-wrapped copy breaks "contributed to this\nreport." across lines
    n_words = len(words(piece))
    if _COOKIE.search(piece) and _READER.search(piece) and _SITE.search(piece):
        return "consent notice"
    if _PROMO.search(piece) and (n_words < HEADING_MAX_WORDS or ":" in piece[:40]):
        return "promotion or navigation"
    # "Reporting by A; Editing by B" is a credit line; "Written by the boxer himself, the song ..." is reporting.
    if _BYLINE.search(piece) and (";" in piece or "," not in piece) and n_words < HEADING_MAX_WORDS:
        return "credit line"
    if _CREDIT.search(piece):
        return "photo caption"
    if title and _similar(piece, title):
        return "repeated headline"
    return None


def boilerplate_reason(paragraph: str, title: str, item: bool = False) -> str | None:
    """Why a short paragraph is not reporting, or None if it is; a list item needs no final period."""
    reason = furniture_reason(paragraph, title)
    if reason:
        return reason
    n_words = len(words(paragraph))
    heading = not item and not paragraph.rstrip().endswith(_TERMINAL) and n_words < HEADING_MAX_WORDS
    if heading and n_words > 1:
        return "heading"  # "Most Read", "Key facts"; a lone "x" is too short
    return "too short" if n_words < MIN_WORDS else None


def clean(text: str, title: str) -> Cleaned:
    """The reporting sentences of the text, in order, and every other piece with the reason it was dropped."""
    kept: list[Span] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    for para in paragraphs(text):
        marker = list_marker(text, para)
        body_span = Span(marker.end, para.end) if marker else para
        body = body_span.of(text)
        key = " ".join(words(body))
        if key in seen:
            dropped.append(Dropped(body_span.start, body_span.end, "repeated paragraph"))
            continue  # scraping artefacts: a headline printed twice
        seen.add(key)
        spans = sentences(text, para)
        reason = boilerplate_reason(body, title, item=marker is not None) if len(spans) <= BLOCK_MAX_SENTENCES else None
        if reason:
            dropped.append(Dropped(body_span.start, body_span.end, reason))
            continue
        spans = _drop_furniture(text, spans, title, dropped)
        kept.extend(_merge_fragments(text, spans, dropped))
    dropped.sort(key=lambda d: d.start)
    return Cleaned(kept, dropped)


def reporting_sentences(text: str, title: str) -> list[Span]:
    """Sentences of the text that are reporting, in order, with offsets into `text`."""
    return clean(text, title).kept


def _sentence_reason(sentence: str, title: str) -> str | None:
    """Why one sentence is furniture: the rules for any piece, and a closing credit, which ends its paragraph
    without making the paragraph a credit."""
    if _CONTRIBUTED.search(" ".join(sentence.split())) and len(words(sentence)) < HEADING_MAX_WORDS:
        return "credit line"
    return furniture_reason(sentence, title)


def _drop_furniture(text: str, spans: list[Span], title: str, dropped: list[Dropped]) -> list[Span]:
    kept = []
    for span in spans:
        reason = _sentence_reason(span.of(text), title)
        if reason:
            dropped.append(Dropped(span.start, span.end, reason))
        else:
            kept.append(span)
    return kept


def _merge_fragments(text: str, spans: list[Span], dropped: list[Dropped]) -> list[Span]:
    """Join a sentence too short to stand alone ("No, look.") to the one after it (or before, if last)."""
    merged: list[Span] = []
    carry: Span | None = None  # the fragments read so far, waiting for a sentence to join
    for span in spans:
        if carry is not None and not _adjacent(text, carry, span):
            dropped.append(Dropped(carry.start, carry.end, "too short"))
            carry = None
        joined = span if carry is None else Span(carry.start, span.end)
        if len(words(joined.of(text))) < MIN_WORDS:
            carry = joined
        else:
            merged.append(joined)
            carry = None
    if carry is not None:
        if merged and _adjacent(text, merged[-1], carry):
            merged[-1] = Span(merged[-1].start, carry.end)
        else:
            dropped.append(Dropped(carry.start, carry.end, "too short"))
    return merged


def _adjacent(text: str, before: Span, after: Span) -> bool:
    """Only white space or a list marker between two pieces: no dropped furniture would be joined in."""
    return not _GAP.sub("", text[before.end : after.start]).strip()
