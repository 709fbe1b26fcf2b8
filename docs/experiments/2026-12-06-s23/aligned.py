"""Rules 3, 3b and 3c: numbers conflict only where claim and statement give a number of the same thing (UNIT) and none in
common. `aligned.py` replays `detail_conflict` computed that way against today's on the shipped pipeline's pickles
(CV, the five held-out sets, pooled), and prints condition 4's shares on the tuning claims. `aligned.py b` and `aligned.py c`
do the same for rules 3b and 3c; `aligned.py demo` prints a few pairs all four ways."""
import functools
import re
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")

from service import checks  # noqa: E402
from service import decide  # noqa: E402

_MONTH = "|".join(m.capitalize() for m in checks._MONTHS)
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.I)
_NEXT_WORD = re.compile(r"\s*-?\s*([A-Za-z]+(?:-[A-Za-z]+)*)")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s*$")


_HOURS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1, "day": 24, "week": 168, "fortnight": 336, "month": 730,
          "year": 8760}
_FUNCTION = frozenset("in on at from by for with of and or but as after before since during the a an was were is "
                      "are has have had who which that while when than".split())
_AGE_AFTER = re.compile(r"\s*-?\s*years?[-\s]+old\b", re.I)
_AGED = re.compile(r"\baged\s*$", re.I)
_APPOSITION = re.compile(r"\b[A-Z][a-z]+,\s*$")
_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s*$")
_PAIR_FIRST = re.compile(r"\d[\d,.]*\s*(?:to|-|–)\s*$")


def numbers_by_unit(text: str, rule: str = "3") -> dict[str, set[str]]:
    """Each number in the text (not a year) with what it counts, as rule 3, 3b or 3c pairs them (README). Rule 3c
    also reads digits glued to a letter ("O2") as no number and leaves numbers with no unit uncompared."""
    text = checks._SPELLED.sub(_as_figures, text)
    found: dict[str, set[str]] = {}
    for match in checks._DETAIL.finditer(text):
        glued = rule == "3c" and match.start() > 0 and text[match.start() - 1].isalpha()
        if not match.group("num") or glued:
            continue
        scale = match.group("scale") or checks._abbreviated(match.group("abbr"), bool(match.group("money")))
        if re.fullmatch(r"(19|20)\d\d", match.group("num")) and not scale:
            continue  # a year: compared as today
        value = checks._scaled(match.group("num").replace(",", ""), scale)
        unit, value = _unit(text[: match.start()], text[match.end():], match.group("money"), value, rule)
        if unit or rule != "3c":
            found.setdefault(unit, set()).add(value)
    return found


def _unit(before: str, after: str, money: str | None, value: str, rule: str) -> tuple[str, str]:
    """What a number counts under `rule`, and its value in that unit."""
    singular = _singular if rule == "3c" else _without_final_s
    if money:
        return money.strip(), value
    if _PERCENT.match(after):
        return "%", value
    if _MONTH_BEFORE.search(before) or re.match(rf"\s*(?:of\s+)?(?:{_MONTH})\b", after):
        return ("day" if rule == "3" else "date"), value
    word = _NEXT_WORD.match(after)
    unit = singular(word.group(1).lower()) if word else ""
    if rule == "3":
        return unit, value
    if _AGE_AFTER.match(after) or _AGED.search(before) or (_APPOSITION.search(before) and after.startswith(",")):
        return "age", value
    if unit in _HOURS:
        return "duration", str(round(float(value) * _HOURS[unit], 6))
    if rule == "3c" and _PAIR_FIRST.search(before):
        return "pair", value
    if not unit or unit in _FUNCTION:
        noun = _NOUN_OF.search(before)
        return (singular(noun.group(1)) if noun else ""), value
    return unit, value


