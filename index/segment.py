"""Split article text into paragraphs and sentences, keeping exact character offsets.

A paragraph is what a reader sees as one block: lines hard-wrapped at a fixed width (wire copy) and a
dateline on a line of its own ("WASHINGTON (AP) —") are joined to the line that continues them; a list
item ("- ", "* ", "• ", "1. ") is its own paragraph, and its marker is not part of its sentence.
"""

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
# What follows an end: white space, then either a list marker ("... $3.88. • Broccoli ...") or the next sentence.
_NEXT = re.compile(r"\s+(?P<marker>[-*•▪]\s+)?")
# What may open the next sentence: an opening quote/bracket, then a capital (any script) or a digit.
_OPENS = re.compile(r"[\"'“‘«(\[]?(?:[^\W\d_]|\d)")
_END_OF_LINE = re.compile(_END.pattern + "$")
# A bullet character inside running text starts a list item even where no sentence ended ("Prices: • Berries").
_INLINE_BULLET = re.compile(r"(?<=\s)[•▪]\s+(?=\S)")
# A list item's marker at the start of a line: a bullet or dash, or a number of one or two digits.
_MARKER = re.compile(r"(?:[-*•▪◦‣–—]|\d{1,2}[.)])[ \t\u00a0]+(?=\S)")
_CLOSING_QUOTES = "\"'”’"
# Abbreviations that are also words ("said no.", "they wed."): abbreviations only before a number.
AMBIGUOUS = frozenset({"no", "nos", "sun", "sat", "wed"})
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# A line ending in a dash, comma or semicolon goes on ("LONDON, Nov 3 (Reuters) -", "... and the,").
_CONTINUES = re.compile(r"(?:[,;]|\s[-–—]|[–—])$")
_HYPHEN_BREAK = re.compile(r"\w-$")
_DATELINE_DASH = re.compile(r"(?:\s[-–—]|[–—])$")
# Hard-wrapped copy: a widest line of this many characters at most, most full lines ending mid-sentence.
WRAP_WIDTH = range(40, 101)
WRAP_SLACK = 3  # double spaces between sentences make a wrapper break a little before the width
FULL_LINE = 0.75  # a line at least this share of the widest is "full" (the wrapper broke it)
MIN_QUOTE_TAIL_WORDS = 4  # '"Are you a woman?" Sawyer asked.' is one sentence: the tail is this short or shorter
# The verb closing an attribution: a past tense in -ed, or one of the irregular ones news copy uses for speech.
_SPEECH_VERB = re.compile(r"[a-z]+ed|said|says|wrote|writes|told|tells|asks")


@dataclass(frozen=True)
class _Line:
    content: Span  # the line without surrounding white space
    width: int  # columns from the start of the line to the end of its content
    lead: int  # columns of indentation


def paragraphs(text: str) -> list[Span]:
    """Blocks a reader sees as paragraphs: trimmed lines, hard-wrapped lines joined, list items apart."""
    lines = _lines(text)
    wrap = _wrap_width(text, lines)
    spans: list[Span] = []
    previous: _Line | None = None
    item: _Line | None = None  # the first line of the list item being read
    for line in lines:
        if line is None:
            # A dateline alone above a blank line ("WASHINGTON (AP) —") still opens the paragraph after it.
            if previous is not None and not _DATELINE_DASH.search(previous.content.of(text)):
                previous = None
            continue
        if previous is not None and _continues(text, previous, line, wrap, item):
            spans[-1] = Span(spans[-1].start, line.content.end)
        else:
            spans.append(line.content)
            item = line if _MARKER.match(text, line.content.start, line.content.end) else None
        previous = line
    return spans


def _lines(text: str) -> list[_Line | None]:
    """Every line of the text; None for a blank one (it ends a paragraph)."""
    lines: list[_Line | None] = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        raw = match.group().rstrip("\r\n")
        if not match.group():
            break
        stripped = raw.strip()
        if not stripped:
            lines.append(None)
            continue
        start = match.start() + len(raw) - len(raw.lstrip())
        # Indentation is spaces and tabs only: a no-break space opening a line is text.
        lead = len(raw) - len(raw.lstrip(" \t"))
        lines.append(_Line(Span(start, start + len(stripped)), len(raw.rstrip()), lead))
    return lines


