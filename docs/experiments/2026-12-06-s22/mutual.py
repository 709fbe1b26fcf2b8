"""Rule 1 (README here). `mutual.py read`: session 19's reverse readings (`var/s19/reverse.pkl`) copied to
`var/s22/reverse.pkl`, with those of news-test-b's statements added. `mutual.py replay`: the shipped set and the
declared candidate fitted by `eval fit`'s choice on the shipped tuning judging and scored on the five held-out
sets."""
import pickle
import shutil
import sys
from pathlib import Path

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-05-s19")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-06-s22")
import reading  # noqa: E402
import reverse  # noqa: E402

OUT = "var/s22/reverse.pkl"


def read():
    if not Path(OUT).exists():
        shutil.copy("var/s19/reverse.pkl", OUT)
    reverse.read(OUT, list(reading.SHIPPED.values()))


def replay():
    from common import with_feature

    readings = pickle.load(open(OUT, "rb"))

    def mutual(judgement):
        return max((min(j.trained.false, readings[(judgement.parts[j.part], j.hit.sentence.text)][1])
                    for j in judgement.judged), default=0.0)

    with_feature("p_false_mutual", mutual)


if __name__ == "__main__":
    {"read": read, "replay": replay}[sys.argv[1]]()
