"""Split article text into paragraphs and sentences, keeping exact character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) into an article's original text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


# Words that end with a period without ending the sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen lt col capt sgt maj adm cmdr st jr sr rev hon pres inc ltd co
    corp bros plc llc dept univ assn est approx vs etc al cf fig no nos vol pp op ed jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun a.m p.m e.g i.e u.s
    u.k u.n e.u u.s.a d.c ph.d
    """.split()
)

# A candidate end: terminal punctuation, then any closing quotes or brackets.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*")
# What may open the next sentence: an opening quote/bracket, then a capital (any script) or a digit.
_NEXT = re.compile(r"\s+(?=[\"'“‘«(\[]?(?:[^\W\d_]|\d))")
# Abbreviations that are also words ("said no.", "they wed."): abbreviations only before a number.
AMBIGUOUS = frozenset({"no", "nos", "sun", "sat", "wed"})
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines of the text, trimmed of surrounding white space."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append(Span(start, start + len(stripped)))
    return spans


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentences of a paragraph; abbreviations, initials and decimals do not end a sentence."""
    span = within or Span(0, len(text))
    chunk = span.of(text)
    cuts, begin = [], 0
    for match in _END.finditer(chunk):
        follow = _NEXT.match(chunk, match.end())
        if not follow or not _opens_sentence(chunk, follow.end()) or _is_abbreviation(chunk, match, follow.end()):
            continue
        cuts.append((begin, match.end()))
        begin = follow.end()
    if begin < len(chunk):
        cuts.append((begin, len(chunk)))
    spans = []
    for a, b in cuts:
        piece = chunk[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            spans.append(Span(span.start + a + lead, span.start + b - trail))
    return spans


def _opens_sentence(chunk: str, at: int) -> bool:
    first = next((c for c in chunk[at : at + 3] if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _is_abbreviation(chunk: str, match: re.Match[str], next_at: int) -> bool:
    if match.group()[0] != "." or len(match.group().rstrip("\"'”’)]")) > 1:
        return False  # "?", "!", "..." and quoted ends are real ends
    before = _WORD_BEFORE.search(chunk, 0, match.start())
    if not before:
        return False
    word = before.group(1).strip(".").lower()
    if word in AMBIGUOUS:
        return chunk[next_at : next_at + 1].isdigit()
    # A single letter is an initial ("J. Smith"); letters with dots are an acronym ("U.S."), unlike "4.1".
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or bool(_ACRONYM.fullmatch(word))