def _wrap_width(text: str, lines: list[_Line | None]) -> int | None:
    """The column at which the text was hard-wrapped, or None if it was not."""
    present = [line for line in lines if line is not None]
    if len(present) < 3:
        return None
    # The width most full lines reach (a long address or table row above it does not count).
    width = sorted(line.width for line in present)[(len(present) * 9) // 10]
    if width not in WRAP_WIDTH:
        return None
    full = [
        line
        for line in present
        if line.width >= FULL_LINE * width and not _MARKER.match(text, line.content.start, line.content.end)
    ]
    mid_sentence = [line for line in full if not _ends_sentence(text, line.content, None)]
    # Wire copy breaks most full lines inside a sentence; a page of one-sentence lines ends every one.
    return width if len(mid_sentence) >= 2 and len(mid_sentence) * 2 >= len(full) else None


def _continues(text: str, line: _Line, following: _Line, wrap: int | None, item: _Line | None) -> bool:
    """Whether `following` carries on the paragraph of `line` (`item`: the first line of its list item)."""
    body = line.content.of(text)
    marker = _MARKER.match(text, following.content.start, following.content.end)
    if marker:
        return item is None and _wraps_before_marker(text, line, marker.group(), wrap)
    if item is not None:
        return following.lead > item.lead  # a list item goes on only in lines indented under it
    if _CONTINUES.search(body):
        return True
    if wrap is not None:
        return _wraps(text, line, following, wrap)
    # Unwrapped text: a line broken mid-sentence, "... said the\nminister", goes on.
    first = text[following.content.start]
    return first.islower() and len(body.split()) >= 3 and not _END_OF_LINE.search(body)


def _wraps(text: str, line: _Line, following: _Line, wrap: int) -> bool:
    """In hard-wrapped copy: the line was broken by the wrapper, not at the end of a paragraph or a heading."""
    if following.lead > line.lead:
        return False  # an indented first line opens a paragraph
    if _HYPHEN_BREAK.search(line.content.of(text)):
        return True  # "Seyne-les-\nAlpes": broken inside a hyphenated word
    # A wrapper breaks a line only where the next word does not fit; a line the next word would have fitted
    # was ended by the writer: a paragraph's last line, or a heading ("Talks stall in Geneva").
    first_word = following.content.of(text).split(" ", 1)[0].split("\t", 1)[0]  # a no-break space joins words
    return line.width + 1 + len(first_word) > wrap - WRAP_SLACK


def _wraps_before_marker(text: str, line: _Line, marker: str, wrap: int | None) -> bool:
    """Wrapped copy may break a full line before a dash or a number: "... league\n– are being linked"."""
    if wrap is None or line.width < FULL_LINE * wrap or marker[0] in "•▪◦‣*":
        return False
    if marker[0].isdigit():
        return int(marker.rstrip(".) \t\u00a0")) != 1  # a numbered list starts at 1
    return not line.content.of(text).endswith(":") and not _ends_sentence(text, line.content, None)


def _ends_sentence(text: str, line: Span, following: Span | None) -> bool:
    """Whether a sentence ends at the end of `line` (read as if `following` came after a space)."""
    body = line.of(text)
    end = _END_OF_LINE.search(body)
    if end is None:
        return False
    if following is None:
        return True
    chunk = f"{body} {following.of(text)[:40]}"
    return not _is_abbreviation(chunk, end, len(body) + 1) and _opens_sentence(chunk, len(body) + 1)


def list_marker(text: str, paragraph: Span) -> Span | None:
    """The marker ("- ", "• ", "1. ") that opens a list item, with the white space after it."""
    match = _MARKER.match(text, paragraph.start, paragraph.end)
    return Span(match.start(), match.end()) if match else None


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentences of a paragraph; abbreviations, initials and decimals do not end a sentence; list items do."""
    span = within or Span(0, len(text))
    marker = list_marker(text, span)
    if marker is not None:
        span = Span(marker.end, span.end)
    chunk = span.of(text)
    cuts = []
    begin = 0
    for piece_start, piece_end in _bullet_pieces(chunk):
        begin = piece_start
        for match in _END.finditer(chunk, piece_start, piece_end):
            follow = _NEXT.match(chunk, match.end(), piece_end)
            if not follow or follow.end() >= piece_end:
                continue
            if not follow.group("marker") and not _is_end(chunk, match, follow.end(), piece_end):
                continue
            cuts.append((begin, match.end()))
            begin = follow.end()
        cuts.append((begin, piece_end))
    spans = []
    for a, b in cuts:
        piece = chunk[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            spans.append(Span(span.start + a + lead, span.start + b - trail))
    return spans


def _bullet_pieces(chunk: str) -> list[tuple[int, int]]:
    """The chunk cut at inline bullet characters, each piece starting after its bullet."""
    pieces, begin = [], 0
    for bullet in _INLINE_BULLET.finditer(chunk):
        pieces.append((begin, bullet.start()))
        begin = bullet.end()
    pieces.append((begin, len(chunk)))
    return pieces


def _is_end(chunk: str, match: re.Match[str], next_at: int, limit: int) -> bool:
    if not _opens_sentence(chunk, next_at) or _is_abbreviation(chunk, match, next_at):
        return False
    return not _is_quote_tail(chunk, match, next_at, limit)


def _is_quote_tail(chunk: str, match: re.Match[str], next_at: int, limit: int) -> bool:
    """A quoted question or exclamation and its short attribution: '"Are you a woman?" Sawyer asked.'."""
    end = match.group()
    if end[-1] not in _CLOSING_QUOTES or not any(c in end for c in "?!"):
        return False
    following = _END.search(chunk, next_at, limit)
    if following is None or following.group() != ".":
        return False
    tail = chunk[next_at : following.start()]
    words = tail.split()
    # The tail names who spoke and ends with the verb of speech: "Sawyer asked", "McLean recalled", "I said".
    speech = 1 < len(words) <= MIN_QUOTE_TAIL_WORDS and bool(_SPEECH_VERB.fullmatch(words[-1]))
    return speech and not any(c in tail for c in '"“‘')


def _opens_sentence(chunk: str, at: int) -> bool:
    if not _OPENS.match(chunk, at):
        return False
    first = next((c for c in chunk[at : at + 3] if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _is_abbreviation(chunk: str, match: re.Match[str], next_at: int) -> bool:
    if match.group()[0] != "." or len(match.group().rstrip("\"'”’)]")) > 1:
        return False  # "?", "!", "..." and quoted ends are real ends
    before = _WORD_BEFORE.search(chunk, max(0, match.start() - 64), match.start())
    if not before:
        return False
    word = before.group(1).strip(".").lower()
    if word in AMBIGUOUS:
        return chunk[next_at : next_at + 1].isdigit()
    # A single letter is an initial ("J. Smith"); letters with dots are an acronym ("U.S."), unlike "4.1".
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or bool(_ACRONYM.fullmatch(word))
