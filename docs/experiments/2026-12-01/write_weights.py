"""The weights `make fit` writes (default: the LLM's answer words; and CLAIMS_LLM_HEAD=true's +head weights),
from the judged tuning claims pickled by fit_pickle.py with the same code and settings: the same fit_best over the
same feature sets, the same meta. Run with CLAIMS_LLM_HEAD=true (the head must be loaded to record its hash)."""
import json, pickle
from eval import fitting
from eval.__main__ import _settings
from service import aggregate
from service.loading import load_judge, load_reader
from pickled import TUNING, with_features, words_only
examples = pickle.load(open("var/s10/tune.pkl", "rb"))
base = _settings(None)
judges = (load_reader(base), load_judge(base))
assert judges[1].head is not None
for head in (False, True):
    ex = with_features(examples if head else words_only(examples))
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
