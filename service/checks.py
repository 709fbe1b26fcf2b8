"""Deterministic checks where small models fail: numbers, dates, negation, names unknown to the archive."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.lexical import tokens

_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty
    """.split()
    )
}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "half": "0.5"})
_WEEKDAYS = {
    name: day
    for day in "monday tuesday wednesday thursday friday saturday sunday".split()
    for name in (day, day[:3], day[:4])
}
_WEEKDAYS.update({"thur": "thursday", "thurs": "thursday", "tues": "tuesday"})
_MONTHS = {
    name: month
    for month in "january february march april may june july august september october november december".split()
    for name in (month, month[:3])
}
_MONTHS["sept"] = "september"
_DETAIL = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[A-Za-z]+)(?:\.)?",
)
_RELATIVE = re.compile(r"\b(this|next|last|previous|following|coming)\s+(week|month|year|weekend)\b", re.I)
_NEGATION = re.compile(
    r"\b(not|no|never|none|nothing|neither|nor|without|cannot|yet to|refused|denied|declined)\b|n['’]t\b",
    re.I,
)
_NAME = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z][\w’'-]*")  # acronyms ("U.S.") first, then words
_RELATIVE_NORMAL = {"following": "next", "coming": "next", "previous": "last"}


_CALENDAR = set(_WEEKDAYS) | set(_MONTHS)


def details(text: str) -> dict[str, set[str]]:
    """Numbers, years, weekdays, months and relative time words, normalised, by kind."""
    found: dict[str, set[str]] = {
        "number": set(),
        "year": set(),
        "weekday": set(),
        "month": set(),
        "relative": set(),
    }
    for match in _DETAIL.finditer(text):
        if match.group("num"):
            value = match.group("num").replace(",", "")
            kind = "year" if re.fullmatch(r"(19|20)\d\d", value) else "number"
            found[kind].add(value)
            continue
        raw = match.group("word")
        word = raw.lower()
        named = raw[0].isupper()  # "May" the month, not "may" the verb
        if word in _NUMBER_WORDS and word != "one":  # "one" is mostly a pronoun ("no one", "one of")
            found["number"].add(_NUMBER_WORDS[word])
        elif named and word in _WEEKDAYS:
            found["weekday"].add(_WEEKDAYS[word])
        elif named and word in _MONTHS:
            found["month"].add(_MONTHS[word])
    for rel in _RELATIVE.finditer(text):
        first = rel.group(1).lower()
        found["relative"].add(f"{_RELATIVE_NORMAL.get(first, first)} {rel.group(2).lower()}")
    return found


def detail_conflicts(claim: str, evidence: str) -> list[str]:
    """Kinds of detail the claim states and the evidence states differently (e.g. another weekday)."""
    c, e = details(claim), details(evidence)
    return [kind for kind in c if c[kind] and e[kind] and not (c[kind] & e[kind])]


def negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


def unknown_terms(claim: str, vocabulary: Iterable[str] | set[str]) -> list[str]:
    """Content words and numbers of the claim that appear nowhere in the archive."""
    vocab = vocabulary if isinstance(vocabulary, set) else set(vocabulary)
    return [t for t in dict.fromkeys(tokens(claim)) if t not in vocab]


def unknown_names(claim: str, vocabulary: set[str]) -> list[str]:
    """Capitalised words inside the claim (likely names) that appear nowhere in the archive."""
    names = []
    for i, word in enumerate(_NAME.findall(claim)):
        if i == 0 or not word[0].isupper() or word.lower().rstrip(".") in _CALENDAR:
            continue  # weekdays and months are details, checked by detail_conflicts
        toks = tokens(word)
        if toks and all(t not in vocabulary for t in toks):
            names.append(word)
    return names
