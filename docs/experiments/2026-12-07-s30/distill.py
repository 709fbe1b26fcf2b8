"""Rule 11 (README here): the local 1.5B's readings of HaluEval summary sentences as the trained judge's targets.

`distill.py build ROWS`: the teacher's readings of rows 0..ROWS-1, appended to var/s30/distill.jsonl (resumable).
`distill.py tune NAME`: NAME is `student` or `control` (rule 12: `student-checked`, `control-checked`); fine-tunes
judge/weights into var/s30/distill-NAME (with a card, so `encoder.py gold var/s30/distill-NAME minilm OUT` and
CLAIMS_JUDGE_DIR load it).
`distill.py sample`: the 30 pairs read blind (var/s30/teacher-sample-blind.jsonl) and their key.
`distill.py pairs DIR...`: each judge on the reserved-row pairs (rows 8000-8299, the shipped kinds). Measuring only."""

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

OUT = Path("var/s30")
TEACHER = OUT / "distill.jsonl"
ABOUT = 0.3  # the passage holding most of a summary sentence's words must hold at least this share
SHIPPED_ROWS = range(0, 1500)


def candidates(rows):
    """(row, source, passage, sentence): per article one faithful and one hallucinated summary sentence."""
    from judge import data

    for row, record in data.read_rows(range(0, rows)):
        if row in data.HELD_OUT_NEWS_ROWS:
            continue
        sents = data.judged_sentences(record["document"])
        if len(sents) < 4:
            continue
        held = data.passages(sents)
        rng = random.Random(row)
        for source in ("right_summary", "hallucinated_summary"):
            aligned = [
                (c, best)
                for c, recalls, best, _ in data._summary_alignments(record[source], held)
                if recalls[best] >= ABOUT
            ]
            if aligned:
                claim, best = rng.choice(aligned)
                yield row, source.split("_")[0], held[best], claim


def build(rows):
    from tqdm import tqdm

    from eval.__main__ import _judge_and_threshold

    todo = list(candidates(int(rows)))
    done = len(TEACHER.read_text(encoding="utf-8").splitlines()) if TEACHER.is_file() else 0
    judge, _, how = _judge_and_threshold(argparse.Namespace(judge="llm", threshold=None, model=None))
    print(f"{len(todo)} pairs, {done} read before; the teacher asked {how}", flush=True)
    with TEACHER.open("a", encoding="utf-8") as out:
        for row, source, passage, claim in tqdm(todo[done:], desc="teacher", unit="pair"):
            reading = judge.read(claim, [passage])[0]
            target = [reading.true, reading.false, reading.neither]
            out.write(
                json.dumps({"row": row, "source": source, "evidence": passage, "claim": claim, "target": target}) + "\n"
            )
            out.flush()
    read = [json.loads(line) for line in TEACHER.read_text(encoding="utf-8").splitlines()]
    answers = Counter(
        (r["source"], ("true", "false", "neither")[max(range(3), key=r["target"].__getitem__)]) for r in read
    )
    print(len(read), "read;", dict(sorted(answers.items())), flush=True)


CHECKED = 0.7  # rule 12


def backed(record):
    from index.lexical import tokens, word_recall

    return word_recall(set(tokens(record["claim"])), record["evidence"]) >= CHECKED


