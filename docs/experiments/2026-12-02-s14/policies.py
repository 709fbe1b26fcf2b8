"""Which statements the local LLM reads: today's choice and the alternatives measured on 2026-12-02 (session 14).
Each takes the weakest part's judged statements (retrieval order, quoting ones already removed) and a limit."""
from service.evidence import decisive


def _lean(j):  # +1 where the trained judge leans true, -1 false
    return 1 if j.trained.true >= j.trained.false else -1


def today(judged, limit):
    first = decisive(judged)
    rest = [j for j in judged if j is not first]
    return ([first] if first else []) + rest[: max(0, limit - 1)]


def other_article(judged, limit):
    """The most decisive statement, then the most decisive of each other article in turn."""
    first = decisive(judged)
    if first is None:
        return []
    chosen, seen = [first], set(first.hit.sources)
    for j in sorted(judged, key=lambda j: max(j.trained.true, j.trained.false), reverse=True):
        if len(chosen) >= limit:
            break
        if j is not first and not set(j.hit.sources) & seen:
            chosen.append(j)
            seen |= set(j.hit.sources)
    rest = [j for j in judged if j not in chosen]  # fill from retrieval order when too few articles
    return chosen + rest[: max(0, limit - len(chosen))]


def opposite(judged, limit):
    """The most decisive statement, then another article's statement leaning most the other way."""
    first = decisive(judged)
    if first is None:
        return []
    others = [j for j in judged if j is not first and not set(j.hit.sources) & set(first.hit.sources)]
    side = (lambda j: j.trained.false) if _lean(first) > 0 else (lambda j: j.trained.true)
    chosen = [first] + sorted(others, key=side, reverse=True)[: max(0, limit - 1)]
    rest = [j for j in judged if j not in chosen]
    return chosen + rest[: max(0, limit - len(chosen))]


POLICIES = {"today": today, "other_article": other_article, "opposite": opposite}


def superset(judged, limit):
    """What the pickling run asks the LLM to read: every policy's choice at limits 2 and 3."""
    out = []
    for policy in POLICIES.values():
        for n in (2, 3):
            out += [j for j in policy(judged, n) if j not in out]
    return out
