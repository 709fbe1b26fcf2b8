"""How much of the claim the archive holds, in its own words: two features screened for the verdict step.

`word_cover`: for each judged part of the claim, the largest share of its content words (`index.lexical.tokens`, the
lexical index's own general function-word list) that one statement read for it holds; the lowest over the parts.
`novel_words`: how many of the judged claim's content words the archive never uses (its lexical vocabulary).
A claim that adds a detail (not_enough_info) leaves words no statement holds; one that changes a detail (refuted)
mostly swaps one word for another.

`cover.py PICKLE` (tuning claims only): per tuning set and label, the mean of each; then `eval fit`'s
cross-validation of the shipped feature set and of it with each feature and both."""
import pickle
import sys
from collections import defaultdict

sys.path.insert(0, "docs/experiments/2026-12-01")
from pickled import with_features  # noqa: E402

from eval import fitting  # noqa: E402
from index.lexical import tokens, word_recall  # noqa: E402

SHIPPED = fitting.FEATURE_SETS["judges+checks"]
FORMS = {
    "shipped": SHIPPED,
    "+cover": (*SHIPPED, "word_cover"),
    "+novel": (*SHIPPED, "novel_words"),
    "+both": (*SHIPPED, "word_cover", "novel_words"),
}


def word_cover(judgement) -> float:
    covers = []
    for part in judgement.judged_parts():
        words = set(tokens(judgement.parts[part]))
        covers.append(max((word_recall(words, j.hit.sentence.text) for j in judgement.of_part(part)), default=0.0))
    return min(covers, default=0.0)


def novel_words(judgement) -> float:
    return float(sum(w not in judgement.vocabulary for w in set(tokens(judgement.judged_text()))))


def with_cover(examples):
    examples = with_features(examples)
    for e in examples:
        extra = {"word_cover": word_cover(e.judgement), "novel_words": novel_words(e.judgement)}
        for row in e.features.values():
            row.update(extra)
    return examples


def screen(path):
    examples = with_cover(pickle.load(open(path, "rb")))
    table = defaultdict(list)
    for e in examples:
        f = e.features[fitting.SUPPORT]
        table[(e.group, e.claim.label)].append((f["word_cover"], f["novel_words"]))
    for (group, label), rows in sorted(table.items()):
        n = len(rows)
        print(f"{group:6s} {label:16s} n={n:3d} word_cover {sum(r[0] for r in rows) / n:.3f} "
              f"novel_words {sum(r[1] for r in rows) / n:.2f}", flush=True)
    for name in FORMS:
        fit(name, examples)


def fit(name, examples, forms=FORMS):
    """`eval fit`'s choice of penalty and threshold for one form, and a line of its CV figures."""
    model, _ = fitting.fit_best(examples, {}, {name: forms[name]})
    m = model.meta
    cv = {g: (v["accuracy"], v["macro_f1"]) for g, v in m["cv_by_set"].items()}
    mean = sum(f for _, f in cv.values()) / len(cv)
    print(f"{name} | s={model.support} l2={m['l2']} | CV mean F1 {mean:.4f} {cv} conf {m['cv_recall'].get('conflicting')}",
          flush=True)
    return model


if __name__ == "__main__":
    screen(sys.argv[1])
