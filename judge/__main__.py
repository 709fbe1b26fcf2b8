"""`python -m judge train` rebuilds the judge's data and weights; `python -m judge head` fits the head over the local
LLM's hidden state; `python -m judge sample` prints pairs to read."""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from pathlib import Path

from judge import data
from judge.model import WEIGHTS_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m judge", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="build the pairs and fine-tune the judge (resumable)")
    train.add_argument("--articles", type=int, default=4500, help="training articles (rows 0..N-1, N <= 7900)")
    train.add_argument("--epochs", type=int, default=1)
    train.add_argument("--held-out", type=int, default=300, help="reserved-row articles to measure after training")
    train.add_argument("--validation", type=int, default=50, help="validation articles (rows 7900-7949)")
    train.add_argument("--work", type=Path, default=Path("var/judge"), help="pairs and checkpoints")
    train.add_argument("--out", type=Path, default=WEIGHTS_DIR, help="where the weights and card are written")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--extra", type=int, default=0, help="title-swap and number-form pairs per article (README)")
    train.add_argument(
        "--reworded", type=int, default=0, help="reworded summary sentences (and their falsified twins) per article"
    )
    train.add_argument(
        "--unstated", type=int, default=0, help="sentences against a passage with a detail cut, per article"
    )
    train.add_argument(
        "--synonyms", type=int, default=0, help="sentences with a word said another way (and falsified), per article"
    )
    train.add_argument(
        "--synonym-twins", type=int, choices=(0, 1), default=1, help="0: --synonyms without falsified twins"
    )
    head = commands.add_parser("head", help="fit the head over the local LLM's hidden state (resumable)")
    head.add_argument("--model", default="qwen2.5-coder-1.5b", help="model preset whose hidden state is read")
    head.add_argument("--claims", type=Path, default=data.WRITTEN_DIR, help="written training claims (claims-*.jsonl)")
    head.add_argument("--limit", type=_positive, help="the first N written claims only (default: all)")
    head.add_argument("--held-out", type=int, default=360, help="pairs from reserved rows 8000- to measure on")
    head.add_argument("--work", type=Path, default=Path("var/head"), help="hidden states read so far")
    head.add_argument("--out", type=Path, help="default: judge/heads/<preset>.json")
    sample = commands.add_parser("sample", help="print N pairs of each kind, to read for label noise")
    sample.add_argument("-n", type=int, default=10)
    sample.add_argument("--articles", type=int, default=300)
    sample.add_argument("--seed", type=int, default=0)
    sample.add_argument("--extra", type=int, default=0, help="as train's --extra")
    sample.add_argument("--reworded", type=int, default=0, help="as train's --reworded")
    sample.add_argument("--unstated", type=int, default=0, help="as train's --unstated")
    sample.add_argument("--synonyms", type=int, default=0, help="as train's --synonyms")
    sample.add_argument("--synonym-twins", type=int, choices=(0, 1), default=1, help="as train's --synonym-twins")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "train":
        from judge.train import Recipe
        from judge.train import train as run

        recipe = Recipe(
            seed=args.seed,
            train_articles=args.articles,
            epochs=args.epochs,
            validation_articles=args.validation,
            held_out_articles=args.held_out,
            extra_pairs=args.extra,
            reworded_pairs=args.reworded,
            unstated_pairs=args.unstated,
            synonym_pairs=args.synonyms,
            synonym_twins=bool(args.synonym_twins),
        )
        card = run(recipe, args.work, args.out)
        print(json.dumps(card["held_out"], indent=1))
        return 0
    if args.command == "head":
        return _head(args)
    pairs = data.build(
        data.TRAIN_ROWS,
        seed=args.seed,
        limit=args.articles,
        extra=args.extra,
        reworded=args.reworded,
        unstated=args.unstated,
        synonyms=args.synonyms,
        synonym_twins=bool(args.synonym_twins),
    )
    by_kind: dict[str, list[data.Pair]] = {}
    for p in pairs:
        by_kind.setdefault(p.kind, []).append(p)
    rng = random.Random(args.seed)
    for kind, group in sorted(by_kind.items()):
        for p in rng.sample(group, min(args.n, len(group))):
            print(json.dumps({"kind": kind, "label": p.label, "evidence": p.evidence, "claim": p.claim}))
    return 0


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _head(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from judge import head

    # The one place judge/ reaches up: reading hidden states needs the service's LLM judge and its prompt.
    from service.llm import HIDDEN_READING
    from service.loading import load_judge
    from service.settings import Settings

    reader = load_judge(Settings(model=args.model, llm_head=False))
    recipe = head.HeadRecipe(
        preset=reader.preset,
        model_sha256=reader.sha256,
        prompt=reader.prompt,
        reading=HIDDEN_READING,
        claims=args.claims,
        limit=args.limit,
        held_out_pairs=args.held_out,
    )
    out = args.out or head.head_path(reader.preset)
    claims = len(data.written_claims(recipe.claims)[: recipe.limit])
    total = claims + recipe.held_out_pairs // 3 * 3
    with tqdm(total=total, desc="hidden states", unit="pair", file=sys.stderr) as bar:
        work = args.work / reader.preset / reader.prompt / recipe.reading.replace(" ", "-")
        fitted = head.train(reader, recipe, work, out, progress=bar.update)
    print(json.dumps({k: fitted.card[k] for k in ("l2", "cv_three_way_accuracy", "held_out")}, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
