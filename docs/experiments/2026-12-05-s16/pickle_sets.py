"""Every claim of the tuning files, the test split and the news test claims judged once as `make fit` judges them
(retrieval, the trained judge on every statement, the LLM on the two the service chooses: 2026-12-02/fit_pickle.py's
judging), pickled to OUT-{tune,test,news-test}.pkl; CLAIMS_JUDGE_DIR chooses the trained judge.
`pickle_sets.py OUT [SET...]`; a set already pickled is kept, so an interrupted run resumes."""
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-02")
from fit_pickle import TUNING, judge_files, judges  # noqa: E402

SETS = {"tune": TUNING, "test": ["eval/data/test.jsonl"], "news-test": ["eval/data/news-test.jsonl"]}
out, which = sys.argv[1], sys.argv[2:] or list(SETS)
loaded = judges()
for name in which:
    target = Path(f"{out}-{name}.pkl")
    if not target.exists():
        examples = judge_files(SETS[name], loaded, desc=name)
        pickle.dump(examples, open(target, "wb"))
        print("saved", len(examples), target)
