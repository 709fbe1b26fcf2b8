"""make fit's judging of the tuning (or test) claims, pickled to OUT (CLAIMS_JUDGE_DIR chooses the trained judge);
as 2026-12-01/fit_pickle.py with the output path an argument."""
import pickle, sys
from pathlib import Path
from tqdm import tqdm
sys.path.insert(0, "docs/experiments/2026-12-01")
from eval import claims as claims_io, fitting
from eval.__main__ import _settings
from service.loading import load_judge, load_reader, load_verifier
from pickled import TUNING
which, out = sys.argv[1], sys.argv[2]  # tune | test, where to write
files = {Path(p): claims_io.load(Path(p)) for p in (TUNING if which == "tune" else ["eval/data/test.jsonl"])}
base = _settings(None)
judges = (load_reader(base), load_judge(base))
examples = []
with tqdm(total=sum(len(c) for c in files.values()), file=sys.stderr) as bar:
    for path, claims in files.items():
        settings = _settings(None, path)
        verifier = load_verifier(settings, fitted=False, judges=judges)
        examples += fitting.collect(verifier, claims, settings.corpus_dir.name, progress=bar.update)
pickle.dump(examples, open(out, "wb"))
print("saved", len(examples), out)
