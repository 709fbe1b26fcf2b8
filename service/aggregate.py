"""A calibrated verdict from evidence features: multinomial logistic regression, fitted by `python -m eval fit`.

The hand-set thresholds this replaces were tuned on 85 claims and did not carry over to new ones; a model
fitted on every labeled tuning claim weighs the same signals (the judge's probabilities, relevance, detail
conflicts, names) jointly, and its probability is a calibrated confidence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from index.log import write_atomically
from service.prompts import ENTAIL
from service.schemas import Label

LABELS: tuple[Label, ...] = ("supported", "refuted", "not_enough_info", "conflicting")
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
# The judge's probability of "true" at which a statement can be cited as confirming the claim, unless a preset's
# weights carry their own (fitted with them: a small model's "true" may never reach 0.5).
SUPPORT = 0.5


def check_support(value: float) -> None:
    """Refuse a citation threshold that could never, or always, be reached."""
    if not 0.0 < value < 1.0:
        raise ValueError(f"support threshold must lie strictly between 0 and 1; got {value}")


class NoWeights(FileNotFoundError):
    """No fitted aggregator exists for a model preset."""


FIT_STATEMENTS = 2  # statements the local LLM reads while new weights are fitted (unless set otherwise)
UNSTATED_STATEMENTS = 3  # what weights fitted before the count was recorded were fitted with


@dataclass(frozen=True)
class Aggregator:
    """Standardised features -> label probabilities (softmax of a linear score per label)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    meta: dict[str, Any] = field(default_factory=dict)
    support: float = SUPPORT  # the judge's probability of "true" at which a statement counts as confirming
    # The range each feature took on the rows it was fitted on; values outside are held to it, so that a count
    # the fit never saw (a statement carried by forty outlets, where tuning saw a handful) is not extrapolated.
    low: np.ndarray | None = None
    high: np.ndarray | None = None

    def __post_init__(self) -> None:
        check_support(self.support)

    @property
    def llm_statements(self) -> int:
        """Statements the local LLM read per claim in the judging these weights were fitted on: the LLM features
        (highest P(true) over what it read...) mean what they meant then only if it reads as many."""
        return int(self.meta.get("llm_statements", UNSTATED_STATEMENTS))

    @property
    def llm_prompt(self) -> str:
        """The prompt the local LLM was asked with in the judging these weights were fitted on."""
        return str(self.meta.get("llm_prompt", ENTAIL))

    def probabilities(self, values: dict[str, float]) -> dict[Label, float]:
        missing = [f for f in self.features if f not in values]
        if missing:
            raise KeyError(f"aggregator needs features {missing}")
        x = np.array([values[f] for f in self.features], dtype=float)
        if self.low is not None and self.high is not None:
            x = np.clip(x, self.low, self.high)
        x = (x - self.mean) / self.scale
        return dict(zip(LABELS, _softmax(x @ self.coef + self.bias).tolist(), strict=True))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "labels": list(LABELS),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "bias": self.bias.tolist(),
            "support": self.support,
            **(
                {"low": self.low.tolist(), "high": self.high.tolist()}
                if self.low is not None and self.high is not None
                else {}
            ),
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Aggregator:
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"aggregator labels {data['labels']} are not {list(LABELS)}")
        n = len(data["features"])
        coef = np.array(data["coef"], dtype=float)
        if coef.shape != (n, len(LABELS)) or any(
            len(data[k]) != n for k in ("mean", "scale", "low", "high") if k in data
        ):
            raise ValueError("aggregator weights do not match its feature list")
        if ("low" in data) != ("high" in data):
            raise ValueError("aggregator weights give one end of the fitted feature range without the other")
        return cls(
            features=tuple(data["features"]),
            mean=np.array(data["mean"], dtype=float),
            scale=np.array(data["scale"], dtype=float),
            coef=coef,
            bias=np.array(data["bias"], dtype=float),
            meta=dict(data.get("meta", {})),
            support=float(data.get("support", SUPPORT)),
            low=np.array(data["low"], dtype=float) if "low" in data else None,
            high=np.array(data["high"], dtype=float) if "high" in data else None,
        )


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return cast(np.ndarray, e / e.sum(axis=-1, keepdims=True))


def fit(
    rows: list[dict[str, float]],
    labels: list[Label],
    features: tuple[str, ...],
    l2: float = 1.0,
    steps: int = 4000,
    support: float = SUPPORT,
    weights: Sequence[float] | None = None,
) -> Aggregator:
    """Maximum-likelihood weights with an L2 penalty, by full-batch gradient descent (deterministic); `weights`, one
    per row, weigh the rows in the likelihood (none: each row alike)."""
    if len(rows) != len(labels) or not rows:
        raise ValueError("fit needs one label per feature row, and at least one row")
    if weights is not None and len(weights) != len(rows):
        raise ValueError("fit needs one weight per feature row")
    x = np.array([[r[f] for f in features] for r in rows], dtype=float)
    low, high = x.min(axis=0), x.max(axis=0)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    x = (x - mean) / scale
    y = np.eye(len(LABELS))[[LABELS.index(label) for label in labels]]
    coef, bias = np.zeros((x.shape[1], len(LABELS))), np.zeros(len(LABELS))
    n, rate = len(x), 0.5
    w = None if weights is None else np.asarray(weights, dtype=float)[:, None]
    for _ in range(steps):
        error = _softmax(x @ coef + bias) - y
        if w is not None:
            error = w * error
        coef -= rate * (x.T @ error / n + l2 * coef / n)
        bias -= rate * error.mean(axis=0)
    return Aggregator(features, mean, scale, coef, bias, support=support, low=low, high=high)


def weights_path(preset: str, directory: Path = WEIGHTS_DIR, head: bool = False) -> Path:
    """Where the weights fitted for a model preset are shipped (read through its trained head: another file)."""
    return directory / f"{preset}{'+head' if head else ''}.json"


def load(path: Path) -> Aggregator:
    if not path.is_file():
        raise NoWeights(f"no fitted aggregator at {path}; fit one with `python -m eval fit --data ... --out {path}`")
    return Aggregator.from_json(json.loads(path.read_text(encoding="utf-8")))


def save(aggregator: Aggregator, path: Path) -> None:
    """Write the weights atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(aggregator.to_json(), indent=1) + "\n").encode())
