"""Rule 2 (README here): the 1.5B's reading of each claim's weakest part against the content-free evidence "N/A".
`prior.py read SET...` reads it for the shipped pickles' claims (var/s21/prior-SET.pkl: {claim id: (true,
false)}, resumable per set); `prior.py replay [SET...]` adds the features to the shipped pickles and prints `eval
fit`'s choice for each candidate set, its CV and (for the sets given) its held-out figures."""
import copy
import os
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s21")
from reading import answer_words, files  # noqa: E402

NULL = "N/A"


def paths():
    return files("shipped")  # news-test-b's among them since session 21


def read(sets):
    from fit_pickle import judges
    from tqdm import tqdm

    _, llm = judges()
    for name in sets:
        target = Path(f"var/s21/prior-{name}.pkl")
        if target.exists():
            continue
        examples = pickle.load(open(paths()[name], "rb"))
        priors = {}
        for e in tqdm(examples, desc=name, file=sys.stderr):
            j = e.judgement
            if not j.judged:
                continue
            reading = llm.read(j.parts[j.weakest_part()], [NULL])[0]
            priors[e.claim.id] = (reading.true, reading.false)
        pickle.dump(priors, open(f"{target}.part", "wb"))
        os.replace(f"{target}.part", target)
        print("saved", len(priors), target, flush=True)


def with_prior(examples, priors):
    for e in examples:
        true, false = priors.get(e.claim.id, (0.0, 0.0))
        for values in e.features.values():
            values["llm_prior_true"], values["llm_prior_false"] = true, false
            values["llm_lift"] = values["llm_true"] - true
    return examples


def replay(held_sets):
    import pickled

    from eval import fitting

    shipped = fitting.FEATURE_SETS["judges+checks"]
    candidates = {
        "shipped": {"judges+checks": shipped},
        "+prior": {"+prior": (*shipped, "llm_prior_true", "llm_prior_false")},
        "+lift": {"+lift": (*shipped, "llm_lift")},
        "+prior+lift": {"+prior+lift": (*shipped, "llm_prior_true", "llm_prior_false", "llm_lift")},
    }
    loaded = {}
    for name in ["tune", *held_sets]:
        raw = answer_words(pickle.load(open(paths()[name], "rb")))
        loaded[name] = with_prior(pickled.with_features(raw), pickle.load(open(f"var/s21/prior-{name}.pkl", "rb")))
    for label, feature_sets in candidates.items():
        held = {n: copy.deepcopy(loaded[n]) for n in held_sets}
        pickled.fit_and_report(label, copy.deepcopy(loaded["tune"]), held, feature_sets)


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2:])
    else:
        replay(sys.argv[2:])
