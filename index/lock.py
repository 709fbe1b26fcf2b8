"""One writer per index directory: an exclusive OS lock (flock) on a file inside it, released when the
holder exits, however it exits (kill -9 included)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_FILE = ".writer.lock"


class IndexLocked(RuntimeError):
    """Another process (or another writer in this one) holds the index directory for writing."""


class DirectoryLock:
    """The exclusive write lock of one index directory; `release()` or process exit frees it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DirectoryLock:
        """Take the lock without waiting, or raise IndexLocked naming the directory and the holder's pid."""
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            who = f"process {holder}" if holder else "another process"
            raise IndexLocked(
                f"index directory {self.directory} is already open for writing by {who}; only one writer "
                "(service or `python -m index build`) may use an index directory at a time"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.ftruncate(fd, 0)
            os.close(fd)  # closing the descriptor drops the flock

    def __enter__(self) -> DirectoryLock:
        return self.acquire() if not self.held else self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None
