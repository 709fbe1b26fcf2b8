"""Deterministic checks where small models fail: numbers, dates, negation, names unknown to the archive."""

from __future__ import annotations

import math
import re

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
    """Kinds of detail the claim states and the evidence states differently (e.g. another weekday)."""
    c, e = details(claim), details(evidence)
    kinds = [kind for kind in c if c[kind] and e[kind] and not (c[kind] & e[kind])]
    return [*kinds, "role"] if role_conflict(claim, evidence) else kinds


# Job titles, folded into families so that "spokesman" and "press secretary" agree.
_ROLE_FAMILIES = {
    "spokesperson": "spokesman spokeswoman spokesperson spokespeople press secretary",
    "adviser": "adviser advisor aide assistant counsellor counselor",
    "envoy": "envoy emissary negotiator representative",
    "minister": "minister ministry",
    "president": "president",
    "prime": "premier prime",
    "leader": "chief head leader director secretary-general",
    "ambassador": "ambassador",
    "general": "commander general admiral",
    "governor": "governor mayor",
    "lawmaker": "senator lawmaker congressman congresswoman mp",
    "foreign": "foreign",
    "defence": "defense defence military",
    "security": "security",
    "economic": "economic economy finance",
}
_PORTFOLIOS = frozenset({"foreign", "defence", "security", "economic"})  # what a rank is of, not a rank
_AFTER_PREPOSITION = re.compile(r"\b(?:to|of|for|with|by|from|at)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_FIRST_NAME_ONLY = re.compile(r"^\s*(?:[A-Z][\w’'-]*\s*)?$")
_ROLE_OF = {word: family for family, words in _ROLE_FAMILIES.items() for word in words.split()}
_TITLE_WORDS = 6  # words before a name that may hold its title
_TITLE_MODIFIERS = frozenset(
    "special senior deputy former acting chief top national state presidential vice assistant executive".split()
)
_NOT_FIRST_NAMES = frozenset("The A An In On At And But By For From Of To With As When While After".split())


def _roles_near(text: str, surname: str) -> set[str]:
    """Role families in the titles right before each mention of `surname` and in an apposition after it.

    "Press Secretary Dmitry Peskov said" and "Mark Rutte, Nato's secretary-general, said" both name a role;
    the search stops at punctuation so that a neighbouring person's title is not taken for this one's.
    """
    found: set[str] = set()
    for mention in re.finditer(rf"\b{re.escape(surname)}\b", text, re.I):
        segments = re.split(r"[,;:!?\"“”()]", text[max(0, mention.start() - 80) : mention.start()])
        title = _title_before(segments[-1])
        if not title and len(segments) > 1 and not _FIRST_NAME_ONLY.sub("", segments[-1]):
            # "Ukraine's defence minister, Rustem Umerov, said" but not "an adviser to the president, Kirill ..."
            title = _title_before(segments[-2])
            if _AFTER_PREPOSITION.search(segments[-2][: len(segments[-2].rstrip()) - len(title)]):
                title = ""
        after = text[mention.end() :]
        apposition = after[1:].split(",")[0] if after.startswith(",") else ""
        for word in re.findall(r"[\w-]+", f"{title} {apposition}".lower()):
            if word in _ROLE_OF:
                found.add(_ROLE_OF[word])
    return found


def _title_before(text: str) -> str:
    """The run of title words right before a name: "... said U.S. special envoy Steve" -> "U.S. special envoy".

    Walking back from the name (past one first name), it keeps capitalised words, role words and a few
    modifiers, and stops at the first other word, so "Trump told reporters that Witkoff" gives nothing.
    """
    words = text.split()
    if words and words[-1][:1].isupper() and words[-1].lower() not in _ROLE_OF:
        words = words[:-1]  # the first name
    title: list[str] = []
    for word in reversed(words[-_TITLE_WORDS:]):
        bare = re.sub(r"[’']s$", "", word.lower())
        if not (word[:1].isupper() or bare in _ROLE_OF or bare in _TITLE_MODIFIERS):
            break
        title.append(word)
    return " ".join(reversed(title))


def _surnames(text: str) -> set[str]:
    """Last words of capitalised pairs that look like a person's name ("Dmitry Peskov")."""
    pairs = re.findall(r"\b([A-Z][a-z]+) (?=([A-Z][a-z]{2,})\b)", text)
    return {last.lower() for first, last in pairs if first not in _NOT_FIRST_NAMES and last.lower() not in _ROLE_OF}


def role_conflict(claim: str, evidence: str) -> bool:
    """The claim gives a person a title that the evidence, naming the same person, does not.

    Ranks (minister, adviser, ...) and portfolios (foreign, defence, ...) are compared apart, so that
    "defence minister" and "Foreign Minister" differ although both are ministers.
    """
    for surname in _surnames(claim):
        said, stated = _roles_near(claim, surname), _roles_near(evidence, surname)
        for kind in (said - _PORTFOLIOS, said & _PORTFOLIOS):
            other = stated & _PORTFOLIOS if kind <= _PORTFOLIOS else stated - _PORTFOLIOS
            if kind and other and not kind & other:
                return True
    return False


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
