"""A third news tuning set (news-dev-c: 140 claims about 20 more articles of rows 7950-7999, written and second-read
this session): does fitting the verdict weights on more claims about other news help on the held-out sets?

`news_tuning.py judge CORPUS_DIR OUT FILE...`: each claims file judged as `make fit` judges it (retrieval, the
trained judge, the LLM on two statements), against the archive CORPUS_DIR (the 24 news tuning articles plus the
20 new ones), pickled to OUT-<file stem>.pkl; a file already pickled is kept (resumable). The group is "news", as
`make fit` names it (the corpus folder's name).

`news_tuning.py replay SHIPPED_PREFIX OUT`: `eval fit`'s choice (the shipped feature sets) on
- shipped: the shipped judging (session 16's pickles: seeds, and news-dev-a/b on the 24-article archive);
- control: the seeds, and news-dev-a/b judged on the 44-article archive (the change of archive alone);
- with c: the same plus news-dev-c;
each with its CV by set and its figures on the test split and the news test claims (session 16's pickles; their
archives are not changed).

`news_tuning.py bootstrap SHIPPED_PREFIX OUT`: the difference between the two on each held-out set, with its
spread over resampled claims, and the ECE a calibrated service would show by chance there."""
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")

NEWS = ("news-dev-a", "news-dev-b", "news-dev-c")


def judge(corpus, out, files):
    from tqdm import tqdm

    from eval import claims as claims_io
    from eval import fitting
    from eval.__main__ import _settings
    from fit_pickle import judges
    from service.loading import load_verifier

    loaded = judges()
    settings = _settings(None, None, Path(corpus))
    verifier = load_verifier(settings, fitted=False, judges=loaded)
    for path in map(Path, files):
        target = Path(f"{out}-{path.stem}.pkl")
        if target.exists():
            continue
        claims = claims_io.load(path)
        with tqdm(total=len(claims), file=sys.stderr, desc=path.stem) as bar:
            examples = fitting.collect(verifier, claims, "news", progress=bar.update)
        pickle.dump(examples, open(target, "wb"))
        print("saved", len(examples), target, flush=True)


def replay(shipped, out):
    import pickled
    from eval import fitting

    tune = pickled.judged(f"{shipped}-tune.pkl")
    held = {n: pickled.judged(f"{shipped}-{n}.pkl") for n in ("test", "news-test")}
    seeds = [e for e in tune if e.group != "news"]
    news = {n: pickled.judged(f"{out}-{n}.pkl") for n in NEWS if Path(f"{out}-{n}.pkl").exists()}
    runs = {"shipped": tune, "control (a, b on the larger archive)": seeds + news["news-dev-a"] + news["news-dev-b"]}
    if "news-dev-c" in news:
        runs["with c"] = runs["control (a, b on the larger archive)"] + news["news-dev-c"]
    for label, examples in runs.items():
        print(f"{label}: {len(examples)} tuning claims", flush=True)
        pickled.fit_and_report(label, examples, held, fitting.feature_sets(head=False))




def bootstrap(shipped, out, draws=2000, seed=0):
    """How far apart the shipped weights and the weights fitted with news-dev-c are on each held-out set, with the
    spread of that difference over resampled claims (paired: the same draw of claims for both), and the ECE a
    perfectly calibrated service would show by chance at the shipped weights' confidences."""
    import numpy as np

    import pickled
    from eval import fitting, metrics
    from service.aggregate import LABELS

    tune = pickled.judged(f"{shipped}-tune.pkl")
    seeds = [e for e in tune if e.group != "news"]
    news = [e for n in NEWS for e in pickled.judged(f"{out}-{n}.pkl")]
    sets = fitting.feature_sets(head=False)
    models = {"shipped": fitting.fit_best(tune, {}, sets)[0], "with c": fitting.fit_best(seeds + news, {}, sets)[0]}
    rng = np.random.default_rng(seed)
    for name in ("test", "news-test"):
        held = pickled.judged(f"{shipped}-{name}.pkl")
        golds, alsos = [e.claim.label for e in held], [e.claim.also for e in held]
        preds = {k: [fitting._predict(m, e) for e in held] for k, m in models.items()}

        def f1(label, idx):
            g, a, p = [golds[i] for i in idx], [alsos[i] for i in idx], [preds[label][i] for i in idx]
            return metrics.macro_f1(metrics.credited(g, a, p), p)

        every = list(range(len(held)))
        diffs = sorted(f1("with c", idx) - f1("shipped", idx)
                       for idx in (rng.integers(0, len(held), len(held)).tolist() for _ in range(draws)))
        confs = [models["shipped"].probabilities(e.features[models["shipped"].support])[p]
                 for e, p in zip(held, preds["shipped"])]
        chance = metrics.ece_by_chance(confs)
        print(f"{name}: macro-F1 with c - shipped {f1('with c', every) - f1('shipped', every):+.3f}, "
              f"90% of resamples in [{diffs[int(0.05 * draws)]:+.3f}, {diffs[int(0.95 * draws)]:+.3f}]; "
              f"ECE by chance at the shipped confidences {chance['mean']:.3f} (p5-p95 {chance['p5']:.3f}-"
              f"{chance['p95']:.3f}); labels {sorted(set(golds) & set(LABELS))}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "judge":
        judge(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif sys.argv[1] == "bootstrap":
        bootstrap(sys.argv[2], sys.argv[3])
    else:
        replay(sys.argv[2], sys.argv[3])
