"""Deterministic checks where small models fail: numbers, dates, negation, names unknown to the archive."""

from __future__ import annotations

import math
import re

from index.lexical import tokens
from service.roles import role_conflict

_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty
    """.split()
    )
}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80"})
_NUMBER_WORDS.update({"ninety": "90", "hundred": "100", "half": "0.5"})
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
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ABBREVIATED = {"bn": "billion", "m": "million", "k": "thousand"}  # "£14m", "$2.5bn": after a currency sign only
_DETAIL = re.compile(
    rf"(?P<money>[£$€]\s?)?(?P<num>\d+(?:[.,]\d+)*)(?:\s*(?P<scale>{'|'.join(_SCALE)})\b|(?P<abbr>"
    rf"{'|'.join(_ABBREVIATED)})\b)?|(?P<word>[A-Za-z]+)(?:\.)?",
    re.I,
)
_COUNTING = "|".join(w for w in _NUMBER_WORDS if w != "half")  # words that count, "hundred" among them
# A spelled-out amount: number words in a run ("eleven hundred", "three hundred and fifty", "twenty-five
# thousand"), or "a" before a scale word ("a million"); read as one number, not one per word.
_SCALE_WORDS = ("hundred", *_SCALE)
_SCALE_WORD = "|".join(_SCALE_WORDS)
_AND = "(?:" + "|".join(f"(?<={w})" for w in _SCALE_WORDS) + r")\s+and\s+"  # "three hundred and fifty"
_SPELLED = re.compile(
    rf"\b(?:an?\s+(?:{_SCALE_WORD})|{_COUNTING})(?:(?:{_AND}|[\s-]+)(?:{_COUNTING}|{_SCALE_WORD}))*\b", re.I
)
_RELATIVE = re.compile(r"\b(this|next|last|previous|following|coming)\s+(week|month|year|weekend)\b", re.I)
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
    text = _SPELLED.sub(lambda m: _spelled(m.group(), found["number"]), text)
    for match in _DETAIL.finditer(text):
        if match.group("num"):
            value = match.group("num").replace(",", "")
            scale = match.group("scale") or _abbreviated(match.group("abbr"), bool(match.group("money")))
            # "2,000" is an amount, "2000" may be a year
            kind = "year" if re.fullmatch(r"(19|20)\d\d", match.group("num")) and not scale else "number"
            found[kind].add(_scaled(value, scale))
            continue
        raw = match.group("word")
        word = raw.lower()
        named = raw[0].isupper()  # "May" the month, not "may" the verb
        if word == "half":  # the other number words are read as runs above
            found["number"].add(_NUMBER_WORDS[word])
        elif named and word in _WEEKDAYS:
            found["weekday"].add(_WEEKDAYS[word])
        elif named and word in _MONTHS:
            found["month"].add(_MONTHS[word])
    for rel in _RELATIVE.finditer(text):
        first = rel.group(1).lower()
        found["relative"].add(f"{_RELATIVE_NORMAL.get(first, first)} {rel.group(2).lower()}")
    return found


def _spelled(run: str, numbers: set[str]) -> str:
    """Add the amounts a run of number words spells out to `numbers` and blank the run out of the text."""
    words = [w for w in re.split(r"[\s-]+", run.lower()) if w not in ("a", "an", "and")]
    numbers.update(str(amount) for amount in _amounts(words))
    return " " * len(run)


def _amounts(words: list[str]) -> list[int]:
    """The amounts in a run of number words: "eleven hundred" is one (1100), "two three-bedroom flats" and
    "fifty-fifty" are two; "one" alone is no amount ("no one", "one of them")."""
    amounts: list[int] = []
    said: list[str] = []  # the words of the amount being read
    total, group, last, cap = 0, 0, "", math.inf  # `cap`: a scale word must be smaller than the one before

    def close() -> None:
        nonlocal total, group, last, cap
        if said and said != ["one"]:
            amounts.append(total + group)
        said.clear()
        total, group, last, cap = 0, 0, "", math.inf

    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in _SCALE:
            if _SCALE[word] >= cap:  # "two thousand three thousand": the first amount ends at its scale word
                amounts.append(total)
                total, cap = 0, math.inf
            total, group, last, cap = total + max(group, 1) * _SCALE[word], 0, "scale", _SCALE[word]
        elif word == "hundred":
            if last not in ("", "unit", "teen", "tens") or group >= 100:
                close()
            group, last = max(group, 1) * 100, "hundred"
        else:
            value = int(_NUMBER_WORDS[word])
            kind = "unit" if value < 10 else "teen" if value < 20 else "tens"
            continues = last in ("", "hundred", "scale") or (last == "tens" and kind == "unit")
            if not continues or (last == "hundred" and following == "hundred"):
                close()
            group, last = group + value, kind
        said.append(word)
    close()
    return amounts


def _abbreviated(abbr: str | None, money: bool) -> str | None:
    """The scale a letter after a figure stands for: "bn" always, "m" and "k" after a currency sign only (a bare
    "25m" is as often metres)."""
    if abbr is None or (abbr.lower() != "bn" and not money):
        return None
    return _ABBREVIATED[abbr.lower()]


def _scaled(value: str, scale: str | None) -> str:
    """One spelling per amount: "1.2 million" and "1200000" are both "1200000". A figure that is no number ("2.0.1
    million", a version or a section) stays as written: it used to raise, and any claim retrieving such a sentence
    got an internal error."""
    if not scale:
        return value
    try:
        amount = float(value) * _SCALE[scale.lower()]
    except ValueError:
        return value
    return str(int(amount)) if amount.is_integer() else str(amount)


def detail_conflicts(claim: str, evidence: str) -> list[str]:
    """Kinds of detail the claim states and the evidence states differently (e.g. another weekday). Numbers are
    compared by what they count (`counted`): a claim's 29 October is not set against the evidence's 230 homes."""
    other, _ = _compared(_by_kind(claim), _by_kind(evidence))
    kinds = ["number"] if any(kind.startswith("number ") for kind in other) else []
    kinds += [kind for kind in _KINDS if kind in other]
    return [*kinds, "role"] if role_conflict(claim, evidence) else kinds


def contradicting(claim: str, statements: list[str]) -> list[bool]:
    """For each statement, whether it contradicts a detail of the claim: gives another value of a detail the claim
    gives (a kind `detail_conflicts` reports) that none of `statements` gives as the claim does, or the person
    another title (a title is the statement's own: no other statement cancels it). An archive that gives the claim's
    figure in one sentence and another figure of the same thing in another (another person's age, another event's
    date) does not contradict the claim; on news tuning claims the check without this fired as often on supported
    claims as on refuted ones (session 32, docs/history.md)."""
    said = _by_kind(claim)
    compared = [_compared(said, _by_kind(statement)) for statement in statements]
    given = set().union(*(alike for _, alike in compared))
    return [bool(other - given) or role_conflict(claim, s) for s, (other, _) in zip(statements, compared, strict=True)]


_KINDS = tuple(kind for kind in details("") if kind != "number")  # year, weekday, month, relative: in their order


def _by_kind(text: str) -> dict[str, set[str]]:
    """The text's details by what each is: numbers by what they count ("number <unit>", `counted`), the others by
    kind (`details`)."""
    found = {f"number {unit}": values for unit, values in counted(text).items()}
    return found | {kind: values for kind, values in details(text).items() if kind in _KINDS and values}


def _compared(said: dict[str, set[str]], stated: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """The kinds of detail both give, split into those `stated` gives otherwise than `said` and those it gives alike."""
    shared = said.keys() & stated.keys()
    return {k for k in shared if not said[k] & stated[k]}, {k for k in shared if said[k] & stated[k]}


# What a number counts: the currency of an amount, "%", "date" beside a month, "age", "duration" (in hours), else
# the word after it, or the noun before "of" where a function word follows ("a mother of three from ...").
_UNIT_WORD = re.compile(r"\s*-?\s*([A-Za-z]+(?:-[A-Za-z]+)*)")
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.I)
_MONTH_NAME = "|".join(name.capitalize() for name in _MONTHS)  # capitalised: "may" the verb is no month
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_NAME})\.?\s*$")
_MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?:{_MONTH_NAME})\b")
_AGE_AFTER = re.compile(r"\s*-?\s*years?[-\s]+old\b", re.I)
_AGED = re.compile(r"\baged\s*$", re.I)
_APPOSITION = re.compile(r"\b[A-Z][a-z]+,\s*$")  # "Peter Bohrsmann, 67, denied ..."
_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s*$")
_HOURS = {
    "second": 1 / 3600,
    "minute": 1 / 60,
    "hour": 1,
    "day": 24,
    "week": 168,
    "fortnight": 336,
    "month": 730,
    "year": 8760,
}
_FUNCTION = frozenset(
    "in on at from by for with of and or but as after before since during the a an was were is are has have had who "
    "which that while when than".split()
)


# A score or a tally ("won 3-1", "a 7-2 vote", "aged 18-24"): two numbers joined by a dash, read as one pair of what
# the word after it counts, so a shared 3 does not hide "3-2" against "3-1". Not after a currency sign, within a
# longer figure, a date, a time ("10:30-11:45") or a model number ("A320-200"), nor before a percentage.
_PAIR = re.compile(r"(?<![\w.,:/£$€–-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\d/:–-]|[.,]\d|\s?(?:%|per\s?cent|percent))")
# A duration in two units, the larger first ("two years and four months", "1 hour 20 minutes"): one duration. Not an
# age ("aged 2 years and 4 months", "2 years and 4 months old"): ages are compared in years.
_DURATION_UNIT = rf"({'|'.join(_HOURS)})s?"
_COMPOUND = re.compile(
    rf"(?<![\d.,])(?<!aged )(\d+(?:\.\d+)?)\s+{_DURATION_UNIT},?\s+(?:and\s+)?(\d+(?:\.\d+)?)\s+{_DURATION_UNIT}\b"
    r"(?![-\s]+old\b)",
    re.I,
)


def counted(text: str) -> dict[str, set[str]]:
    """The text's numbers (not years) by what each counts, normalised as in `details`; a score or tally is one
    pair, and a duration given in two units one duration."""
    text = _COMPOUND.sub(_one_duration, _SPELLED.sub(_as_figures, text))
    found: dict[str, set[str]] = {}
    for pair in _PAIR.finditer(text):
        unit, _ = _unit(text[: pair.start()], text[pair.end() :], None, "0")
        found.setdefault(f"pair {unit}".rstrip(), set()).add("-".join(sorted(pair.groups(), key=int)))
    text = _PAIR.sub("—", text)
    for match in _DETAIL.finditer(text):
        glued = match.start() > 0 and text[match.start() - 1].isalpha()  # "O2", "G20": part of a name
        if not match.group("num") or glued:
            continue
        scale = match.group("scale") or _abbreviated(match.group("abbr"), bool(match.group("money")))
        if re.fullmatch(r"(19|20)\d\d", match.group("num")) and not scale:
            continue  # a year: compared by `details`
        value = _scaled(match.group("num").replace(",", ""), scale)
        unit, value = _unit(text[: match.start()], text[match.end() :], match.group("money"), value)
        found.setdefault(unit, set()).add(value)
    return found


def _unit(before: str, after: str, money: str | None, value: str) -> tuple[str, str]:
    """What a number counts, from the text around it, and its value in that unit."""
    if money:
        return money.strip(), value
    if _PERCENT.match(after):
        return "%", value
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return "date", value
    if _AGE_AFTER.match(after) or _AGED.search(before) or (_APPOSITION.search(before) and after.startswith(",")):
        return "age", value
    word = _UNIT_WORD.match(after)
    unit = _singular(word.group(1).lower()) if word else ""
    if unit in _HOURS and re.fullmatch(r"\d+(?:\.\d+)?", value):
        hours = round(float(value) * _HOURS[unit], 6)  # "two weeks" is "14 days"
        return "duration", str(int(hours)) if hours.is_integer() else str(hours)
    if not unit or unit in _FUNCTION:
        noun = _NOUN_OF.search(before)
        return (_singular(noun.group(1)) if noun else ""), value
    return unit, value


def _one_duration(match: re.Match[str]) -> str:
    """ "2 years and 4 months" as "20440 hours", where the first unit is the larger; else as written."""
    big, small = _HOURS[match.group(2).lower()], _HOURS[match.group(4).lower()]
    if big <= small:
        return match.group()
    hours = round(float(match.group(1)) * big + float(match.group(3)) * small, 6)
    return f"{int(hours) if hours.is_integer() else hours} hours"


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _as_figures(match: re.Match[str]) -> str:
    """A run of number words as the figures it spells ("eleven hundred" -> "1100"); kept where it spells none."""
    words = [w for w in re.split(r"[\s-]+", match.group().lower()) if w not in ("a", "an", "and")]
    amounts = _amounts(words)
    return " ".join(map(str, amounts)) if amounts else match.group()


def _inner_names(claim: str) -> list[str]:
    """Capitalised words after the first (likely names); weekdays and months are details, not names."""
    return [
        word
        for i, word in enumerate(_NAME.findall(claim))
        if i > 0 and word[0].isupper() and word.lower().rstrip(".") not in _CALENDAR
    ]


def unknown_names(claim: str, vocabulary: set[str]) -> list[str]:
    """Capitalised words inside the claim (likely names) that appear nowhere in the archive."""
    names = []
    for word in _inner_names(claim):
        toks = tokens(word)
        if toks and all(t not in vocabulary for t in toks):
            names.append(word)
    return names
