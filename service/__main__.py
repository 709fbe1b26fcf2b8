"""Command line: `python -m service serve | verify "claim" [--json] | provision`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from service.settings import get_settings

_BOLD, _RESET = "\033[1m", "\033[0m"
_COLOURS = {"supports": "\033[32m", "refutes": "\033[31m", "neutral": "\033[2m"}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="run the HTTP service (settings from CLAIMS_* variables)")
    verify = sub.add_parser("verify", help="verify one claim and print the verdict with citations")
    verify.add_argument("claim")
    verify.add_argument("-k", "--top-k", type=int, default=None)
    verify.add_argument("--rationale", action="store_true", help="also generate a short explanation")
    verify.add_argument("--json", action="store_true", help="print the verdict as JSON")
    prov = sub.add_parser("provision", help="assemble/check model files so the first start is fast")
    prov.add_argument("presets", nargs="*", help="presets to provision (default: the configured model)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "serve":
        return _serve()
    if args.command == "provision":
        return _provision(args.presets or [get_settings().model])
    return _verify(args.claim, args.top_k, args.rationale, args.json)


def _serve() -> int:
    import uvicorn

    from service.app import create_app

    settings = get_settings()
    # One worker: each worker would load its own copy of the model.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, workers=1, log_level="info")
    return 0


def _provision(presets: list[str]) -> int:
    from tqdm import tqdm

    from service.errors import ModelUnavailable
    from service.models import resolve_model

    settings = get_settings()
    for name in presets:
        with tqdm(total=0, unit="B", unit_scale=True, desc=name, file=sys.stderr, leave=False) as bar:

            def show(done: int, total: int, bar: tqdm = bar) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                model = resolve_model(name, settings.model_cache_dir, progress=show)
            except ModelUnavailable as exc:
                print(f"error: {exc.message}", file=sys.stderr)
                return 1
        print(f"{model.preset}: {model.path} (sha256 {model.sha256[:16]}…)")
    return 0


def _verify(claim: str, top_k: int | None, rationale: bool, as_json: bool) -> int:
    from service.errors import ServiceError
    from service.loading import load_verifier

    logging.getLogger().setLevel(logging.WARNING)
    try:
        verdict = load_verifier(get_settings()).verify(claim, top_k, rationale)
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(verdict.model_dump(), indent=2, ensure_ascii=False))
        return 0
    colour = sys.stdout.isatty()
    bold, reset = (_BOLD, _RESET) if colour else ("", "")
    print(f"{bold}{verdict.label.upper()}{reset} (confidence {verdict.confidence:.2f}): {verdict.reason}")
    if verdict.rationale:
        print(verdict.rationale)
    for i, c in enumerate(verdict.citations, start=1):
        tint = _COLOURS[c.stance] if colour else ""
        print(f"[{i}] {c.stance:8s} {tint}{c.sentence}{reset}")
        outlet = f"{c.outlet}, " if c.outlet else ""
        print(f"    {outlet}{c.title} ({c.article_id}, chars {c.start}-{c.end})")
    t = verdict.provenance.timings
    timing = f"retrieve {t.retrieve_s:.2f}s, judge {t.judge_s:.2f}s, total {t.total_s:.2f}s"
    print(f"{verdict.provenance.model_preset}; {timing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
