"""Titles: the claim gives a person a title that the evidence, naming the same person, does not."""

from __future__ import annotations

import re

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
    "governor": "governor",
    "mayor": "mayor",
    "judge": "judge",  # not "justice" ("Justice Minister"), nor "attorney" below ("District Attorney")
    "magistrate": "magistrate",
    "prosecutor": "prosecutor",
    "lawyer": "lawyer barrister solicitor",
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
