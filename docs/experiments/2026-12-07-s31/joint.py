"""Rule 13 (README here): the local 1.5B reads the claim's weakest part against the two statements it reads now,
together in one question, as one more reading.

`joint.py judge OUT SET...` judges the sets as `make fit` does (the shipped pipeline, unchanged) and then asks the
joint question, pickling each set to OUT-SET.pkl (a set already pickled is kept; SET as in session 20's
reading.py: tune, test, news-test, news-dev-c, test-b, news-test-b, news-test-c).
`joint.py replay OUT` fits the shipped feature set and the rule's two variants on the tuning pickle, as `eval fit`
chooses penalty and threshold, and scores each held-out pickle.
`joint.py gold OUT` reads where the errors are: for each held-out claim, whether a statement the LLM read holds a
gold passage (the claims' `evidence`), by outcome."""
import dataclasses
import pickle
import sys

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-02", "docs/experiments/2026-12-06-s20"):
    sys.path.insert(0, folder)
from service import decide, evidence, verifier  # noqa: E402
from service.judge import Reading  # noqa: E402

HELD = ["test", "news-test", "news-dev-c", "test-b", "news-test-b", "news-test-c"]
JOINT = ("llm_joint_true", "llm_joint_false")


def joined(hits):
    """The text of the statements read together: each with the sentence before it, no sentence twice, in the order
    the LLM read them."""
    seen = []
    for h in hits:
        for text in (h.before, h.sentence.text):
            if text and text not in seen:
                seen.append(text)
    return " ".join(seen)


def judge_claim_joint(claim, parts, hits, reader, llm, vocabulary=None, llm_statements=1):
    """The shipped judging, then the joint question on the statements the LLM read (its own reading where it read
    one statement; none where it read none or failed)."""
    judgement = evidence.judge_claim(claim, parts, hits, reader, llm, vocabulary, llm_statements)
    judgement.joint, judgement.joint_sources = None, []
    if llm is None or not judgement.judged or judgement.llm_failure is not None:
        return judgement
    weakest = judgement.weakest_part()
    chosen = [j for j in evidence.for_llm(judgement.of_part(weakest), llm_statements) if j.llm is not None]
    if len(chosen) == 1:
        judgement.joint = chosen[0].llm
    elif chosen:
        try:
            judgement.joint = llm.read(parts[weakest], [joined([j.hit for j in chosen])])[0]
        except ValueError as exc:  # a prompt longer than the context: no joint reading
            print("joint read failed:", exc, file=sys.stderr)
    judgement.joint_sources = sorted({a for j in chosen for a in j.hit.sources})  # not used by the replay
    return judgement


def judge(out, sets):
    """Session 20's judging of the sets (its shipped choice of statements, "decisive"), the joint question added."""
    import reading

    verifier.judge_claim = judge_claim_joint
    reading.judge("decisive", out, sets)


def with_joint(judgement, support, cite):
    """The shipped features at a citation threshold plus the joint reading's; with `cite`, a joint "true" makes the
    statements read together citable as the LLM's own "true" makes one (decide.confirming: related to the claim, and
    in a claim of several parts at the trained judge's floor), their articles counting in p_true_sources with those
    of the statements already citable."""
    values = decide.features(judgement, support)
    joint = judgement.joint or Reading(0.0, 0.0)
    values |= {"llm_joint_true": joint.true, "llm_joint_false": joint.false}
    if cite and joint.true >= decide.LLM_SUPPORT:
        parts = len(judgement.parts)
        floor = decide.LLM_FLOOR if parts > 1 else 0.0
        weakest = judgement.of_part(judgement.weakest_part())
        read = [j for j in judgement.judged if j.llm is not None]  # the statements read together
        cited = [j for j in read if j.relevance >= evidence.RELATED and j.trained.true >= floor]
        sources = decide._sources(decide.confirming(weakest, support, parts)) | decide._sources(cited)
        values["p_true_sources"] = float(len(sources))
    return values


def variant(examples, cite):
    from eval import fitting

    return [dataclasses.replace(e, features={s: with_joint(e.judgement, s, cite) for s in fitting.SUPPORTS})
            for e in examples]


def replay(out):
    from eval import fitting
    from pickled import fit_and_report, score

    tune = pickle.load(open(f"{out}-tune.pkl", "rb"))
    held = {n: pickle.load(open(f"{out}-{n}.pkl", "rb")) for n in HELD}
    shipped = fitting.FEATURE_SETS["judges+checks"]
    runs = {"shipped": (False, shipped), "A: joint features": (False, (*shipped, *JOINT)),
            "B: A, the joint 'true' citable": (True, (*shipped, *JOINT))}
    for name, (cite, names) in runs.items():
        held_v = {n: variant(x, cite) for n, x in held.items()}
        model = fit_and_report(name, variant(tune, cite), held_v, {name: names})
        right = sum(round(score(model, x)["acc"] * len(x)) for x in held_v.values())
        print(f"    held out pooled: {right} of {sum(len(x) for x in held_v.values())}", flush=True)


def holds_gold(text, gold):
    """Whether a passage holds 80% of a gold sentence's content words."""
    from index.lexical import tokens, word_recall

    return word_recall(set(tokens(gold)), text) >= 0.8


def shipped_fit(out):
    """The shipped feature set, fitted on the judging's tuning claims as `eval fit` chooses penalty and threshold."""
    from eval import fitting
    from pickled import with_features

    tune = with_features(pickle.load(open(f"{out}-tune.pkl", "rb")))
    return fitting.fit_best(tune, {}, {"judges+checks": fitting.FEATURE_SETS["judges+checks"]})[0]


def held_out(out):
    """Every held-out claim of the judging, with its features."""
    from pickled import with_features

    for n in HELD:
        yield from with_features(pickle.load(open(f"{out}-{n}.pkl", "rb")))


def cited(example, judged):
    """Those of `judged` that hold a sentence cited for the claim."""
    golds = [g.text for g in example.claim.evidence]
    return [j for j in judged if any(holds_gold(evidence.passage(j.hit), g) for g in golds)]


def gold(out):
    """Per held-out claim: did the LLM read a statement holding a gold passage, and was the verdict right."""
    from eval import fitting, metrics

    model = shipped_fit(out)
    table = {}
    for e in held_out(out):
        if not e.claim.evidence:
            continue
        where = ("LLM read gold" if cited(e, [j for j in e.judgement.judged if j.llm is not None]) else
                 "retrieved, not read" if cited(e, e.judgement.judged) else
                 "not retrieved")
        ok = metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))
        key = f"{e.claim.label:16s} {where}"
        table.setdefault(key, [0, 0])[0 if ok else 1] += 1
    for key in sorted(table):
        print(f"{key:40s} right {table[key][0]:4d} wrong {table[key][1]:4d}")


if __name__ == "__main__":
    {"judge": lambda: judge(sys.argv[2], sys.argv[3:]), "replay": lambda: replay(sys.argv[2]),
     "gold": lambda: gold(sys.argv[2])}[sys.argv[1]]()
