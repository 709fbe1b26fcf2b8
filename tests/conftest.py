"""Shared fixtures: the seed corpus, a fake-encoder index over it, settings pointing at tmp folders; and the real
service in its own process on the seeds, for the slow tests that drive it over HTTP."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from index.articles import read_paths
from index.store import SentenceIndex
from service.settings import Settings
from tests.fakes import FakeEncoder

os.environ["HF_HUB_OFFLINE"] = "1"  # no test may reach a model hub
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def fake_index() -> SentenceIndex:
    """The five seed articles indexed with the fake encoder."""
    index = SentenceIndex(FakeEncoder())
    report = index.add(read_paths([SEEDS]))
    assert not report.errors
    return index


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # The LLM reads one statement, so that scripted replies are one reading each (tests of more ask for more).
    return Settings(
        index_dir=tmp_path / "index", corpus_dir=SEEDS, model_cache_dir=tmp_path / "models", llm_statements=1
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """The service in its own process (uvicorn, the real models on the seeds), on a free port; `env` adds or
    overrides CLAIMS_* settings."""

    def __init__(self, folder: Path, **env: str) -> None:
        self.key = secrets.token_hex(8)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.log = folder / "server.log"
        environment = {
            **os.environ,
            "CLAIMS_MODEL": "smollm2-135m",  # the smallest preset: the HTTP side is under test, not the model
            "CLAIMS_PREWARM": "false",  # preparing every sentence would compete with the claims for 2 cores
            "CLAIMS_INDEX_DIR": str(folder / "index"),
            "CLAIMS_CORPUS_DIR": str(SEEDS),
            "CLAIMS_API_KEY": self.key,
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            **env,
        }
        port = self.url.rsplit(":", 1)[1]
        command = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--port", port]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        self.api = httpx.Client(base_url=self.url, headers={"X-API-Key": self.key}, timeout=60)

    @classmethod
    @contextmanager
    def started(cls, folder: Path, **env: str) -> Iterator[Server]:
        """A server that is ready, stopped on leaving."""
        server = cls(folder, **env)
        try:
            server.wait_ready()
            yield server
        finally:
            server.stop()

    def wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if self.api.get("/ready").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the service did not get ready; its log ends:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.api.close()
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
