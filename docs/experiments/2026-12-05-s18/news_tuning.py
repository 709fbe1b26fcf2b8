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
archives are not changed)."""
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

    load = lambda p: pickled.with_features(pickle.load(open(p, "rb")))  # noqa: E731
    tune = load(f"{shipped}-tune.pkl")
    held = {n: load(f"{shipped}-{n}.pkl") for n in ("test", "news-test")}
    seeds = [e for e in tune if e.group != "news"]
    news = {n: load(f"{out}-{n}.pkl") for n in NEWS if Path(f"{out}-{n}.pkl").exists()}
    runs = {"shipped": tune, "control (a, b on the larger archive)": seeds + news["news-dev-a"] + news["news-dev-b"]}
    if "news-dev-c" in news:
        runs["with c"] = runs["control (a, b on the larger archive)"] + news["news-dev-c"]
    for label, examples in runs.items():
        print(f"{label}: {len(examples)} tuning claims", flush=True)
        pickled.fit_and_report(label, examples, held, fitting.feature_sets(head=False))


if __name__ == "__main__":
    if sys.argv[1] == "judge":
        judge(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        replay(sys.argv[2], sys.argv[3])
