"""What the scripts here share: the judged claims that fit_pickle.py pickles, read as the default pipeline would
(the LLM's answer words) or as they are (its head), with their features recomputed, and scored."""
import copy

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