def tune(name):
    import numpy as np

    from judge import data
    from judge.model import CARD, MAX_TOKENS, WEIGHTS_DIR, read_card
    from judge.train import _encode, _torch_seed

    torch = _torch_seed(0)
    from tqdm import tqdm
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    taught = [json.loads(line) for line in TEACHER.read_text(encoding="utf-8").splitlines()]
    if name.endswith("-checked"):  # rule 12: a "true" kept only where the passage holds CHECKED of the claim's words
        taught = [r for r in taught if max(range(3), key=r["target"].__getitem__) or backed(r)]
    teacher = [
        (data.Pair(r["evidence"], r["claim"], "true", "taught", r["row"]), np.array(r["target"])) for r in taught
    ]
    shipped = data.build(SHIPPED_ROWS, seed=0)
    hard = [(p, np.eye(len(data.LABELS))[data.LABELS.index(p.label)]) for p in shipped]
    rng = random.Random(0)
    n = len(teacher)
    pairs = rng.sample(hard, 2 * n) if name.startswith("control") else teacher + rng.sample(hard, n)
    tokenizer = AutoTokenizer.from_pretrained(str(WEIGHTS_DIR))
    model = AutoModelForSequenceClassification.from_pretrained(str(WEIGHTS_DIR)).float()
    order = list(range(len(pairs)))
    random.Random(1).shuffle(order)
    batches = [[pairs[i] for i in order[at : at + 32]] for at in range(0, len(order), 32)]
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, math.ceil(0.06 * len(batches)), len(batches))
    model.train()
    for batch in tqdm(batches, desc=f"fine-tuning {name}", unit="batch"):
        target = torch.tensor(np.stack([t for _, t in batch]), dtype=torch.float32)
        target = target / target.sum(dim=1, keepdim=True)
        logits = model(**_encode(tokenizer, [p for p, _ in batch], MAX_TOKENS)).logits
        loss = -(target * torch.log_softmax(logits, dim=-1)).sum(dim=1).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
    folder = OUT / f"distill-{name}"
    model.save_pretrained(str(folder), safe_serialization=True)
    tokenizer.save_pretrained(str(folder))
    taught = 0 if name.startswith("control") else n
    card = fine_tuned_card(read_card(WEIGHTS_DIR), folder, name, taught, len(pairs) - taught, len(batches))
    (folder / CARD).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(name, len(pairs), "pairs", len(batches), "batches", flush=True)


def fine_tuned_card(shipped, folder, name, taught, hard, batches):
    """The shipped card's base and labels, without its figures, rows, recipe or date (not this judge's), and what
    this fine-tuning was."""
    from judge.model import file_sha256

    kept = {k: shipped[k] for k in ("labels", "weights_file", "base")}
    return kept | {
        "name": f"s30-{name}",
        "weights_sha256": file_sha256(folder / shipped["weights_file"]),
        "command": f"docs/experiments/2026-12-07-s30/distill.py tune {name}",
        "fine_tuned": {
            "from": f"judge/weights (sha256 {shipped['weights_sha256']})",
            "teacher_pairs": taught,
            "teacher": f"{TEACHER} (rows 0-699, the 1.5B's answer words)",
            "shipped_kind_pairs": hard,
            "shipped_kind_rows": [SHIPPED_ROWS.start, SHIPPED_ROWS.stop - 1],
            "recipe": {"seed": 0, "learning_rate": 2e-5, "warmup": 0.06, "batch_size": 32, "batches": batches},
        },
        "held_out": "see var/s30/pairs.log (distill.py pairs)",
    }


def sample():
    """The 30 pairs read blind by a second reader: 15 of each source, `random.Random(0)`, shuffled; the blind file
    has no teacher answer, the key file has them."""
    read = [json.loads(line) for line in TEACHER.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(0)
    drawn = rng.sample([r for r in read if r["source"] == "right"], 15)
    drawn += rng.sample([r for r in read if r["source"] == "hallucinated"], 15)
    rng.shuffle(drawn)
    answers = ("true", "false", "neither")
    with (OUT / "teacher-sample-blind.jsonl").open("w") as blind, (OUT / "teacher-sample-key.jsonl").open("w") as key:
        for n, r in enumerate(drawn):
            blind.write(json.dumps({"n": n, "evidence": r["evidence"], "claim": r["claim"]}) + "\n")
            answer = answers[max(range(3), key=r["target"].__getitem__)]
            key.write(
                json.dumps(
                    {"n": n, "source": r["source"], "teacher": [round(x, 3) for x in r["target"]], "answer": answer}
                )
                + "\n"
            )


def pairs(directories):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from judge import data
    from judge.model import MAX_TOKENS
    from judge.train import predict, scores

    made = data.held_out_pairs(300)
    for d in directories:
        tokenizer = AutoTokenizer.from_pretrained(str(d))
        model = AutoModelForSequenceClassification.from_pretrained(str(d)).float()
        print(d, json.dumps(scores(made, predict(model, tokenizer, made, MAX_TOKENS))), flush=True)


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {
        "build": lambda: build(*rest),
        "tune": lambda: tune(*rest),
        "sample": lambda: sample(),
        "pairs": lambda: pairs(rest),
    }[command]()
