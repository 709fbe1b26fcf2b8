"""Exploration, tuning claims only (README here): after the 1.5B answers the shipped question on the first
statement it reads, one more question in the same conversation. `followup.py OUT [SET] [LIMIT]` writes, per claim
of the shipped pipeline's pickle of SET (default tune), its label, the shipped reading of that statement and P(yes)
for each question, to OUT (JSON Lines, resumable)."""
import json
import math
import pickle
import sys
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
import reading  # noqa: E402
from eval.__main__ import _settings  # noqa: E402
from service.evidence import passage  # noqa: E402
from service.judge import _MARK  # noqa: E402
from service.llm import data  # noqa: E402
from service.loading import load_judge  # noqa: E402
from service.prompts import render, split_system  # noqa: E402

QUESTIONS = {
    "changed": "Does the claim get any detail of the evidence wrong, such as a number, a name, a date, a place, a "
    "title, or who did what? Answer yes or no.",
    "added": "Does the claim say anything that the evidence does not say? Answer yes or no.",
}
OPTIONS = ["Yes", "yes", "No", "no"]


def answer_word(r):
    return max([("True", r.true), ("False", r.false), ("Neither", 1 - r.true - r.false)], key=lambda x: x[1])[0]


def main(out, name, limit):
    judge = load_judge(_settings(None))
    done = {json.loads(line)["id"] for line in open(out)} if Path(out).exists() else set()
    examples = reading.answer_words(pickle.load(open(reading.SHIPPED[name], "rb")))[:limit]
    with open(out, "a") as f:
        for e in tqdm(examples, file=sys.stderr):
            first = next((j for j in e.judgement.judged if j.llm is not None), None)
            if e.claim.id in done or first is None:
                continue
            system, question = split_system(render(judge.prompt, claim=_MARK, evidence=data(passage(first.hit))))
            row = {"id": e.claim.id, "label": e.claim.label, "llm_true": first.llm.true, "llm_false": first.llm.false,
                   "trained_false": first.trained.false}
            for name, text in QUESTIONS.items():
                turns = [system, *judge._examples, question, {"role": "assistant", "content": answer_word(first.llm)},
                         {"role": "user", "content": text}]
                prefix, suffix = judge.llm.render(turns).rsplit(_MARK, 1)
                suffix = data(e.judgement.parts[first.part]) + suffix
                lp = judge.llm.option_logprobs_split(prefix, suffix, OPTIONS)
                yes = sum(math.exp(lp.get(w, -math.inf)) for w in OPTIONS[:2])
                no = sum(math.exp(lp.get(w, -math.inf)) for w in OPTIONS[2:])
                row[name] = yes / (yes + no) if yes + no > 0 else 0.5
            f.write(json.dumps(row) + "\n")
            f.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "tune", int(sys.argv[3]) if len(sys.argv) > 3 else None)
