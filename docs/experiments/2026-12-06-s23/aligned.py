"""Rule 3: numbers conflict only where claim and statement give a number of the same thing (UNIT) and none in
common. `aligned.py` replays `detail_conflict` computed that way against today's on the shipped pipeline's pickles
(CV, the five held-out sets, pooled), and prints condition 4's shares on the tuning claims. `aligned.py demo`
prints a few pairs both ways."""
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


def numbers_by_unit(text: str) -> dict[str, set[str]]:
    """Each number in the text (not a year) with what it counts."""
    def spelled(m):
        amounts = checks._amounts([w for w in re.split(r"[\s-]+", m.group().lower()) if w not in ("a", "an", "and")])
        return " ".join(str(a) for a in amounts) if amounts else m.group()

    text = checks._SPELLED.sub(spelled, text)
    found: dict[str, set[str]] = {}
    for match in checks._DETAIL.finditer(text):
        if not match.group("num"):
            continue
        scale = match.group("scale") or checks._abbreviated(match.group("abbr"), bool(match.group("money")))
        if re.fullmatch(r"(19|20)\d\d", match.group("num")) and not scale:
            continue  # a year: compared as today
        value = checks._scaled(match.group("num").replace(",", ""), scale)
        after = text[match.end():]
        if match.group("money"):
            unit = match.group("money").strip()
        elif _PERCENT.match(after):
            unit = "%"
        elif _MONTH_BEFORE.search(text[: match.start()]) or re.match(rf"\s*(?:of\s+)?(?:{_MONTH})\b", after):
            unit = "day"
        elif word := _NEXT_WORD.match(after):
            unit = word.group(1).lower()
            unit = unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit
        else:
            unit = ""
        found.setdefault(unit, set()).add(value)
    return found


def aligned_conflicts(claim: str, evidence: str) -> list[str]:
    kinds = [k for k in checks.detail_conflicts(claim, evidence) if k != "number"]
    c, e = numbers_by_unit(claim), numbers_by_unit(evidence)
    if any(unit in e and not (values & e[unit]) for unit, values in c.items()):
        kinds.insert(0, "number")
    return kinds


DEMO = [("Storm Dara hit Port Elwyn on October 29.", "Councillors in Port Elwyn voted 19 to 6 on Wednesday to build a "
         "£14 million flood wall, three weeks after Storm Dara flooded more than 230 homes."),
        ("Storm Dara hit Port Elwyn on October 29.", "The storm, which struck on 29 October, brought gusts of 94 mph."),
        ("Storm Dara hit Port Elwyn on November 29.", "The storm, which struck on 29 October, brought gusts of 94 mph."),
        ("The council voted 23 to 9.", "The council voted 23 to 8."),
        ("The flood wall will cost £41 million.", "They agreed to build a £14m flood wall."),
        ("Sales fell 12% to £310 million.", "Sales fell by 12 per cent to £310m."),
        ("The wall will be 1.8km long.", "The wall will run for 1.8 kilometres."),
        ("About eleven hundred homes are protected.", "It will protect around 1,100 homes."),
        ("He scored 30 points.", "The 25-year-old scored 30 points in 40 minutes.")]


def replay():
    import pickled
    import reading
    from common import pooled

    from eval import fitting

    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for label, check in {"shipped": checks.detail_conflicts, "aligned": aligned_conflicts}.items():
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
                  f"{claim} | {evidence}")
    else:
        replay()
