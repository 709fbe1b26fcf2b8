"""What the scripts here share: the judged claims that fit_pickle.py pickles, read as the default pipeline would
(the LLM's answer words) or as they are (its head), with their features recomputed, and scored."""
import copy
import json
import pickle

from eval import fitting, metrics
from service.aggregate import LABELS
from service.decide import features

TUNING = ["eval/data/dev.jsonl", "eval/data/dev2.jsonl", "eval/data/dev3.jsonl", "eval/data/news-dev-a.jsonl",
          "eval/data/news-dev-b.jsonl"]


def words_only(examples):
    """A copy in which the LLM's reading is its answer words' (what the service reads with CLAIMS_LLM_HEAD off)."""
    out = copy.deepcopy(examples)
    for e in out:
        for j in e.judgement.judged:
            if j.llm is not None:
                j.llm = j.llm.words
    return out


def judged(path):
    """Pickled judged claims (fit_pickle.py, pickle_sets.py), with their features recomputed."""
    with open(path, "rb") as f:
        return with_features(pickle.load(f))


def with_features(examples):
    """The examples, each with its features at every citation threshold the fit tries, recomputed."""
    for e in examples:
        e.features = {s: features(e.judgement, s) for s in fitting.SUPPORTS}
    return examples


def score(model, examples):
    """The fitted weights' test figures on judged claims: accuracy, macro-F1, recall per label, ECE."""
    preds, confs = [], []
    for e in examples:
        label = fitting._predict(model, e)
        preds.append(label)
        confs.append(model.probabilities(e.features[model.support])[label] if e.judgement.judged else 0.9)
    golds, alsos = [e.claim.label for e in examples], [e.claim.also for e in examples]
    scored = metrics.credited(golds, alsos, preds)
    rec = {k: round(v["recall"], 2) for k, v in metrics.per_label(scored, preds, LABELS).items() if v["support"]}
    hits = [metrics.correct(g, a, p) for g, a, p in zip(golds, alsos, preds)]
    return {"acc": round(metrics.accuracy(golds, alsos, preds), 3), "f1": round(metrics.macro_f1(scored, preds), 3),
            "recall": rec, "ece": round(metrics.ece(confs, hits), 3)}


def fit_and_report(label, examples, held_out, feature_sets):
    """`eval fit`'s choice over `feature_sets` on the judged tuning claims, one line of its CV figures per tuning set
    (mean macro-F1, per set accuracy and macro-F1, CV conflicting recall), then its figures on each held-out set."""
    model, _ = fitting.fit_best(examples, {}, feature_sets)
    m = model.meta
    cv = {g: (v["accuracy"], v["macro_f1"]) for g, v in m["cv_by_set"].items()}
    mean = sum(f for _, f in cv.values()) / len(cv)
    print(f"{label} | {m['feature_set']} s={model.support} l2={m['l2']} | CV mean F1 {mean:.3f} {json.dumps(cv)} "
          f"conf {m['cv_recall'].get('conflicting')}", flush=True)
    for name, judged in held_out.items():
        print(f"    {name}: {json.dumps(score(model, judged))}", flush=True)
    return model
