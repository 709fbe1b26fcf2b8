"""What the scripts here share: the judged claims that fit_pickle.py pickles, read as the default pipeline would
(the LLM's answer words) or as they are (its head), with their features recomputed."""
import copy

from eval import fitting
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
