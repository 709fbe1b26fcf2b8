"""Command line: `python -m eval run --data FILE --out DIR [--url URL] [--model PRESET]`, `fit`, `halueval`."""

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
from service.settings import get_settings


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
    fit = sub.add_parser("fit", help="fit the verdict aggregator for a model preset on labeled claims")
    fit.add_argument("--data", type=Path, nargs="+", required=True, help="labeled claims, JSON Lines (tuning only)")
    fit.add_argument("--model", help="model preset or GGUF path (default: the configured one)")
    fit.add_argument("--out", type=Path, help="weights file (default: service/weights/<preset>.json)")
    halu = sub.add_parser("halueval", help="the judge alone on a seeded sample of HaluEval QA")
    halu.add_argument("--out", type=Path, required=True)
    halu.add_argument("--model", help="model preset or GGUF path")
    halu.add_argument("-n", type=int, default=1000, help="answers to judge (half right, half hallucinated)")
    halu.add_argument("--seed", type=int, default=0)
    halu.add_argument(
        "--threshold", type=float, help="P(true) at which an answer counts as confirmed (default: the preset's own)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "halueval":
        return _halueval(args)
    if args.command == "fit":
        return _fit(args)
    return _run(args)


def _settings(model: str | None) -> Any:
    settings = get_settings()
    return settings.model_copy(update={"model": model}) if model else settings


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

        verifier = load_verifier(_settings(args.model))
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
    from service.loading import load_verifier

    try:
        claims = [c for path in args.data for c in claims_io.load(path)]
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    verifier = load_verifier(_settings(args.model), fitted=False)
    with tqdm(total=len(claims), desc="features", unit="claim", file=sys.stderr) as bar:
        examples = fitting.collect(verifier, claims, progress=bar.update)
    meta = {
        "model_preset": verifier.judge.preset,
        "model_sha256": verifier.judge.sha256,
        "embedding_model": verifier.index.encoder.name,
        "data": [str(p) for p in args.data],
    }
    try:
        model, trials = fitting.fit_best(examples, meta)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = args.out or aggregate.weights_path(verifier.judge.preset)
    aggregate.save(model, out)
    for t in trials:
        recall = " ".join(f"{k}={v:.2f}" for k, v in t["recall"].items())
        print(
            f"support={t['support']:<4} l2={t['l2']:<5} 5-fold accuracy {t['accuracy']:.3f}  "
            f"macro-F1 {t['macro_f1']:.3f}  recall {recall}"
        )
    print(
        f"fitted on {len(examples)} of {len(claims)} claims (support={model.support}, l2={model.meta['l2']}); "
        f"wrote {out}"
    )
    return 0


def _progress(claims: list[claims_io.LabeledClaim], runner: harness.Runner, desc: str) -> list[harness.Prediction]:
    with tqdm(total=len(claims), desc=desc, unit="claim", file=sys.stderr) as bar:
        return harness.run(claims, runner, progress=bar.update)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _halueval(args: argparse.Namespace) -> int:
    from eval import halueval
    from service.aggregate import SUPPORT, NoWeights, check_support
    from service.loading import load_aggregator, load_judge

    if args.threshold is not None:
        try:
            check_support(args.threshold)
        except ValueError as exc:
            print(f"error: --threshold: {exc}", file=sys.stderr)
            return 2
    settings = _settings(args.model)
    judge = load_judge(settings)
    if args.threshold is not None:
        support, source = args.threshold, "--threshold"
    else:  # the judge as the service uses it: at the citation threshold fitted for this preset
        try:
            support, source = load_aggregator(settings, judge.preset).support, "fitted for the preset"
        except NoWeights:
            support, source = SUPPORT, "default (no fitted weights for this model)"
    with tqdm(total=args.n, desc="halueval", unit="answer", file=sys.stderr) as bar:
        result, answers = halueval.run(judge, args.n, args.seed, support, progress=bar.update)
    result["threshold_source"] = source
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "halueval.json").write_text(json.dumps(result, indent=2) + "\n")
    _write_jsonl(args.out / "answers.jsonl", answers)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
