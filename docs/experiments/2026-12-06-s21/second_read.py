"""Rule 1's replay (README here): the LLM's second reading dropped where its first leaves the claim settled, the
features recomputed and `eval fit`'s choice refitted, on the shipped pipeline's pickles. Prints, per variant, the
mean number of LLM reads on the tuning claims, CV and every held-out set's figures.
`second_read.py [VARIANT...]` (default: every variant)."""
import copy
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import pickled  # noqa: E402
from reading import answer_words, files  # noqa: E402

from eval import fitting  # noqa: E402
from service import evidence  # noqa: E402

SETS_HELD = ["test", "test-b", "news-test", "news-dev-c", "news-test-b"]


def condition(kind, threshold):
    if kind == "confirmed":
        return lambda r: r.true >= threshold
    return lambda r: max(r.true, r.false) >= threshold


VARIANTS = {f"{k}-{t}": condition(k, t) for k in ("confirmed", "settled") for t in (0.5, 0.7, 0.9)}


def keep_all(reading):
    """The shipped reading: every second read kept."""
    return False


def one_read_where(examples, settles):
    """A copy in which the second statement the LLM read has no reading where `settles` holds of the first, and
    the mean number of readings a claim keeps (over every claim, those the LLM read nothing of included)."""
    out = copy.deepcopy(examples)
    reads = 0
    for e in out:
        judgement = e.judgement
        read = [j for j in judgement.judged if j.llm is not None]
        if not read:
            continue
        order = evidence.for_llm(judgement.of_part(judgement.weakest_part()), len(read))
        order = [j for j in order if j.llm is not None]
        if len(order) != len(read):  # the order could not be rebuilt; keep every reading
            reads += len(read)
            continue
        if len(order) > 1 and settles(order[0].llm):
            for j in order[1:]:
                j.llm = None
            reads += 1
        else:
            reads += len(order)
    return out, reads / len(out)


def main(names):
    paths = files("shipped")
    raw = {n: answer_words(pickle.load(open(p, "rb"))) for n, p in paths.items() if Path(p).exists()}
    base = {"judges+checks": fitting.FEATURE_SETS["judges+checks"]}
    for name in ["shipped", *names]:
        held = {}
        for set_name, examples in raw.items():
            changed, reads = one_read_where(examples, keep_all if name == "shipped" else VARIANTS[name])
            held[set_name] = pickled.with_features(changed)
            if set_name == "tune":
                tune_reads = reads
        tune = held.pop("tune")
        print(f"== {name}: mean LLM reads on the tuning claims {tune_reads}", flush=True)
        pickled.fit_and_report(name, tune, {n: held[n] for n in SETS_HELD if n in held}, base)


if __name__ == "__main__":
    main(sys.argv[1:] or list(VARIANTS))
