"""The weights `make fit` writes (default: the LLM's answer words; and CLAIMS_LLM_HEAD=true's +head weights),
from the judged tuning claims pickled by fit_pickle.py with the same code and settings: the same fit_best over the
same feature sets, the same meta. Run with CLAIMS_LLM_HEAD=true (the head must be loaded to record its hash)."""
import copy, json, pickle, sys
from eval import fitting
from eval.__main__ import _settings
from service import aggregate
from service.loading import load_judge, load_reader
examples = pickle.load(open("var/s10/tune.pkl", "rb"))
base = _settings(None)
judges = (load_reader(base), load_judge(base))
assert judges[1].head is not None
TUNING = ["eval/data/dev.jsonl", "eval/data/dev2.jsonl", "eval/data/dev3.jsonl", "eval/data/news-dev-a.jsonl", "eval/data/news-dev-b.jsonl"]
def words_only(examples):
    out = copy.deepcopy(examples)
    for e in out:
        for j in e.judgement.judged:
            if j.llm is not None:
                j.llm = j.llm.words
    return out
for head in (False, True):
    ex = examples if head else words_only(examples)
    from service.decide import features
    for e in ex:
        e.features = {s: features(e.judgement, s) for s in fitting.SUPPORTS}
    meta = {
        "model_preset": judges[1].preset,
        "model_sha256": judges[1].sha256,
        "judge": judges[0].name,
        "judge_sha256": judges[0].sha256,
        "llm_head_sha256": judges[1].head_sha256 if head else None,
        "embedding_model": base.embedding_model,
        "data": TUNING,
    }
    model, trials = fitting.fit_best(ex, meta, fitting.feature_sets(head=head))
    out = aggregate.weights_path(judges[1].preset, head=head)
    aggregate.save(model, out)
    print(out, model.meta["feature_set"], model.support, model.meta["l2"], json.dumps(model.meta["cv_by_set"]), json.dumps(model.meta["cv_recall"]))
