"""Command line: `python -m service serve | verify "claim" [--json] | provision | audit | check FILE`; every
setting is also a flag (`--port 8080`, `--no-prewarm`), and `--config FILE` reads them from JSON or TOML."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from service import logs
from service.cli import ConfigError, add_settings_args, settings_from_args
from service.settings import Settings

_BOLD, _RESET = "\033[1m", "\033[0m"
_COLOURS = {"supports": "\033[32m", "refutes": "\033[31m", "neutral": "\033[2m"}


def parser() -> argparse.ArgumentParser:
    """The command line, with the settings flags on every command."""
    top = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="run the HTTP service (one worker: each would load its own model)")
    verify = sub.add_parser("verify", help="verify one claim and print the verdict with citations")
    verify.add_argument("claim")
    verify.add_argument("-k", "--top-k", type=int, default=None)
    verify.add_argument("--rationale", action="store_true", help="also generate a short explanation")
    verify.add_argument("--json", action="store_true", help="print the verdict as JSON")
    prov = sub.add_parser("provision", help="assemble/check model files so the first start is fast")
    prov.add_argument("presets", nargs="*", help="presets to provision (default: the configured model)")
    audit = sub.add_parser("audit", help="print the latest verdicts from the audit log as JSON lines")
    audit.add_argument("-n", "--last", type=int, default=20, help="how many verdicts (newest first)")
    check = sub.add_parser("check", help="check a file of claims against a running service (a batch job; resumable)")
    check.add_argument("file", type=Path, help="CSV with a `claim` column, JSON Lines with a `claim` key, or text")
    check.add_argument(
        "--out", type=Path, help="results as JSON Lines (default: FILE, its extension replaced by .results.jsonl)"
    )
    check.add_argument("--url", help="the service (default: http://HOST:PORT of the settings)")
    for command in sub.choices.values():
        add_settings_args(command)
    return top


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = parser().parse_args(argv)
    try:
        settings = settings_from_args(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logs.configure(settings.log_level, settings.log_format)
    if args.command == "serve":
        return serve(settings)
    if args.command == "provision":
        return _provision(settings, args.presets or [settings.model])
    if args.command == "audit":
        return _audit(settings, args.last)
    if args.command == "check":
        from service import job_client

        return job_client.main(settings, args.file, args.out, args.url)
    return _verify(settings, args.claim, args.top_k, args.rationale, args.json)


def serve(settings: Settings) -> int:
    """Serve the API on settings.host:settings.port until interrupted."""
    import uvicorn

    from service.app import create_app

    # One worker: each worker would load its own copy of the model. Logging is ours (logs.configure): uvicorn
    # keeps its hands off it, and its access line is replaced by one that carries the request id.
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, workers=1, log_config=None, access_log=False
    )
    return 0


def _audit(settings: Settings, last: int) -> int:
    from service.audit import audit_path, recent

    path = audit_path(settings)
    if not path.exists():
        print(f"error: no audit log at {path}", file=sys.stderr)
        return 1
    for row in recent(path, last):
        print(json.dumps(row, ensure_ascii=False))
    return 0


def _provision(settings: Settings, presets: list[str]) -> int:
    from tqdm import tqdm

    from service.errors import ModelUnavailable
    from service.models import resolve_model

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


def _verify(settings: Settings, claim: str, top_k: int | None, rationale: bool, as_json: bool) -> int:
    from service.errors import ServiceError
    from service.loading import load_verifier

    logging.getLogger().setLevel(logging.WARNING)
    try:
        verdict = load_verifier(settings).verify(claim, top_k, rationale)
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
