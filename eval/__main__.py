"""Command line: `python -m eval run --data FILE --out DIR [--url URL] [--model PRESET]`, `fit`, `halueval`,
`pairs`, `news`, `gold`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval import claims as claims_io
from eval import harness, report
from index.articles import archive_digest
from service.settings import get_settings

# The tuning sets, as the Makefile's TUNING names them (the held-out sets are left unread unless asked for).
TUNING = [
    claims_io.CORPORA.parent / f
    for f in ("dev.jsonl", "dev2.jsonl", "dev3.jsonl", "news-dev-a.jsonl", "news-dev-b.jsonl")
]


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="evaluate verdicts on labeled claims")
    run.add_argument("--data", type=Path, required=True, help="labeled claims, JSON Lines")
    run.add_argument("--out", type=Path, required=True, help="folder for report.json, report.md, plots")
    run.add_argument("--url", help="evaluate a running service at this address instead of in-process")
    run.add_argument("--api-key", default=os.environ.get("CLAIMS_API_KEY"), help="X-API-Key for --url")
    run.add_argument("--model", help="model preset or GGUF path (in-process; default: the configured one)")
    run.add_argument("-k", "--top-k", type=int, default=8)
    run.add_argument("--limit", type=int, help="only the first N claims (smoke tests)")
    run.add_argument("--no-baseline", action="store_true", help="skip the naive one-prompt baseline")
    run.add_argument("--cold", action="store_true", help="measure without preparing the judge first (in-process)")
    run.add_argument("--corpus", type=Path, help="archive the claims are about (default: from eval/data/corpora.json)")
    fit = sub.add_parser("fit", help="fit the verdict aggregator for a model preset on labeled claims")
    fit.add_argument("--data", type=Path, nargs="+", required=True, help="labeled claims, JSON Lines (tuning only)")
    fit.add_argument("--model", help="model preset or GGUF path (default: the configured one)")
    fit.add_argument(
        "--out",
        type=Path,
        help="weights file (default: service/weights/<preset>+head.json where the LLM is read through its head, "
        "else <preset>.json); refitted on the prompt it names unless "
        "CLAIMS_LLM_PROMPT is set (a head is read on its own prompt)",
    )
    halu = sub.add_parser("halueval", help="the judge alone on a seeded sample of HaluEval QA")
    halu.add_argument("--out", type=Path, required=True)
    halu.add_argument("--model", help="model preset or GGUF path")
    halu.add_argument("--judge", choices=("trained", "llm"), default="trained", help="which judge to measure")
    halu.add_argument("-n", type=int, default=1000, help="answers to judge (half right, half hallucinated)")
    halu.add_argument("--seed", type=int, default=0)
    halu.add_argument(
        "--threshold", type=float, help="P(true) at which an answer counts as confirmed (default: the preset's own)"
    )
    pairs = sub.add_parser("pairs", help="a judge alone on sentence pairs from the reserved HaluEval rows 8000-9999")
    pairs.add_argument("--out", type=Path, required=True)
    pairs.add_argument("--model", help="model preset or GGUF path")
    pairs.add_argument("--judge", choices=("trained", "llm"), default="trained", help="which judge to measure")
    pairs.add_argument("--articles", type=int, default=300, help="reserved articles the pairs are built from")
    pairs.add_argument("--limit", type=int, help="only the first N pairs")
    pairs.add_argument("--threshold", type=float, help="P(true) at which a statement confirms (default: fitted)")
    news = sub.add_parser("news", help="summaries of reserved-row CNN/DailyMail articles verified against them all")
    news.add_argument("--out", type=Path, default=Path("var/eval/news"), help="results.jsonl (resumable), news.json")
    news.add_argument("--model", help="model preset or GGUF path")
    news.add_argument("--articles", type=int, default=1000, help="reserved-row articles in the archive (rows 8000-)")
    news.add_argument("--sample", type=int, default=100, help="articles whose two summaries are verified")
    news.add_argument("--seed", type=int, default=0)
    gold = sub.add_parser("gold", help="a judge alone on the statements people cited for labeled claims")
    gold.add_argument("--data", type=Path, nargs="+", default=TUNING, help="labeled claims (default: the tuning sets)")
    gold.add_argument("--out", type=Path, required=True, help="folder for gold.json and readings.jsonl")
    gold.add_argument("--model", help="model preset or GGUF path")
    gold.add_argument("--judge", choices=("trained", "llm"), default="trained", help="which judge to measure")
    gold.set_defaults(threshold=None)  # read, not decided: no confirming threshold
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "halueval":
        return _halueval(args)
    if args.command == "fit":
        return _fit(args)
    if args.command == "pairs":
        return _pairs(args)
    if args.command == "news":
        return _news(args)
    if args.command == "gold":
        return _gold(args)
    return _run(args)


def _settings(model: str | None, data: Path | None = None, corpus: Path | None = None) -> Any:
    """The service's settings, with the model asked for and the archive the claims are about (each archive
    other than the configured one gets its own index under var/, named for what the archive holds: an index is
    built from its archive only when its folder is empty, so an archive that changed gets a new one)."""
    settings = get_settings()
    update: dict[str, Any] = {"model": model} if model else {}
    corpus = corpus or (claims_io.corpus_of(data) if data else None)
    if corpus is not None and corpus.resolve() != settings.corpus_dir.resolve():
        corpus = corpus.resolve()
        index = f"index-{corpus.name}-{archive_digest([corpus])[:12]}"
        update |= {"corpus_dir": corpus, "index_dir": settings.index_dir.with_name(index)}
    return settings.model_copy(update=update) if update else settings


def _run(args: argparse.Namespace) -> int:
    try:
        claims = claims_io.load(args.data)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    claims = claims[: args.limit] if args.limit else claims
    gold = {c.id: [(e.article, e.text) for e in c.evidence] for c in claims}
    verifier = None
    if args.url:
        runner: harness.Runner = harness.OverHttp(args.url, args.top_k, args.api_key)
    else:
        from service.loading import load_verifier

        verifier = load_verifier(_settings(args.model, args.data, args.corpus))
        if not args.cold:  # as a running service would be: every indexed sentence's prompt state ready
            print(f"preparing the judge for {verifier.index.live_count} sentences", file=sys.stderr)
            verifier.prewarm()
        runner = harness.InProcess(verifier, args.top_k)
    preds = _progress(claims, runner, "verdicts")
    result: dict[str, Any] = {
        "data": str(args.data),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "mode": "http" if args.url else "in-process",
        "k": args.top_k,
        **runner.provenance,
        **harness.summarize(preds, gold),
    }
    if verifier is not None:
        result["retrieval_recall"] = harness.retrieval_recall(verifier.index, claims, args.top_k)
        if not args.no_baseline:
            base = _progress(claims, harness.NaiveBaseline(verifier.index, verifier.judge, args.top_k), "baseline")
            result["baseline"] = harness.summarize(base, gold)
            result["accuracy_gain"] = result["accuracy"] - result["baseline"]["accuracy"]
            result["accuracy_ratio"] = (
                result["accuracy"] / result["baseline"]["accuracy"] if result["baseline"]["accuracy"] else None
            )
    report.write(args.out, result, [p.confidence for p in preds], [p.correct for p in preds])
    _write_jsonl(args.out / "predictions.jsonl", harness.prediction_rows(preds))
    print(report.markdown(result))
    return 0


def _fit(args: argparse.Namespace) -> int:
    from eval import fitting
    from service import aggregate
    from service.loading import ask_as_fitted, load_judge, load_reader, load_verifier

    try:
        files = {path: claims_io.load(path) for path in args.data}
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    base = _settings(args.model)
    judges = (load_reader(base), load_judge(base))
    out = args.out or aggregate.weights_path(judges[1].preset, head=judges[1].head is not None)
    if judges[1].head is None and out.is_file():  # refit the weights as they were fitted: on their prompt
        try:
            ask_as_fitted(judges[1], aggregate.load(out), base.llm_prompt)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(
                f"error: {out} exists but is not verdict weights ({exc}); remove it or give another --out",
                file=sys.stderr,
            )
            return 2
    examples: list[fitting.Example] = []
    total = sum(len(c) for c in files.values())
    with tqdm(total=total, desc="judging", unit="claim", file=sys.stderr) as bar:
        for path, claims in files.items():
            settings = _settings(args.model, path)
            verifier = load_verifier(settings, fitted=False, judges=judges)
            examples += fitting.collect(verifier, claims, settings.corpus_dir.name, progress=bar.update)
    meta = fit_meta(judges, base.embedding_model, verifier.llm_statements, [str(p) for p in args.data])
    try:
        model, trials = fitting.fit_best(examples, meta, fitting.feature_sets(head=judges[1].head is not None))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    aggregate.save(model, out)
    for t in trials:
        sets = "  ".join(f"{g} {v['accuracy']:.3f}/{v['macro_f1']:.3f}" for g, v in t["groups"].items())
        print(f"{t['feature_set']:<14} support={t['support']:<4} l2={t['l2']:<4} CV accuracy/macro-F1: {sets}")
    print(
        f"chose {model.meta['feature_set']} (support={model.support}, l2={model.meta['l2']}); "
        f"CV by set {json.dumps(model.meta['cv_by_set'])}; recall {json.dumps(model.meta['cv_recall'])}; wrote {out}"
    )
    return 0


def fit_meta(judges: tuple[Any, Any], embedding_model: str, llm_statements: int, data: list[str]) -> dict[str, Any]:
    """What verdict weights record of the judging they were fitted on: (trained reader, LLM judge), the embedding
    model, the statements the LLM read per claim and the tuning files."""
    return {
        "model_preset": judges[1].preset,
        "model_sha256": judges[1].sha256,
        "judge": judges[0].name,
        "judge_sha256": judges[0].sha256,
        "llm_head_sha256": judges[1].head_sha256,
        "embedding_model": embedding_model,
        "llm_statements": llm_statements,
        "llm_prompt": judges[1].prompt,
        "data": data,
    }


def _progress(claims: list[claims_io.LabeledClaim], runner: harness.Runner, desc: str) -> list[harness.Prediction]:
    with tqdm(total=len(claims), desc=desc, unit="claim", file=sys.stderr) as bar:
        return harness.run(claims, runner, progress=bar.update)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _judge_and_threshold(args: argparse.Namespace) -> tuple[Any, float, str] | None:
    """The judge asked for and the P(true) at which it confirms: --threshold, else the citation threshold fitted
    with the service's aggregator (the judge as the service uses it), else the default."""
    from service.aggregate import SUPPORT, NoWeights, check_support
    from service.judge import LlamaJudge
    from service.loading import ask_as_fitted, load_aggregator, load_judge, load_reader
    from service.models import resolve_model

    if args.threshold is not None:
        try:
            check_support(args.threshold)
        except ValueError as exc:
            print(f"error: --threshold: {exc}", file=sys.stderr)
            return None
    settings = _settings(args.model)
    judge: Any = load_reader(settings) if args.judge == "trained" else load_judge(settings)
    if args.threshold is not None:
        return judge, args.threshold, "--threshold"
    preset = resolve_model(settings.model, settings.model_cache_dir).preset  # the GGUF is loaded only if judged
    try:
        aggregator = load_aggregator(settings, preset)
    except NoWeights:
        return judge, SUPPORT, "default (no fitted weights for this model)"
    if isinstance(judge, LlamaJudge):
        ask_as_fitted(judge, aggregator, settings.llm_prompt)  # asked as the service asks it
    return judge, aggregator.support, "fitted with the aggregator"


