"""Rule 8 (README here): real hallucinations as training pairs for the trained judge, by a fine-tuning of the shipped
judge measured against a control fine-tuned alike on the shipped recipe's own pairs.

`mil.py build`: the new pairs of rows 0-1499 (var/s29/new.jsonl) and a sample of 30 for reading.
`mil.py tune NAME`: NAME is `control` or `candidate`; fine-tunes judge/weights into var/s29/NAME.
`mil.py gold DIR...`: each judge's AUC on the tuning claims' gold statements (gold_reading.py's, re-read).
`mil.py pairs DIR...`: each judge on the reserved-row pairs (rows 8000-8299, the shipped kinds). Measuring only."""
import json
import pickle
import random
import sys
from dataclasses import asdict
from pathlib import Path

import numpy as np

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")
sys.path.insert(0, "docs/experiments/2026-12-07-s29")

OUT = Path("var/s29")
ROWS = range(0, 1500)
REWORDED = (0.5, 0.85)  # word recall of a faithful summary sentence's best passage: reworded, not copied
SAME_THING = 0.5  # a hallucinated sentence's passage holding this share of its words speaks of the same thing
SHIPPED_PAIRS = Path("var/s28/judge-7900/train.jsonl")  # seed 0; its rows below 4500 are the shipped pairs


def load(directory):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(directory))
    return AutoModelForSequenceClassification.from_pretrained(str(directory)).float(), tokenizer


def build():
    from index.lexical import tokens
    from judge import data
    from judge.model import MAX_TOKENS, WEIGHTS_DIR
    from judge.train import predict

    model, tokenizer = load(WEIGHTS_DIR)
    out, counts = [], {"faithful": 0, "hallucinated": 0}
    for row, record in data.read_rows(ROWS):
        if row in data.HELD_OUT_NEWS_ROWS:
            continue
        sents = data.judged_sentences(record["document"])
        if len(sents) < 4:
            continue
        held = data.passages(sents)
        for claim, recalls, best, numbers_held in data._summary_alignments(record["right_summary"], held):
            if REWORDED[0] <= recalls[best] < REWORDED[1] and numbers_held:
                out.append(data.Pair(held[best], claim, "true", "faithful_reworded", row))
                counts["faithful"] += 1
        candidates = []
        for claim, recalls, _, _ in data._summary_alignments(record["hallucinated_summary"], held):
            top = sorted(range(len(held)), key=lambda i: -recalls[i])[:2]
            probs = predict(model, tokenizer, [data.Pair(held[i], claim, "true", "", row) for i in top], MAX_TOKENS)
            at = int(np.argmax(probs[:, 0]))
            candidates.append((float(probs[at, 0]), claim, top[at], recalls[top[at]]))
        if candidates:
            _, claim, at, recall = min(candidates)
            out.append(data.Pair(held[at], claim, "false" if recall >= SAME_THING else "neither", "hallucinated", row))
            counts["hallucinated"] += 1
    data.write(out, OUT / "new.jsonl")
    sample = random.Random(0).sample([p for p in out if p.kind == "hallucinated"], 30)
    (OUT / "new-sample.jsonl").write_text("".join(json.dumps(asdict(p)) + "\n" for p in sample), encoding="utf-8")
    print(len(out), counts, {lab: sum(p.label == lab for p in out) for lab in data.LABELS}, flush=True)


def read_pairs(path):
    from judge import data

    return [data.Pair(**json.loads(line)) for line in Path(path).read_text(encoding="utf-8").splitlines() if line]


def tune(name):
    import math

    from judge import data
    from judge.model import MAX_TOKENS, WEIGHTS_DIR
    from judge.train import _encode, _torch_seed

    torch = _torch_seed(0)
    from tqdm import tqdm
    from transformers import get_linear_schedule_with_warmup

    new = read_pairs(OUT / "new.jsonl")
    shipped = [p for p in read_pairs(SHIPPED_PAIRS) if p.row < 4500]
    rng = random.Random(0)
    pairs = rng.sample(shipped, 2 * len(new)) if name == "control" else new + rng.sample(shipped, len(new))
    model, tokenizer = load(WEIGHTS_DIR)
    order = list(range(len(pairs)))
    random.Random(1).shuffle(order)
    batches = [[pairs[i] for i in order[at : at + 32]] for at in range(0, len(order), 32)]
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, math.ceil(0.06 * len(batches)), len(batches))
    model.train()
    for batch in tqdm(batches, desc=f"fine-tuning {name}", unit="batch"):
        labels = torch.tensor([data.LABELS.index(p.label) for p in batch])
        loss = model(**_encode(tokenizer, batch, MAX_TOKENS), labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
    model.save_pretrained(str(OUT / name))
    tokenizer.save_pretrained(str(OUT / name))
    print(name, len(pairs), "pairs", len(batches), "batches", flush=True)


def gold(directories):
    from gold_reading import auc, gold_statements
    from judge import data
    from judge.model import MAX_TOKENS
    from judge.train import predict
    from reading import files
    from service.evidence import passage

    claims = list(gold_statements(pickle.load(open(files("shipped")["tune"], "rb"))))
    made = [(c, [data.Pair(passage(j.hit), c.claim, "true", "", 0) for j in hits]) for c, hits in claims]
    for d in directories:
        model, tokenizer = load(d)
        margin = {"supported": [], "refuted": []}
        for c, pairs in made:
            p = predict(model, tokenizer, pairs, MAX_TOKENS)
            m = p[:, 0] - p[:, 1]
            margin[c.label].append(float(m[np.argmax(np.abs(m))]))
        s, r = np.array(margin["supported"]), np.array(margin["refuted"])
        print(f"{d}: {len(s)} supported, {len(r)} refuted; AUC {auc(s, r):.3f}; supported read true "
              f"{(s > 0).mean():.2f}, refuted read false {(r < 0).mean():.2f}", flush=True)


def pairs(directories):
    from judge import data
    from judge.model import MAX_TOKENS
    from judge.train import predict, scores

    made = data.held_out_pairs(300)
    for d in directories:
        model, tokenizer = load(d)
        print(d, json.dumps(scores(made, predict(model, tokenizer, made, MAX_TOKENS))), flush=True)


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {"build": lambda: build(), "tune": lambda: tune(*rest), "gold": lambda: gold(rest), "pairs": lambda: pairs(rest)}[
        command
    ]()
