"""Check a file of claims against a running service: `python -m service check FILE --out results.jsonl`.

Submits the file as a batch job (POST /jobs: CSV with a `claim` column, JSON Lines with a `claim` key, or plain
text, one claim a line), shows a progress bar while the verdicts stream in, and appends them to `--out` as JSON
Lines in claim order. The job's id is kept beside the output (`results.jsonl.job`): run the same command again
after an interruption, or after the service restarted, and it carries on from the last line written.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from service.settings import Settings

RETRIES = 10  # consecutive failed attempts (unreachable, 503, 429) before giving up
TYPES = {".csv": "text/csv", ".jsonl": "application/x-ndjson", ".ndjson": "application/x-ndjson"}


class CheckFailed(RuntimeError):
    """The service refused the file or cannot be reached; the message says which, for a person."""


@dataclass(frozen=True)
class Service:
    url: str
    key: str | None
    max_wait_s: float = 30.0  # the longest pause between retries, whatever Retry-After says

    def request(self, method: str, path: str, body: bytes | None = None, kind: str | None = None) -> Any:
        headers = {"X-API-Key": self.key} if self.key else {}
        if kind:
            headers["Content-Type"] = kind
        req = urllib.request.Request(self.url.rstrip("/") + path, data=body, method=method, headers=headers)
        return urllib.request.urlopen(req, timeout=600)  # a stream may wait minutes for a slow claim

    def call(self, method: str, path: str, body: bytes | None = None, kind: str | None = None) -> dict[str, Any]:
        """One JSON request, retried while the service is unreachable, loading or busy."""
        for attempt in range(RETRIES):
            try:
                with self.request(method, path, body, kind) as response:
                    reply: dict[str, Any] = json.load(response)
                    return reply
            except urllib.error.HTTPError as exc:
                if exc.code not in (429, 503) or attempt == RETRIES - 1:
                    raise CheckFailed(f"{method} {path}: {exc.code} {_message(exc)}") from exc
                self.pause(exc.headers.get("Retry-After"))
            except OSError as exc:
                if attempt == RETRIES - 1:
                    raise CheckFailed(f"cannot reach {self.url}: {exc}") from exc
                self.pause(None)
        raise AssertionError("unreachable")  # the loop returns or raises

    def pause(self, retry_after: str | None) -> None:
        time.sleep(min(float(retry_after) if retry_after and retry_after.isdigit() else 2.0, self.max_wait_s))


def _message(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.load(exc)["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return str(exc.reason)


def body_of(path: Path) -> tuple[bytes, str]:
    """The file as a POST /jobs body and its content type."""
    data = path.read_bytes()
    if path.suffix.lower() in TYPES:
        return data, TYPES[path.suffix.lower()]
    lines = [line.strip() for line in data.decode("utf-8-sig").splitlines() if line.strip()]
    return json.dumps({"claims": lines}).encode(), "application/json"


def written(out: Path) -> int:
    """Complete lines already in the output; a line cut off by an interruption is removed."""
    if not out.exists():
        return 0
    data = out.read_bytes()
    keep = data[: data.rfind(b"\n") + 1]
    if keep != data:
        out.write_bytes(keep)
    return keep.count(b"\n")


def job_for(service: Service, path: Path, out: Path) -> dict[str, Any]:
    """The job this output belongs to (resumed), or a new one for the file."""
    state = out.with_name(out.name + ".job")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if state.exists():
        saved = json.loads(state.read_text(encoding="utf-8"))
        if saved["sha256"] != digest or saved["url"] != service.url:
            raise CheckFailed(f"{out} holds results of another file or service; choose another --out")
        return service.call("GET", f"/jobs/{saved['job']}")
    if written(out):
        raise CheckFailed(f"{out} already has results and no job file beside it; choose another --out")
    job = service.call("POST", "/jobs", *body_of(path))
    state.write_text(json.dumps({"url": service.url, "job": job["id"], "sha256": digest}) + "\n", encoding="utf-8")
    return job


def results(service: Service, job_id: str, start: int) -> Iterator[bytes]:
    """Result lines from claim `start` on, the stream reopened where it broke if the connection drops."""
    failures = 0
    while True:
        try:
            with service.request("GET", f"/jobs/{job_id}/results?start={start}") as response:
                for line in response:
                    if not line.endswith(b"\n"):
                        raise http.client.IncompleteRead(line)  # cut off mid-line: reopen from this claim
                    failures = 0
                    start += 1
                    yield line
            return
        except urllib.error.HTTPError as exc:
            raise CheckFailed(f"results of job {job_id}: {exc.code} {_message(exc)}") from exc
        except (OSError, http.client.HTTPException) as exc:
            failures += 1
            if failures == RETRIES:
                raise CheckFailed(f"lost {service.url} and could not get it back: {exc}") from exc
            service.pause(None)


def check(path: Path, out: Path, service: Service, progress: bool = True) -> Counter[str]:
    """Run the file through the service into `out`; returns how many claims got each label (or an error)."""
    job = job_for(service, path, out)
    done = written(out)
    labels: Counter[str] = Counter(_label(line) for line in out.read_bytes().splitlines()) if done else Counter()
    with (
        out.open("ab") as sink,
        tqdm(total=job["total"], initial=done, unit="claim", disable=not progress, file=sys.stderr) as bar,
    ):
        for line in results(service, job["id"], done):
            sink.write(line)
            sink.flush()
            labels[_label(line)] += 1
            bar.update(1)
    return labels


def _label(line: bytes) -> str:
    result = json.loads(line)
    return str(result["verdict"]["label"]) if result.get("verdict") else f"error: {result['error']['type']}"


def main(settings: Settings, path: Path, out: Path | None, url: str | None, progress: bool = True) -> int:
    """`python -m service check`: exit 0 when every claim has a result, 1 with a message otherwise."""
    out = out or path.with_name(path.stem + ".results.jsonl")
    key = settings.api_key.get_secret_value() if settings.api_key else None
    service = Service(url or f"http://{settings.host}:{settings.port}", key)
    try:
        labels = check(path, out, service, progress)
    except (CheckFailed, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {label}" for label, n in sorted(labels.items())) or "no claims"
    print(f"{sum(labels.values())} claims: {counts}; results in {out}", file=sys.stderr)
    return 0
