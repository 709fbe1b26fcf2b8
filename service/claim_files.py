"""Claims for a batch job, read from a JSON body, a CSV file (a `claim` column) or JSON Lines (a `claim` key)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pydantic import Field, ValidationError

from service.errors import BadInput
from service.schemas import Strict, request_models
from service.settings import Settings

CSV_TYPES = {"text/csv", "application/csv"}
JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines"}


class JobClaim(Strict):
    """One claim of a batch; `id` is the client's own name for it, carried into the results.

    The bounds here only keep a parse small; a job is refused whole unless every claim is within the service's
    settings (`Verifier.check_claim`), and the OpenAPI document states those (`job_body_schema`)."""

    id: str | None = Field(None, max_length=200, description="The client's id for this claim (optional).")
    claim: str = Field(..., max_length=20_000, description="The claim (trimmed; bounded by the service's settings).")
    top_k: int | None = Field(None, ge=1, le=50, description="Evidence sentences to retrieve.")
    rationale: bool = Field(False, description="Also generate a short plain-English rationale (slower).")


class JobRequest(Strict):
    claims: list[JobClaim | str] = Field(..., min_length=1, description="Claims: objects, or plain strings.")


def job_body_schema(settings: Settings) -> dict[str, Any]:
    """The JSON body of POST /jobs with the bounds these settings enforce: a claim is /verify's request (from
    `request_models`, so claim length and top_k are stated once) with the client's `id`, or a plain string."""
    item = request_models(settings)[0].model_json_schema()
    item["title"] = "JobClaim"
    item["description"] = "One claim of the job; `id` is the client's own name for it, carried into the results."
    item["properties"] = {"id": JobClaim.model_json_schema()["properties"]["id"], **item["properties"]}
    claims = {
        "type": "array",
        "minItems": 1,
        "maxItems": settings.max_job_claims,
        "items": {"anyOf": [item["properties"]["claim"], item]},
        "description": f"1 to {settings.max_job_claims} claims: objects, or plain strings.",
    }
    return {"type": "object", "required": ["claims"], "properties": {"claims": claims}}


def parse_claims(body: bytes, content_type: str) -> list[JobClaim]:
    """Claims from a JSON body ({"claims": [...]}), a CSV file (a `claim` column) or JSON Lines (a `claim` key)."""
    kind = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput("the body must be UTF-8 text") from exc
    if kind in CSV_TYPES:
        claims = _from_csv(text)
    elif kind in JSONL_TYPES:
        claims = _from_jsonl(text)
    elif kind in ("application/json", ""):
        try:
            request = JobRequest.model_validate_json(text or "null")
        except ValidationError as exc:
            raise BadInput(f"claims: {exc.errors()[0]['msg']} at {_where(exc)}") from exc
        claims = [JobClaim(claim=c) if isinstance(c, str) else c for c in request.claims]
    else:
        raise BadInput(f"unsupported content type {kind!r}; send application/json, text/csv or application/x-ndjson")
    if not claims:
        raise BadInput("no claims found in the body")
    return claims


def _where(exc: ValidationError) -> str:
    return ".".join(str(p) for p in exc.errors()[0]["loc"]) or "the body"


def _from_csv(text: str) -> list[JobClaim]:
    rows = [r for r in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in r)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    if "claim" not in header:  # no header: every row's first cell is a claim
        return [_claim({"claim": r[0]}, f"row {n}") for n, r in enumerate(rows, start=1)]
    cols = {name: header.index(name) for name in ("id", "claim", "top_k") if name in header}
    out = []
    for n, row in enumerate(rows[1:], start=2):
        fields: dict[str, Any] = {k: row[i].strip() for k, i in cols.items() if i < len(row) and row[i].strip()}
        out.append(_claim(fields, f"row {n}"))
    return out


def _from_jsonl(text: str) -> list[JobClaim]:
    out = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"line {n}: not JSON ({exc.msg})") from exc
        if isinstance(item, str):
            item = {"claim": item}
        if not isinstance(item, dict):
            raise BadInput(f"line {n}: expected an object with a 'claim' or a string")
        # Other keys (an eval file's label, evidence, tags) are ignored, so labeled claims can be sent as they are.
        out.append(_claim({k: item[k] for k in ("id", "claim", "top_k", "rationale") if k in item}, f"line {n}"))
    return out


def _claim(fields: dict[str, Any], where: str) -> JobClaim:
    try:
        return JobClaim.model_validate(fields)
    except ValidationError as exc:
        raise BadInput(f"{where}: {_where(exc)}: {exc.errors()[0]['msg']}") from exc