def _without_final_s(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _singular(word: str) -> str:  # rule 3c: "mass" keeps its "s"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _as_figures(match: re.Match) -> str:
    amounts = checks._amounts([w for w in re.split(r"[\s-]+", match.group().lower()) if w not in ("a", "an", "and")])
    return " ".join(str(a) for a in amounts) if amounts else match.group()


def aligned_conflicts(claim: str, evidence: str, rule: str = "3") -> list[str]:
    kinds = [k for k in checks.detail_conflicts(claim, evidence) if k != "number"]
    c, e = numbers_by_unit(claim, rule), numbers_by_unit(evidence, rule)
    if any(unit in e and not (values & e[unit]) for unit, values in c.items()):
        kinds.insert(0, "number")
    return kinds


aligned_conflicts_b = functools.partial(aligned_conflicts, rule="3b")
aligned_conflicts_c = functools.partial(aligned_conflicts, rule="3c")


def checks_of_rule_3d():
    """service/checks.py as rule 3d shipped it (commit RULE_3D, reverted the same session), with the
    service/roles.py it imports, read from git."""
    from common import module_at

    sys.modules["service.roles"] = module_at(RULE_3D, "service/roles.py")
    return module_at(RULE_3D, "service/checks.py")


RULE_3D = "d7405a2"


DEMO = [("Storm Dara hit Port Elwyn on October 29.", "Councillors in Port Elwyn voted 19 to 6 on Wednesday to build a "
         "£14 million flood wall, three weeks after Storm Dara flooded more than 230 homes."),
        ("Storm Dara hit Port Elwyn on October 29.", "The storm, which struck on 29 October, brought gusts of 94 mph."),
        ("Storm Dara hit Port Elwyn on November 29.", "The storm, which struck on 29 October, brought gusts of 94 mph."),
        ("The council voted 23 to 9.", "The council voted 23 to 8."),
        ("The flood wall will cost £41 million.", "They agreed to build a £14m flood wall."),
        ("Sales fell 12% to £310 million.", "Sales fell by 12 per cent to £310m."),
        ("The wall will be 1.8km long.", "The wall will run for 1.8 kilometres."),
        ("About eleven hundred homes are protected.", "It will protect around 1,100 homes."),
        ("He scored 30 points.", "The 25-year-old scored 30 points in 40 minutes."),
        ("It was not expected for at least another two weeks.", "It appears likely within the next 48 hours."),
        ("It will take two weeks.", "It will take 14 days."),
        ("Peter Bohrsmann, 67, denied the allegations.", "The 57-year-old denied the allegations two days later."),
        ("She was a mother of three from Western Sydney.", "The mother of two, from Western Sydney, drowned."),
        ("She drowned on April 8.", "She died two days later, on 8 April."),
        ("Okafor has 18.", "Okafor had 18 points, 10 of which came in the first half."),
        ("Bodies were found in two mass graves.", "Bodies were found in two of the 11 mass graves."),
        ("The vote was 23-9.", "The council voted 23 to 8."),
        ("He fights at The 02 on May 30.", "He fights at The O2 on May 30.")]


def replay(versions):
    import pickled
    import reading
    from common import pooled

    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for label, check in versions.items():
        decide.detail_conflicts = check
        tune = reading.load(reading.SHIPPED["tune"])
        held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
        model = pickled.fit_and_report(label, tune, held, base)
        print(pooled(model, held), flush=True)
        fires = lambda es: sum(e.features[0.3]["detail_conflict"] > 0 for e in es) / max(1, len(es))  # noqa: E731
        sup = [e for e in tune if e.claim.label == "supported"]
        num = [e for e in tune if e.claim.label == "refuted" and "number" in (e.claim.tags or [])]
        print(f"    tuning: feature > 0 on {fires(sup):.1%} of {len(sup)} supported claims, "
              f"{fires(num):.1%} of {len(num)} refuted claims tagged number", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["demo"]:
        for claim, evidence in DEMO:
            print(f"{str(checks.detail_conflicts(claim, evidence)):12} {str(aligned_conflicts(claim, evidence)):12} "
                  f"{str(aligned_conflicts_b(claim, evidence)):12} {str(aligned_conflicts_c(claim, evidence)):12} "
                  f"{claim} | {evidence}")
    elif sys.argv[1:] == ["c"]:  # rule 3c
        replay({"shipped": checks.detail_conflicts, "aligned (3c)": aligned_conflicts_c})
    elif sys.argv[1:] == ["b"]:  # rule 3b
        replay({"shipped": checks.detail_conflicts, "aligned (3b)": aligned_conflicts_b})
    else:
        replay({"shipped": checks.detail_conflicts, "aligned": aligned_conflicts})
