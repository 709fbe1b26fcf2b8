"""What this session's scripts share: a module as it stood at an earlier commit, read from git (so that before and
after are compared in one run without a copy of the old code), and the pooled held-out count."""
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

SESSION_21 = "6ef753f"  # service/checks.py before this session
RULE_4 = "b578e3e"  # service/checks.py as rule 4 shipped it, after the review


def module_at(commit: str, path: str) -> ModuleType:
    """`path` (e.g. service/checks.py) as it stood at `commit`, imported under a name of its own."""
    source = subprocess.run(["git", "show", f"{commit}:{path}"], capture_output=True, text=True, check=True).stdout
    name = f"{Path(path).stem}_at_{commit}"
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, f.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def pooled(model, held) -> str:
    """Claims right over every held-out set, as `eval`'s metrics count them."""
    from eval import fitting, metrics

    right = sum(metrics.correct(e.claim.label, e.claim.also, fitting._predict(model, e))
                for examples in held.values() for e in examples)
    return f"    pooled: {right} of {sum(len(v) for v in held.values())}"


def with_feature(name: str, value) -> None:
    """Replay the shipped feature set and the shipped set plus `name` (computed by `value(judgement)`) with `eval
    fit`'s choice on session 16's tuning judging; each scored on the five held-out sets and pooled."""
    sys.path.insert(0, "docs/experiments/2026-12-01")
    sys.path.insert(0, "docs/experiments/2026-12-06-s20")
    import pickled
    import reading
    import service.decide as decide
    from eval import fitting

    shipped_features = decide.features
    pickled.features = lambda judgement, support: {**shipped_features(judgement, support), name: value(judgement)}
    tune = reading.load(reading.SHIPPED["tune"])
    held = {n: reading.load(p) for n, p in reading.SHIPPED.items() if n != "tune"}
    base = fitting.FEATURE_SETS["judges+checks"]
    for label, chosen in {"shipped": base, f"+{name}": (*base, name)}.items():
        model = pickled.fit_and_report(label, tune, held, {label: chosen})
        print(pooled(model, held), flush=True)
