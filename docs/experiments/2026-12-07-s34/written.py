"""Rule 21 (README here): the shipped trained judge fine-tuned further on claims helper sessions wrote about 80
training-row articles (judge/written/claims-*.jsonl since session 35, written/ here before; `training-claims-guide.md`).

`written.py pairs`: each written claim against the passage of its evidence (the sentence after the one before it,
as the service's judges read it; a claim citing two sentences, both passages joined), labelled true / false /
neither for supported / refuted / not_enough_info; counts printed, pairs written to var/s34/written-pairs.jsonl.
`written.py tune OUT`: the shipped judge (judge/weights) fine-tuned on those pairs mixed with as many pairs of the
shipped kinds (the first articles of rows 0-4499 the recipe builds, drawn with the seed), seeded, two epochs, and
written to OUT with a card (loadable by CLAIMS_JUDGE_DIR=OUT); the reserved-row pairs measured as `make train` does.
"""
import json
import math
import random
import sys
from pathlib import Path

from eval.metrics import same_text
from judge import data

WRITTEN = sorted(Path("judge/written").glob("claims-*.jsonl"))  # moved from written/ here in session 35
LABEL = {"supported": "true", "refuted": "false", "not_enough_info": "neither"}
SEED = 34
EPOCHS = 2
BATCH = 16
RATE = 2e-5


def evidence_passage(sentences, text):
    """The passage the service would read for an evidence text: the article sentences it covers (or that cover it),
    after the sentence before the first of them; None where no sentence matches."""
    at = [i for i, s in enumerate(sentences) if same_text(s, text)]
    if not at:
        return None
    first = at[0]
    before = [sentences[first - 1]] if first else []
    return " ".join(before + [sentences[i] for i in at])


def claims():
    out = []
    for path in WRITTEN:
        out += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return out


def pairs():
    written = claims()
    rows = sorted({int(e["article"].rsplit("-", 1)[1]) for c in written for e in c["evidence"]})
    assert max(rows) < 4500 and not set(rows) & data.HELD_OUT_NEWS_ROWS, "written claims must be about training rows"
    documents = {row: record["document"] for row, record in data.read_rows(range(0, max(rows) + 1)) if row in rows}
    sentences = {row: data.split_sentences(doc) for row, doc in documents.items()}
    out, missing = [], 0
    for c in written:
        found = []
        for e in c["evidence"]:
            row = int(e["article"].rsplit("-", 1)[1])
            passage = evidence_passage(sentences[row], e["text"])
            if passage is None:
                missing += 1
            elif passage not in found:
                found.append(passage)
        if found:
            out.append(data.Pair(" ".join(found), c["claim"], LABEL[c["label"]], f"written_{c['label']}", row))
    return out, missing


def shipped_kind_pairs(count):
    """`count` pairs of the shipped kinds, drawn with the seed from the first articles of the training rows."""
    built = data.build(range(0, 1000), seed=0)
    return random.Random(SEED).sample(built, min(count, len(built)))


def show():
    made, missing = pairs()
    counts = {}
    for p in made:
        counts[p.kind] = counts.get(p.kind, 0) + 1
    print(len(made), "pairs;", counts, "; evidence texts not found:", missing)
    data.write(made, Path("var/s34/written-pairs.jsonl"))


def tune(out):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    from judge import train
    from judge.model import WEIGHTS_DIR

    torch = train._torch_seed(SEED)
    written, _ = pairs()
    mixed = written + shipped_kind_pairs(len(written))
    tokenizer = AutoTokenizer.from_pretrained(str(WEIGHTS_DIR))
    model = AutoModelForSequenceClassification.from_pretrained(str(WEIGHTS_DIR), torch_dtype=torch.float32)
    batches = [b for epoch in range(EPOCHS) for b in train._batches(mixed, BATCH, random.Random(SEED + epoch))]
    optimizer = torch.optim.AdamW(model.parameters(), lr=RATE, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, math.ceil(0.06 * len(batches)), len(batches))
    model.train()
    for step, batch in enumerate(batches):
        labels = torch.tensor([data.LABELS.index(p.label) for p in batch])
        loss = model(**train._encode(tokenizer, batch, train.MAX_TOKENS), labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 20 == 0:
            print(f"step {step}/{len(batches)} loss {loss.item():.3f}", flush=True)
    held = data.held_out_pairs(300, seed=0)
    figures = {"reserved_rows": train.scores(held, train.predict(model, tokenizer, held, train.MAX_TOKENS))}
    print(json.dumps(figures), flush=True)
    recipe = train.Recipe()
    card = train._ship(model, tokenizer, Path(out), recipe, mixed, data.write(mixed, Path(out + "-pairs.jsonl")),
                       figures)
    print("written", out, card["weights_sha256"], flush=True)


if __name__ == "__main__":
    {"pairs": show, "tune": lambda: tune(sys.argv[2])}[sys.argv[1]]()
