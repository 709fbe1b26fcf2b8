"""make fit's judging, with the judged tuning claims pickled (to refit variants offline), then the same fit."""
import pickle, sys
from pathlib import Path
from tqdm import tqdm
from eval import claims as claims_io, fitting
from eval.__main__ import _settings
from service.loading import load_judge, load_reader, load_verifier
from pickled import TUNING
which = sys.argv[1]  # tune | test
files = {Path(p): claims_io.load(Path(p)) for p in (TUNING if which == "tune" else ["eval/data/test.jsonl"])}
base = _settings(None)
judges = (load_reader(base), load_judge(base))
examples = []
with tqdm(total=sum(len(c) for c in files.values()), file=sys.stderr) as bar:
    for path, claims in files.items():
        settings = _settings(None, path)
        verifier = load_verifier(settings, fitted=False, judges=judges)
        examples += fitting.collect(verifier, claims, settings.corpus_dir.name, progress=bar.update)
pickle.dump(examples, open(f"var/s10/{which}.pkl", "wb"))
print("saved", len(examples))
