"""Every claim of the tuning files, the test split and the news test claims judged once as `make fit` judges them
(retrieval, the trained judge on every statement, the LLM on the two the service chooses), pickled to
OUT-{tune,test,news-test}.pkl; CLAIMS_JUDGE_DIR chooses the trained judge. `pickle_sets.py OUT [SET...]`."""
import pickle
import sys
from pathlib import Path

from tqdm import tqdm

from eval import claims as claims_io, fitting
from eval.__main__ import _settings
from service.loading import load_judge, load_reader, load_verifier

SETS = {
    "tune": ["dev", "dev2", "dev3", "news-dev-a", "news-dev-b"],
    "test": ["test"],
    "news-test": ["news-test"],
}
out, which = sys.argv[1], sys.argv[2:] or list(SETS)
base = _settings(None)
judges = (load_reader(base), load_judge(base))
for name in which:
    target = Path(f"{out}-{name}.pkl")
    if target.exists():
        continue  # resumable: a set already pickled is kept
    files = {Path(f"eval/data/{f}.jsonl"): claims_io.load(Path(f"eval/data/{f}.jsonl")) for f in SETS[name]}
    examples = []
    with tqdm(total=sum(len(c) for c in files.values()), file=sys.stderr, desc=name) as bar:
        for path, claims in files.items():
            settings = _settings(None, path)
            verifier = load_verifier(settings, fitted=False, judges=judges)
            examples += fitting.collect(verifier, claims, settings.corpus_dir.name, progress=bar.update)
    pickle.dump(examples, open(target, "wb"))
    print("saved", len(examples), target)
