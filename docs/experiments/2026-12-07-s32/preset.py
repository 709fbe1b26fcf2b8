"""The detail check's two forms for another preset, on one judging: `preset.py MODEL OUT.pkl` judges the tuning claims
as `make fit MODEL=...` does (once, pickled to OUT.pkl; kept if it exists) and prints `eval fit`'s choice over the
feature sets with the detail check as shipped before session 32 and as contradicted."""
import pickle
import sys
from pathlib import Path

for folder in ("docs/experiments/2026-12-01", "docs/experiments/2026-12-07-s32"):
    sys.path.insert(0, folder)
from details import with_checks  # noqa: E402
from pickled import TUNING, with_features  # noqa: E402
from tqdm import tqdm  # noqa: E402

from eval import claims as claims_io  # noqa: E402
from eval import fitting  # noqa: E402
from eval.__main__ import _settings  # noqa: E402
from service.loading import load_judge, load_reader, load_verifier  # noqa: E402


def judged(model, out):
    if Path(out).exists():
        return pickle.load(open(out, "rb"))
    base = _settings(model)
    judges = (load_reader(base), load_judge(base))
    examples = []
    files = {Path(p): claims_io.load(Path(p)) for p in TUNING}
    with tqdm(total=sum(len(c) for c in files.values()), file=sys.stderr, desc=model) as bar:
        for path, claims in files.items():
            settings = _settings(model, path)
            verifier = load_verifier(settings, fitted=False, judges=judges)
            examples += fitting.collect(verifier, claims, settings.corpus_dir.name, progress=bar.update)
    pickle.dump(examples, open(out, "wb"))
    return examples


if __name__ == "__main__":
    model, out = sys.argv[1], sys.argv[2]
    judged(model, out)
    for form in ("shipped", "contradicted"):
        examples = with_checks(with_features(pickle.load(open(out, "rb"))), form)
        chosen, _ = fitting.fit_best(examples, {}, fitting.feature_sets(head=False))
        m = chosen.meta
        mean = sum(v["macro_f1"] for v in m["cv_by_set"].values()) / len(m["cv_by_set"])
        print(f"{form}: {m['feature_set']} s={chosen.support} l2={m['l2']} mean CV F1 {mean:.3f} {m['cv_by_set']}",
              flush=True)