def _halueval(args: argparse.Namespace) -> int:
    from eval import halueval

    loaded = _judge_and_threshold(args)
    if loaded is None:
        return 2
    judge, support, source = loaded
    with tqdm(total=args.n, desc="halueval", unit="answer", file=sys.stderr) as bar:
        result, answers = halueval.run(judge, args.n, args.seed, support, progress=bar.update)
    return _save(args.out, "halueval.json", {**result, "threshold_source": source}, "answers.jsonl", answers)


def _pairs(args: argparse.Namespace) -> int:
    from eval import pairs

    loaded = _judge_and_threshold(args)
    if loaded is None:
        return 2
    judge, support, source = loaded
    with tqdm(desc="pairs", unit="pair", file=sys.stderr) as bar:
        result, rows = pairs.run(judge, args.articles, support, args.limit, progress=bar.update)
    return _save(args.out, "pairs.json", {**result, "threshold_source": source}, "pairs.jsonl", rows)


def _gold(args: argparse.Namespace) -> int:
    """Every file's claims against the passages of their gold statements in their own archive, per file and
    pooled, with what was read and by which judge."""
    from eval import gold
    from index.encoder import SentenceTransformerEncoder
    from judge.model import WEIGHTS_DIR
    from service.loading import load_index

    try:
        claims = {path: claims_io.load(path) for path in args.data}
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    loaded = _judge_and_threshold(args)
    if loaded is None:
        return 2
    judge, settings = loaded[0], _settings(args.model)
    names = [path.name for path in claims]
    sets = {}
    for path, listed in claims.items():
        archive = _settings(args.model, path)
        index = load_index(archive, SentenceTransformerEncoder(archive.embedding_model))
        name = path.name if names.count(path.name) == 1 else str(path)  # the file's name, unless two share it
        sets[name] = [(c, gold.gold_passages(index, c)) for c in listed]
    with tqdm(desc="gold statements", unit="claim", file=sys.stderr) as bar:
        figures, rows = gold.measure(judge, sets, progress=bar.update)
    if args.judge == "trained":
        about: dict[str, Any] = {"judge_dir": str(settings.judge_dir or WEIGHTS_DIR)}
    else:
        about = {"llm_head": judge.head_sha256 or None, "llm_prompt": judge.prompt}
    result = {
        "judge": args.judge,
        "name": getattr(judge, "preset", None) or getattr(judge, "name", "?"),
        "sha256": judge.sha256,
        **about,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **figures,
    }
    return _save(args.out, "gold.json", result, "readings.jsonl", rows)


