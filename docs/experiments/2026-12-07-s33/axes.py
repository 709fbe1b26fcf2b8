"""Which pairs of labels the verdict's features tell apart, on the tuning claims only: AUC of each feature for
supported against not_enough_info, refuted against not_enough_info and supported against refuted, per tuning set
(session 31's judging, features as the shipped service computes them at the citation threshold 0.3).
`axes.py PICKLE` (the figures rule 19's README quotes)."""
import pickle
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
from pickled import with_features  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

FEATURES = ("relevance", "p_true", "p_false", "llm_true", "llm_false", "llm_true_closest", "detail_conflict")
PAIRS = (("supported", "not_enough_info"), ("refuted", "not_enough_info"), ("supported", "refuted"))


def main(path):
    examples = with_features(pickle.load(open(path, "rb")))
    for group in ("news", "seeds"):
        for a, b in PAIRS:
            rows = [e for e in examples if e.group == group and e.claim.label in (a, b)]
            y = [e.claim.label == a for e in rows]
            aucs = " ".join(f"{f}={roc_auc_score(y, [e.features[0.3][f] for e in rows]):.2f}" for f in FEATURES)
            print(f"{group} {a} against {b} (n={len(rows)}): {aucs}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
