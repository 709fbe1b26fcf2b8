"""Decision rules replayed on pickled judging (pickle_sets.py): for each judge (`variants.py PREFIX...`, e.g.
var/s16/shipped var/s16/j4) and each rule, `eval fit`'s choice over its feature sets on the tuning claims, its CV
figures per set, and the fitted weights' figures on the test split and the news test claims. Rules:
- floor 0.05 (shipped until 2026-12-05): "supported"/"conflicting" barred when no statement can be cited, the
  likelier of the other two given, and the LLM's confirmation counting where the trained judge gives P(true) >= 0.05;
- to NEI: when barred, their probability goes to not_enough_info (a verdict nobody can check is not refuted);
- floor F: the LLM's confirmation counts where the trained judge gives P(true) >= F (floor 0 is shipped now);
- not denied C: the LLM's confirmation counts unless the trained judge gives P(false) >= C;
- or cosine C: where the trained judge gives P(true) >= 0.05 or the statement's cosine to the claim is >= C.
RULES=a,b limits the run to those rules."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
import service.decide as decide  # noqa: E402
from eval import fitting  # noqa: E402

shipped_choose = decide.choose


def to_nei(probabilities, can_confirm):
    if can_confirm:
        return max(probabilities, key=probabilities.__getitem__)
    barred = probabilities["supported"] + probabilities["conflicting"]
    rest = {"refuted": probabilities["refuted"], "not_enough_info": probabilities["not_enough_info"] + barred}
    return max(rest, key=rest.__getitem__)


def gate(allows):
    """The LLM's confirmation counts where it reads the statement true and `allows(statement)`. (service/decide.py's
    own rule is gate(lambda j: True) since the floor's removal; before it, floor(0.05).)"""
    def confirms(j):
        return j.llm is not None and j.llm.true >= decide.LLM_SUPPORT and allows(j)
    return confirms


def floor(f):
    return gate(lambda j: j.trained.true >= f)


def not_denied(cap):
    """... unless the trained judge reads the statement false at `cap` or more."""
    return gate(lambda j: j.trained.false < cap)


def or_close(cosine):
    """... where the trained judge gives P(true) >= 0.05, or the statement is this close to the claim (its embedding
    cosine): a paraphrase, not a sentence merely about the same subject."""
    return gate(lambda j: j.trained.true >= 0.05 or j.relevance >= cosine)


RULES = {  # name: (how a verdict is chosen, when the LLM's confirmation counts)
    "floor 0.05": (shipped_choose, floor(0.05)),
    "to NEI": (to_nei, floor(0.05)),
    "floor 0.02": (shipped_choose, floor(0.02)),
    "floor 0": (shipped_choose, floor(0.0)),
    "to NEI, floor 0.02": (to_nei, floor(0.02)),
    "to NEI, floor 0": (to_nei, floor(0.0)),
    "floor 0.01": (shipped_choose, floor(0.01)),
    "not denied 0.5": (shipped_choose, not_denied(0.5)),
    "not denied 0.2": (shipped_choose, not_denied(0.2)),
    **{f"or cosine {c}": (shipped_choose, or_close(c)) for c in (0.5, 0.6, 0.7, 0.8)},
}
ONLY = [r for r in __import__("os").environ.get("RULES", "").split(",") if r]
for prefix in sys.argv[1:]:
    sets = {name: pickle.load(open(f"{prefix}-{name}.pkl", "rb")) for name in ("tune", "test", "news-test")}
    for rule in (r for r in RULES if not ONLY or r in ONLY):
        decide.choose, decide._llm_confirms = RULES[rule]
        for examples in sets.values():
            pickled.with_features(examples)
        every = fitting.feature_sets(head=False)
        for chosen in (every, *({k: v} for k, v in every.items())):  # the fit's choice, then each set alone
            which = "CHOICE" if chosen is every else "      "
            pickled.fit_and_report(f"{prefix} | {rule} | {which}", sets["tune"],
                                   {n: sets[n] for n in ("test", "news-test")}, chosen)