def _news(args: argparse.Namespace) -> int:
    from eval import news
    from eval.bench import without_states
    from service.loading import load_verifier

    folder = Path("var") / f"news-{args.articles}"
    try:
        corpus = news.write_corpus(folder / "corpus" / "articles.jsonl", args.articles)
        todo = news.cases(args.articles, args.sample, args.seed)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # Its own index folder beside the archive it writes (which depends only on --articles), not one named by digest
    settings = _settings(args.model).model_copy(update={"corpus_dir": corpus.parent, "index_dir": folder / "index"})
    print(f"loading (the first run indexes {args.articles} articles)", file=sys.stderr)
    verifier = load_verifier(settings)
    without_states(verifier)  # cold: an archive this size cannot be prepared
    args.out.mkdir(parents=True, exist_ok=True)
    rows = news.run(verifier, todo, args.out / "results.jsonl")
    result = {
        "archive": {"articles": len(verifier.index.articles), "sentences": verifier.index.live_count},
        "rows": f"{news.RESERVED_ROWS.start}-{news.RESERVED_ROWS.start + args.articles - 1} (reserved)",
        "model_preset": verifier.judge.preset,
        "judge": verifier.reader.name,
        **news.summary(rows),
    }
    (args.out / "news.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


def _save(out: Path, name: str, result: dict[str, Any], rows_name: str, rows: list[dict[str, Any]]) -> int:
    """The figures as JSON and every item's reading as JSON Lines (to see where the judge errs)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(json.dumps(result, indent=2) + "\n")
    _write_jsonl(out / rows_name, rows)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
