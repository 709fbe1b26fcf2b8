"""make fit's judging of the tuning (or test) claims, pickled to OUT (CLAIMS_JUDGE_DIR chooses the trained judge);
as 2026-12-01/fit_pickle.py with the output path an argument. `judge_files` is the judging, shared with
2026-12-05-s16/pickle_sets.py."""
import pickle, sys
from pathlib import Path
from tqdm import tqdm
sys.path.insert(0, "docs/experiments/2026-12-01")
from eval import claims as claims_io, fitting
from eval.__main__ import _settings
from service.loading import load_judge, load_reader, load_verifier
from pickled import TUNING


def judges(model=None):
    """The LLM (the settings', or the preset `model`) and the trained judge, loaded once for every file."""
    base = _settings(model)
    return load_reader(base), load_judge(base)


def judge_files(paths, loaded, desc=None, model=None):
    """Every claim of the files judged once as `make fit` judges them, each file against its own archive."""
    files = {Path(p): claims_io.load(Path(p)) for p in paths}
    examples = []
    with tqdm(total=sum(len(c) for c in files.values()), file=sys.stderr, desc=desc) as bar:
        for path, claims in files.items():
            settings = _settings(model, path)
            verifier = load_verifier(settings, fitted=False, judges=loaded)
            examples += fitting.collect(verifier, claims, settings.corpus_dir.name, progress=bar.update)
    return examples


if __name__ == "__main__":
    which, out = sys.argv[1], sys.argv[2]  # tune | test, where to write
    examples = judge_files(TUNING if which == "tune" else ["eval/data/test.jsonl"], judges())
    pickle.dump(examples, open(out, "wb"))
    print("saved", len(examples), out)
