"""Rule 4 (README here). `summaries.py run CONFIG OUT`: the faithful and hallucinated summaries of 50 articles drawn
with seed 0 from rows 5000-5539 (the two news test sets' rows left out), verified cold against an archive of those
rows' articles as `eval news` verifies the reserved rows', with the LLM's confirmation counted as CONFIG says
(shipped, floor, floor-multi); OUT/results.jsonl (resumable) and OUT/news.json. `summaries.py replay`: the same
three on the shipped pickles, `eval fit`'s choice, CV and the held-out sets."""
import json
import random
import sys
from pathlib import Path

from eval import news
from judge.data import HELD_OUT_NEWS_ROWS, read_rows
from index.articles import Article
from service import decide

ROWS = [r for r in range(5000, 5540) if r not in HELD_OUT_NEWS_ROWS]
FOLDER = Path("var/s21/summaries")
FLOOR = 0.05
# `decide._llm_confirms(j, parts)` as each configuration reads it; parts is len(Judgement.parts), every part the
# claim splits into. (The runs of 2026-12-06 were made before the shipped code took `parts`, with the same count
# passed through a wrapper of `verifier.judge_claim`; the rule is the same.) `floor-multi` is the shipped code's.


def shipped(j, parts=1):
    return j.llm is not None and j.llm.true >= decide.LLM_SUPPORT


def floor(j, parts=1):
    return shipped(j) and j.trained.true >= FLOOR


def floor_multi_at(height):
    """Rule 5: the shipped rule with the multi-part floor at another height."""

    def confirms(j, parts=1):
        return shipped(j) and (parts < 2 or j.trained.true >= height)

    return confirms


CONFIGS = {"shipped": shipped, "floor": floor, "floor-multi": decide._llm_confirms,
           "floor-multi-0.02": floor_multi_at(0.02), "floor-multi-0.01": floor_multi_at(0.01)}


def cases():
    records = {row: record for row, record in read_rows(range(ROWS[0], ROWS[-1] + 1)) if row in ROWS}
    chosen = sorted(random.Random(0).sample(sorted(records), 50))
    out = []
    for row in chosen:
        for faithful, field in ((True, "right_summary"), (False, "hallucinated_summary")):
            kind = "faithful" if faithful else "hallucinated"
            out.append({"key": f"{row}-{kind}", "row": row, "faithful": faithful, "claim": records[row][field]})
    return records, out


def run(config, out):
    from eval.__main__ import _settings
    from eval.bench import without_states
    from service.loading import load_verifier

    records, todo = cases()
    corpus = FOLDER / "corpus" / "articles.jsonl"
    if not corpus.is_file():
        lines = [json.dumps(Article(news.article_id(r), f"CNN/DailyMail story (row {r})", rec["document"], "CNN/DM")
                            .to_dict(), ensure_ascii=False) for r, rec in sorted(records.items())]
        news.write_lines(corpus, lines)
    decide._llm_confirms = CONFIGS[config]
    settings = _settings(None).model_copy(update={"corpus_dir": corpus.parent, "index_dir": FOLDER / "index"})
    loaded = load_verifier(settings)
    without_states(loaded)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = news.run(loaded, todo, out / "results.jsonl")
    result = {"config": config, "rows": f"{ROWS[0]}-{ROWS[-1]} less the news test sets' rows",
              "archive": {"articles": len(loaded.index.articles), "sentences": loaded.index.live_count},
              **news.summary(rows)}
    (out / "news.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def replay():
    sys.path.insert(0, "docs/experiments/2026-12-01")
    sys.path.insert(0, "docs/experiments/2026-12-06-s20")
    import pickle

    import pickled
    from reading import SHIPPED, answer_words

    from eval import fitting

    raw = {n: answer_words(pickle.load(open(p, "rb"))) for n, p in SHIPPED.items()}
    print({n: sum(len(e.judgement.parts) >= 2 for e in ex) for n, ex in raw.items()}, "claims of two parts or more")
    for config, rule in CONFIGS.items():
        decide._llm_confirms = rule
        sets = {}
        for name, examples in raw.items():
            for e in examples:
                e.features = {s: decide.features(e.judgement, s) for s in fitting.SUPPORTS}
            sets[name] = list(examples)
        held = {n: sets[n] for n in sets if n != "tune"}
        pickled.fit_and_report(config, sets["tune"], held, {"judges+checks": fitting.FEATURE_SETS["judges+checks"]})


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    else:
        replay()
