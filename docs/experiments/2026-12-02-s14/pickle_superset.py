"""make fit's judging of the tuning (or test) claims, the LLM reading the union of every policy's statements
(policies.py), pickled to OUT. Offline, policies.py's choices are replayed by forgetting the other readings."""
import pickle, sys
from pathlib import Path
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
from tqdm import tqdm
from service import evidence
import policies
evidence.for_llm = lambda judged, limit: policies.superset([j for j in judged if not j.quotes_claim], limit)
from eval import claims as claims_io, fitting
from eval.__main__ import _settings
from service.loading import load_judge, load_reader, load_verifier
from pickled import TUNING
which, out = sys.argv[1], sys.argv[2]
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
