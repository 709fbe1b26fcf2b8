"""Rule 15 (README here): how much reading the evidence lowers the local model's probability of each word of the
claim. A detail the evidence gives otherwise ("98.7" read as "89.7", "son-in-law" as "son") should be less likely
after the evidence than with none, since a model reading a passage expects its details back.

`pmi.py read OUT FILE...` reads every supported and refuted claim of the files against its gold passages (as
`python -m eval gold` finds them) with the 1.5B: for each claim token t, log P(t | instructions, evidence, question)
- log P(t | the same with the evidence empty), the claim tokens scored in the position the service's question puts
them; and the LLM's reading as eval gold takes it (the passage with the largest |P(true) - P(false)|). Rows to
OUT/rows.jsonl (a claim already there is kept: resumable).
`pmi.py score OUT` is the rule's test: 5-fold logistic regression, supported against refuted, on the LLM's margin
alone and with the claim's lowest token difference (the min over its tokens, on the passage whose reading eval gold
takes)."""
import json
import sys
from pathlib import Path

import numpy as np


def claim_logprobs(llm, prefix, claim):
    """log P of each token of the claim after the prefix (the prefix's state saved and reused, as the service does)."""
    import llama_cpp

    from service.llm import data

    head, tokens = llm.tokenize(prefix), llm.tokenize(data(claim))
    with llm.lock:
        llm._load_prefix(head)
        model = llm.llm
        model.n_tokens -= 1  # the prefix's last token again, for the logits that predict the claim's first
        model._ctx.kv_cache_seq_rm(-1, model.n_tokens, -1)
        batch = [head[-1], *tokens]
        model._batch.set_batch(batch=batch, n_past=model.n_tokens, logits_all=True)
        model._ctx.decode(model._batch)
        out = []
        for i, token in enumerate(tokens):
            ptr = llama_cpp.llama_get_logits_ith(model.ctx, i)
            logits = np.ctypeslib.as_array(ptr, shape=(model.n_vocab(),)).astype(np.float64)
            top = logits.max()
            out.append(float(logits[token] - top - np.log(np.exp(logits - top).sum())))
        model.input_ids[model.n_tokens : model.n_tokens + len(batch)] = batch
        model.n_tokens += len(batch)
    return out


def read(out, files):
    from tqdm import tqdm

    from eval import claims as claims_io
    from eval import gold
    from eval.__main__ import _settings
    from index.encoder import SentenceTransformerEncoder
    from service.loading import load_index, load_judge

    out.mkdir(parents=True, exist_ok=True)
    rows_path = out / "rows.jsonl"
    done = {json.loads(line)["id"] for line in rows_path.open()} if rows_path.exists() else set()
    judge = load_judge(_settings(None))
    assert judge.head is None
    empty = judge._split("")[0]
    for path in files:
        archive = _settings(None, Path(path))
        index = load_index(archive, SentenceTransformerEncoder(archive.embedding_model))
        listed = [c for c in claims_io.load(Path(path)) if c.label in gold.KEPT and c.evidence and c.id not in done]
        for claim in tqdm(listed, desc=Path(path).name, file=sys.stderr):
            passages = gold.gold_passages(index, claim)
            if not passages:
                continue
            readings = judge.read(claim.claim, passages)
            at = max(range(len(readings)), key=lambda i: abs(readings[i].true - readings[i].false))
            best = readings[at]
            none = claim_logprobs(judge.llm, empty, claim.claim)
            given = [claim_logprobs(judge.llm, judge._split(p)[0], claim.claim) for p in passages]
            row = {"id": claim.id, "set": Path(path).name, "label": claim.label, "true": best.true,
                   "false": best.false, "best": at, "none": none, "given": given}
            with rows_path.open("a") as f:
                f.write(json.dumps(row) + "\n")


def folds_lr(x, y, folds=5, seed=0):
    """Out-of-fold accuracy and AUC of a logistic regression on standardised x."""
    from eval import metrics

    fold = np.random.default_rng(seed).permutation(len(y)) % folds
    score = np.zeros(len(y))
    for k in range(folds):
        train, test = fold != k, fold == k
        mean, sd = x[train].mean(0), x[train].std(0) + 1e-9
        a, w, b = (x[train] - mean) / sd, np.zeros(x.shape[1]), 0.0
        for _ in range(3000):
            p = 1 / (1 + np.exp(-(a @ w + b)))
            w -= 0.5 * (a.T @ (p - y[train]) / len(a) + 0.01 * w)
            b -= 0.5 * float((p - y[train]).mean())
        score[test] = ((x[test] - mean) / sd) @ w + b
    auc = metrics.auc(list(score[y == 1]), list(score[y == 0]))
    return float(((score > 0) == (y == 1)).mean()), auc


def score(out):
    from eval import metrics

    rows = [json.loads(line) for line in (out / "rows.jsonl").open()]
    y = np.array([r["label"] == "supported" for r in rows], dtype=float)
    margin = np.array([r["true"] - r["false"] for r in rows])
    lowest = np.array([min(np.subtract(r["given"][r["best"]], r["none"])) for r in rows])
    print(f"{len(rows)} claims ({int(y.sum())} supported)")
    print("AUC alone: margin", round(metrics.auc(list(margin[y == 1]), list(margin[y == 0])), 4),
          "lowest token difference", round(metrics.auc(list(lowest[y == 1]), list(lowest[y == 0])), 4))
    for name, x in {"margin": margin[:, None], "margin + lowest": np.stack([margin, lowest], 1)}.items():
        acc, auc = folds_lr(x, y)
        print(f"5-fold LR {name:18s} accuracy {acc:.3f} AUC {auc:.4f}")


if __name__ == "__main__":
    {"read": lambda: read(Path(sys.argv[2]), sys.argv[3:]), "score": lambda: score(Path(sys.argv[2]))}[sys.argv[1]]()
