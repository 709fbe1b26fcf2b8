"""The write-ahead log of article operations: one checksummed JSON line per operation, appended and fsync'ed
before the operation is acknowledged, replayed on load on top of the snapshot it continues.

Line format: `<crc32 of the JSON, 8 hex digits> <JSON>\n`. The first line is a header naming the log's
lineage (`log_id`, the same as in the snapshot manifest); every later line is one operation with a `seq`
that grows by one. Only the last line can be torn (each earlier one was fsync'ed before the next was
written), so a damaged last line is an operation that was never acknowledged: readers skip it and the
writer cuts it off. A damaged line anywhere else is corruption, reported, never skipped.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.articles import Article
from index.store import Upsert

log = logging.getLogger(__name__)

LOG_FILE = "operations.log"
LOG_FORMAT = 1


class LogCorrupt(RuntimeError):
    """A log line other than the last is damaged: acknowledged operations cannot be read back."""


class LogBroken(RuntimeError):
    """An append failed and could not be undone: the log's tail is unknown until the writer reopens it."""


@dataclass(frozen=True)
class Delete:
    article_id: str


Operation = Upsert | Delete


@dataclass(frozen=True)
class Entry:
    seq: int
    operation: Operation
    line: bytes  # the line as stored, so a rewrite copies it unchanged


@dataclass(frozen=True)
class Contents:
    """What a log file holds: its lineage, its intact operations, and where the intact part ends."""

    log_id: str | None
    entries: list[Entry]
    intact_bytes: int
    torn: bool  # the last line was damaged (a write that was never acknowledged)


def line(record: dict[str, Any]) -> bytes:
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x %s\n" % (zlib.crc32(body), body)


def encode(seq: int, operation: Operation) -> bytes:
    """The log line for one operation."""
    if isinstance(operation, Delete):
        return line({"seq": seq, "op": "delete", "id": operation.article_id})
    vectors = np.ascontiguousarray(operation.vectors, dtype="<f4")
    return line(
        {
            "seq": seq,
            "op": "upsert",
            "article": operation.article.to_dict(),
            "spans": operation.spans,
            "groups": operation.groups,
            "dim": int(vectors.shape[1]) if vectors.ndim == 2 else 0,
            "vectors": base64.b64encode(vectors.tobytes()).decode("ascii"),
        }
    )


def _decode(record: dict[str, Any]) -> Operation:
    if record["op"] == "delete":
        return Delete(record["id"])
    vectors = np.frombuffer(base64.b64decode(record["vectors"]), dtype="<f4").astype(np.float32)
    spans = [(int(p), int(s), int(e), str(t)) for p, s, e, t in record["spans"]]
    return Upsert(
        Article(**record["article"]),
        spans,
        [int(g) for g in record["groups"]],
        vectors.reshape(len(spans), int(record["dim"])) if spans else vectors.reshape(0, int(record["dim"])),
    )


def _parse(raw: bytes) -> dict[str, Any] | None:
    """The record of one complete line, or None if the line is damaged."""
    if not raw.endswith(b"\n") or len(raw) < 10 or raw[8:9] != b" ":
        return None
    body = raw[9:-1]
    try:
        if int(raw[:8], 16) != zlib.crc32(body):
            return None
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def read(path: Path) -> Contents:
    """Every intact operation in the log at `path` (an absent file is an empty log without lineage)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Contents(None, [], 0, False)
    lines = data.splitlines(keepends=True)
    log_id: str | None = None
    entries: list[Entry] = []
    at = 0
    for number, raw in enumerate(lines):
        record = _parse(raw)
        if record is None:
            if number == len(lines) - 1:
                return Contents(log_id, entries, at, True)
            raise LogCorrupt(f"{path}: line {number + 1} (byte {at}) is damaged and is not the last line")
        if number == 0:
            if record.get("format") != LOG_FORMAT or not isinstance(record.get("log_id"), str):
                raise LogCorrupt(f"{path}: the first line is not a log header of format {LOG_FORMAT}")
            log_id = record["log_id"]
        else:
            entries.append(Entry(int(record["seq"]), _decode(record), raw))
        at += len(raw)
    return Contents(log_id, entries, at, False)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: written to a temp file, fsync'ed, renamed over, directory fsync'ed."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:  # a write may take less than asked
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


class OperationLog:
    """The open log of one index directory, for its one writer (who holds the directory lock)."""

    def __init__(self, path: Path, log_id: str, last_seq: int, size: int) -> None:
        self.path = path
        self.log_id = log_id
        self.last_seq = last_seq
        self.size = size
        self.broken = False
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)

    @classmethod
    def start(cls, path: Path, log_id: str, entries: list[Entry], last_seq: int) -> OperationLog:
        """A new log file of lineage `log_id` holding `entries` (those after the snapshot), atomically."""
        data = line({"format": LOG_FORMAT, "log_id": log_id}) + b"".join(e.line for e in entries)
        write_atomically(path, data)
        return cls(path, log_id, last_seq, len(data))

    @classmethod
    def resume(cls, path: Path, contents: Contents, last_seq: int) -> OperationLog:
        """The existing log, its torn last line (never acknowledged) cut off and the cut made durable."""
        assert contents.log_id is not None
        if contents.torn:
            log.warning("%s: dropping a torn last line (an operation that was never acknowledged)", path)
            with path.open("r+b") as handle:
                handle.truncate(contents.intact_bytes)
                os.fsync(handle.fileno())
        return cls(path, contents.log_id, last_seq, contents.intact_bytes)

    def append(self, operation: Operation) -> Entry:
        """Write one operation and fsync it; its entry once durable. On failure nothing of it stays in the log."""
        if self.broken:
            self._undo()  # try again to cut off the failed write; until that works, nothing may follow it
        if self.broken:
            raise LogBroken(f"{self.path}: an earlier failed write could not be undone yet; writes are refused")
        seq = self.last_seq + 1
        data = encode(seq, operation)
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(f"short write to {self.path} ({written} of {len(data)} bytes)")
            os.fsync(self._fd)
        except OSError:
            self._undo()
            raise
        self.last_seq, self.size = seq, self.size + len(data)
        return Entry(seq, operation, data)

    def _undo(self) -> None:
        try:
            os.ftruncate(self._fd, self.size)
            os.fsync(self._fd)
            self.broken = False
        except OSError as exc:
            self.broken = True
            log.error("%s: could not cut off a failed write (%s); refusing further writes", self.path, exc)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
