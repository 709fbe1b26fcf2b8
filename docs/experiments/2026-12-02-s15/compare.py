"""The shipped cross-encoder against the ones trained with both extra passes (`--extra 1 --reworded 2`: j4) and with
the unstated pairs as well (`--unstated 1`: j5), on the same tuning and test claims: the shipped judge's judging is
session 14's superset pickles replayed with the shipped choice of statements (which reproduces the shipped weights'
CV), each new judge's is fit_pickle.py's with CLAIMS_JUDGE_DIR=var/judge4/out (var/judge5/out). `eval fit`'s choice over its feature sets, CV on both tuning sets, the test split;
and how often a supported claim has a retrieved statement the cross-encoder reads true / false. Measuring only."""
import pickle, sys
sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02-s14")
import pickled, policies
from eval import fitting
from replay import fit_and_report, replay


def fault(examples, label, news):
    chosen = [e for e in examples if e.claim.label == label and (e.group == "news") == news]
    f = sum(any(j.trained.false > 0.5 for j in e.judgement.judged) for e in chosen) / max(1, len(chosen))
    t = sum(any(j.trained.true > 0.5 for j in e.judgement.judged) for e in chosen) / max(1, len(chosen))
    return f"{len(chosen)} {label}: P(true)>0.5 {t:.0%}, P(false)>0.5 {f:.0%}"


shipped_tune, _ = replay(pickle.load(open("var/s14/tune.pkl", "rb")), policies.today, 2)
shipped_test, _ = replay(pickle.load(open("var/s14/test.pkl", "rb")), policies.today, 2)
runs = [("shipped", shipped_tune, shipped_test)]
for name in sys.argv[1:] or ("j4", "j5"):
    runs.append((name, *(pickled.with_features(pickle.load(open(f"var/s15/{w}-{name}.pkl", "rb"))) for w in ("tune", "test"))))
for name, tune, test in runs:
    for label in ("supported", "refuted", "not_enough_info"):
        print(f"{name}: seeds {fault(tune, label, False)}; news {fault(tune, label, True)}")
    fit_and_report(name, tune, test, fitting.feature_sets(head=False))
