"""Reporters' feedback on verdicts, kept in SQLite with what was judged, and exported as labeled claims."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from service.errors import BadInput
from service.schemas import Label, Strict, Verdict
from service.settings import Settings


class FeedbackIn(Strict):
    """A verdict as the service returned it, and the label the reporter says is right."""

    claim: str = Field(..., max_length=20_000, description="The claim as it was checked.")
    verdict: Verdict = Field(description="The verdict the service returned, unchanged (citations and provenance).")
    label: Label = Field(description="The label the reporter says is right.")
    note: str | None = Field(None, max_length=2000, description="Why, in the reporter's words (optional).")
    evidence: list[int] | None = Field(
        None,
        max_length=50,
        description="Which citations (0-based) show the right label; default: every citation with a stance, "
        "none when the right label is not_enough_info.",
    )


class GoldEvidence(BaseModel):
    article: str
    text: str


class FeedbackOut(BaseModel):
    id: int
    created_at: str
    claim: str
    label: Label = Field(description="The label the reporter says is right.")
    verdict_label: Label = Field(description="The label the service gave.")
    confidence: float
    note: str | None
    evidence: list[GoldEvidence]
    model_preset: str
    model_sha256: str
    judge: str
    judge_sha256: str
    embedding_model: str
    index_version: str


class FeedbackList(BaseModel):
    data: list[FeedbackOut]
    count: int = Field(description="All feedback stored, whatever skip and limit.")


class LabeledClaim(BaseModel):
    """One line of the eval harness's claims files (eval/data/*.jsonl)."""

    id: str
    claim: str
    label: Label
    evidence: list[GoldEvidence]
    tags: list[str]


def feedback_path(settings: Settings) -> Path:
    """The feedback database: the configured file, else feedback.sqlite beside the index directory."""
    return settings.feedback_db or settings.index_dir.parent / "feedback.sqlite"


def gold_evidence(body: FeedbackIn) -> list[GoldEvidence]:
    """The statements that show the reporter's label: those picked, else the verdict's citations with a stance."""
    citations = body.verdict.citations
    if body.evidence is not None:
        bad = [i for i in body.evidence if not 0 <= i < len(citations)]
        if bad:
            raise BadInput(f"evidence {bad[0]}: the verdict has {len(citations)} citations")
        chosen = [citations[i] for i in dict.fromkeys(body.evidence)]
    elif body.label == "not_enough_info":
        chosen = []
    else:
        chosen = [c for c in citations if c.stance != "neutral"] or citations
    return [GoldEvidence(article=c.article_id, text=c.sentence) for c in chosen]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, claim TEXT NOT NULL, label TEXT NOT NULL,
    verdict_label TEXT NOT NULL, confidence REAL NOT NULL, note TEXT, evidence TEXT NOT NULL,
    model_preset TEXT NOT NULL, model_sha256 TEXT NOT NULL, judge TEXT NOT NULL, judge_sha256 TEXT NOT NULL,
    embedding_model TEXT NOT NULL, index_version TEXT NOT NULL, verdict TEXT NOT NULL
);
"""
_COLUMNS = [f for f in FeedbackOut.model_fields if f != "evidence"] + ["evidence"]


class FeedbackStore:
    """Feedback in one SQLite file; every call opens its own connection, so any thread may call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    def add(self, body: FeedbackIn) -> FeedbackOut:
        """Store one piece of feedback with the verdict, its evidence and the versions that produced it."""
        claim, verdict = " ".join(body.claim.split()), body.verdict
        if claim != " ".join(verdict.claim.split()):
            raise BadInput("claim differs from the verdict's claim; send the verdict returned for this claim")
        evidence = gold_evidence(body)
        p = verdict.provenance
        row = {
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "claim": claim,
            "label": body.label,
            "verdict_label": verdict.label,
            "confidence": verdict.confidence,
            "note": body.note,
            "evidence": json.dumps([e.model_dump() for e in evidence]),
            "model_preset": p.model_preset,
            "model_sha256": p.model_sha256,
            "judge": p.judge,
            "judge_sha256": p.judge_sha256,
            "embedding_model": p.embedding_model,
            "index_version": p.index_version,
            "verdict": verdict.model_dump_json(),
        }
        with self._db() as db:
            cursor = db.execute(
                f"INSERT INTO feedback ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
            )
            new_id = cursor.lastrowid
        return self._out({**row, "id": new_id})

    def recent(self, skip: int = 0, limit: int = 100) -> FeedbackList:
        """Newest first."""
        with self._db() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM feedback").fetchone()
            rows = db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM feedback ORDER BY id DESC LIMIT ? OFFSET ?", (limit, skip)
            ).fetchall()
        return FeedbackList(data=[self._out(dict(zip(_COLUMNS, r, strict=True))) for r in rows], count=count)

    def export(self) -> list[LabeledClaim]:
        """Every corrected claim once (the latest feedback on it wins) in the eval harness's format."""
        with self._db() as db:
            rows = db.execute("SELECT id, claim, label, verdict_label, evidence FROM feedback ORDER BY id").fetchall()
        latest = {claim: (i, claim, label, was, evidence) for i, claim, label, was, evidence in rows}
        return [
            LabeledClaim(
                id=f"feedback-{i}",
                claim=claim,
                label=label,
                evidence=[GoldEvidence(**e) for e in json.loads(evidence)],
                tags=["feedback", f"service_said_{was}"],
            )
            for i, claim, label, was, evidence in sorted(latest.values())
        ]

    @staticmethod
    def _out(row: dict[str, object]) -> FeedbackOut:
        return FeedbackOut.model_validate({**row, "evidence": json.loads(str(row["evidence"]))})
