"""Labeled claims: one JSON object a line, validated on load."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.schemas import Label


class GoldEvidence(BaseModel):
    article: str
    text: str


class LabeledClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    claim: str = Field(min_length=1)
    label: Label
    also: list[Label] = Field(default_factory=list)
    evidence: list[GoldEvidence] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


def load(path: Path) -> list[LabeledClaim]:
    """All claims in a JSONL file; raises ValueError naming the first bad line."""
    claims, seen = [], set()
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and friends unescaped.
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            claim = LabeledClaim.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise ValueError(f"{path}:{number}: {exc}") from exc
        if claim.id in seen:
            raise ValueError(f"{path}:{number}: duplicate id {claim.id}")
        seen.add(claim.id)
        claims.append(claim)
    return claims


CORPORA = Path(__file__).resolve().parent / "data" / "corpora.json"


def corpus_of(path: Path) -> Path | None:
    """The archive a claims file is about, if eval/data/corpora.json names one (else the configured corpus)."""
    if not CORPORA.is_file():
        return None
    named: dict[str, str] = json.loads(CORPORA.read_text(encoding="utf-8"))
    folder = named.get(path.name)
    return CORPORA.parent / folder if folder else None
