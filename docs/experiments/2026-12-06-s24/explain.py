"""Why a claim got its verdict: `explain.py CORPUS_DIR CLAIM...` loads the shipped service on an archive of the
corpus (a fresh index in /tmp) and prints, for each claim, the verdict's probabilities, its features and every
judged statement with both judges' readings. Reading only."""
import sys
import tempfile
from pathlib import Path

from service.decide import decide, features
from service.loading import load_verifier
from service.settings import Settings


def main(corpus: str, claims: list[str]) -> None:
    settings = Settings(corpus_dir=Path(corpus), index_dir=Path(tempfile.mkdtemp(prefix="s24-explain-")))
    v = load_verifier(settings)
    for claim in claims:
        judgement = v.judgement(claim)
        outcome = decide(judgement, v.aggregator)
        print(f"\n# {claim}\n{outcome.label} {({k: round(p, 2) for k, p in outcome.probabilities.items()})}")
        f = features(judgement, v.aggregator.support)
        print(" ".join(f"{k}={f[k]:.2f}" for k in v.aggregator.features))
        for j in judgement.judged:
            llm = f" llm {j.llm.true:.2f}/{j.llm.false:.2f}" if j.llm else ""
            print(f"  [{j.part}] rel {j.relevance:.2f} trained {j.trained.true:.2f}/{j.trained.false:.2f}{llm} "
                  f"| {j.hit.sentence.text[:110]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
