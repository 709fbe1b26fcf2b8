"""The trained judge read both ways (README here). `reverse.py read OUT PICKLE...`: every judged statement of the
pickled claims read again with the claim part as the evidence and the statement's sentence as the claim; the
readings are kept in OUT (a dict keyed by (part, statement); pairs already in it are not read again).
`reverse.py replay OUT SHIPPED NEWS_DEV_C`: the declared candidates replayed with `eval fit`'s choice on the
shipped tuning judging (SHIPPED-tune.pkl), with their figures on the test split, the news test claims and
news-dev-c; `replay ... TEST_B` also on test-b (a pickle judged with the head on: read by its answer words, as the
shipped pipeline reads; for information)."""
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
import pickled  # noqa: E402
import service.decide as decide  # noqa: E402
from service.evidence import RELATED  # noqa: E402

BATCH = 64


def pairs_of(examples):
    return {(e.judgement.parts[j.part], j.hit.sentence.text) for e in examples for j in e.judgement.judged}


def read(out, paths):
    from judge.model import LABELS, MAX_TOKENS, CrossEncoderJudge
    from tqdm import tqdm

    done = pickle.load(open(out, "rb")) if Path(out).exists() else {}
    todo = set()
    for path in paths:
        todo |= pairs_of(pickle.load(open(path, "rb")))
    todo = sorted(todo - done.keys())
    model = CrossEncoderJudge()
    true, false = LABELS.index("true"), LABELS.index("false")
    torch = model._torch
    for start in tqdm(range(0, len(todo), BATCH), file=sys.stderr):
        chunk = todo[start:start + BATCH]
        batch = model.tokenizer([p for p, _ in chunk], [s for _, s in chunk], truncation="longest_first",
                                max_length=MAX_TOKENS, padding=True, return_tensors="pt")
        with torch.inference_mode():
            rows = torch.softmax(model.model(**batch).logits.float(), dim=-1).numpy()
        for key, row in zip(chunk, rows, strict=True):
            done[key] = (float(row[true]), float(row[false]))
        if start // BATCH % 20 == 0:
            pickle.dump(done, open(out, "wb"))
    pickle.dump(done, open(out, "wb"))
    print(f"{len(done)} reverse readings in {out}", flush=True)


def replay(out, shipped, news_dev_c, test_b=None):
    from eval import fitting

    reverse = pickle.load(open(out, "rb"))
    shipped_features = decide.features

    def back(judgement, j):
        return reverse[(judgement.parts[j.part], j.hit.sentence.text)]

    def features(judgement, support):
        judged = judgement.judged
        return {
            **shipped_features(judgement, support),
            "p_false_mutual": max((min(j.trained.false, back(judgement, j)[1]) for j in judged), default=0.0),
            "implied": max((back(judgement, j)[0] for j in judged if j.relevance >= RELATED), default=0.0),
        }

    pickled.features = features
    tune = pickled.judged(f"{shipped}-tune.pkl")
    held = {n: pickled.judged(f"{shipped}-{n}.pkl") for n in ("test", "news-test")}
    held["news-dev-c"] = pickled.judged(news_dev_c)
    if test_b:
        held["test-b"] = pickled.with_features(pickled.words_only(pickle.load(open(test_b, "rb"))))
    base = fitting.FEATURE_SETS["judges+checks"]
    candidates = {
        "shipped": base,
        "+p_false_mutual": (*base, "p_false_mutual"),
        "p_false -> p_false_mutual": tuple("p_false_mutual" if f == "p_false" else f for f in base),
        "+implied": (*base, "implied"),
        "+p_false_mutual +implied": (*base, "p_false_mutual", "implied"),
    }
    for label, chosen in candidates.items():
        pickled.fit_and_report(label, tune, held, {label: chosen})


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2], sys.argv[3:])
    else:
        replay(*sys.argv[2:6])
