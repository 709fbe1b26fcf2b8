"""The shipped recipe with the kept rewrites of `paraphrase.py` (and their falsified twins) added to the training
pairs: `train_para.py REWRITES WORK`. Everything else is `judge.train`'s (seed, pairs, one epoch, checkpoints);
the weights and card go to WORK/out."""
import logging
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import paraphrase  # noqa: E402
from judge import data, train  # noqa: E402

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
shipped_build = data.build
added = paraphrase.pairs(sys.argv[1])


def build(rows, **kwargs):
    """The shipped pairs; for the training rows, the rewrites after them."""
    pairs = shipped_build(rows, **kwargs)
    return pairs + added if rows == range(0, train.Recipe().train_articles) else pairs


train.data.build = build
work = Path(sys.argv[2])
card = train.train(train.Recipe(), work, work / "out", progress=False)
print(card["held_out"])
