"""The command line: settings flags generated from Settings, a config file, and a real `serve` on a real port."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from service.__main__ import main, parser
from service.cli import ConfigError, read_config, settings_from_args
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

# `python -m service ...` with the models replaced by the fakes (the real ones take minutes to load): everything
# else, from argument parsing to uvicorn on a socket, is the real thing.
LAUNCH = """
import sys
import service.loading
from index.articles import read_paths
from index.store import SentenceIndex
from service.verifier import Verifier
from tests.fakes import FakeEncoder, FakeJudge, FakeReader, rules_aggregator

def fake_loader(settings, **options):
    index = SentenceIndex(FakeEncoder())
    index.add(read_paths([settings.corpus_dir]))
    return Verifier(index, FakeReader(), FakeJudge(), settings, rules_aggregator())

service.loading.load_verifier = fake_loader
from service.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def settings_for(*argv: str) -> Settings:
    return settings_from_args(parser().parse_args(["serve", *argv]))


def test_flags_reach_the_settings() -> None:
    s = settings_for(
        "--host", "0.0.0.0", "--port", "8123", "--no-prewarm", "--log-format", "JSON", "--log-level", "debug",
        "--audit-retention-days", "7", "--index-dir", "/tmp/elsewhere", "--api-key", "s3cret", "--no-audit",
    )  # fmt: skip
    assert (s.host, s.port, s.prewarm, s.log_format, s.log_level) == ("0.0.0.0", 8123, False, "json", "DEBUG")
    assert (s.audit_retention_days, s.index_dir, s.audit) == (7, Path("/tmp/elsewhere"), False)
    assert s.api_key is not None and s.api_key.get_secret_value() == "s3cret"


def test_every_setting_is_a_flag_of_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("serve", "verify", "provision", "audit"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = capsys.readouterr().out
        for name in Settings.model_fields:
            assert "--" + name.replace("_", "-") in shown, f"{command} has no flag for {name}"


def test_unset_flags_leave_the_environment_in_charge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMS_PORT", "9001")
    monkeypatch.setenv("CLAIMS_MAX_BATCH", "5")
    s = settings_for("--max-batch", "7")
    assert (s.port, s.max_batch) == (9001, 7)


@pytest.mark.parametrize(
    "name, text",
    [
        ("claims.toml", 'port = 9100\nlog-format = "json"\nprewarm = false\nindex_dir = "/srv/index"\n'),
        ("claims.json", '{"port": 9100, "log_format": "json", "prewarm": false, "index-dir": "/srv/index"}'),
    ],
)
def test_config_file_overrides_the_environment_and_flags_override_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    config = tmp_path / name
    config.write_text(text)
    monkeypatch.setenv("CLAIMS_PORT", "9001")
    monkeypatch.setenv("CLAIMS_PREWARM", "true")
    s = settings_for("--config", str(config), "--log-format", "text")
    assert (s.port, s.prewarm, s.index_dir, s.log_format) == (9100, False, Path("/srv/index"), "text")


def test_bad_config_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    cases = {
        "unknown.json": ('{"port": 1, "prot": 2}', "unknown setting(s): prot"),
        "broken.toml": ("port = ", "not valid TOML"),
        "list.json": ("[1, 2]", "must hold an object"),
    }
    for name, (text, reason) in cases.items():
        (tmp_path / name).write_text(text)
        with pytest.raises(ConfigError, match=re.escape(reason)):
            read_config(tmp_path / name)
    with pytest.raises(ConfigError, match="cannot read config file"):
        read_config(tmp_path / "missing.toml")


def test_invalid_values_exit_2_naming_the_setting(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text('{"port": 70000}')
    assert main(["serve", "--config", str(tmp_path / "c.json")]) == 2
    assert "port: Input should be less than or equal to 65535" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse refuses a value that is not a number at all
        main(["serve", "--port", "eighty"])


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration") :]
    documented = set(re.findall(r"^\| `CLAIMS_([A-Z0-9_]+)` \|", table, re.M))
    assert documented == {name.upper() for name in Settings.model_fields}
    assert "uvicorn service.app:create_app --factory" in readme


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(url: str, headers: dict[str, str], deadline: float, proc: subprocess.Popen[str]) -> httpx.Response:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}: {proc.communicate()[1][-2000:]}")
        try:
            response = httpx.get(url, headers=headers, timeout=2)
            if response.status_code == 200:
                return response
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer 200 in time")


def test_serve_listens_on_the_given_port_with_json_logs_and_an_audit_log(tmp_path: Path) -> None:
    port = _free_port()
    argv = ["serve", "--host", "127.0.0.1", "--port", str(port), "--api-key", "k3y", "--log-format", "json",
            "--no-prewarm", "--index-dir", str(tmp_path / "index"),
            "--model-cache-dir", str(tmp_path / "models")]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", LAUNCH, *argv], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    base, key = f"http://127.0.0.1:{port}", {"X-API-Key": "k3y"}
    try:
        deadline = time.monotonic() + 60
        assert _wait_for(f"{base}/health", {}, deadline, proc).json() == {"status": "ok"}
        assert httpx.get(f"{base}/ready").status_code == 401  # the key from the flag is enforced
        assert _wait_for(f"{base}/ready", key, deadline, proc).json()["articles"] == 5
        claim = {"claim": "Peskov said on Wednesday that it is premature to say the situation is nearing resolution"}
        verdict = httpx.post(f"{base}/verify", json=claim, headers={**key, "X-Request-ID": "cli-test-1"}, timeout=30)
        assert verdict.status_code == 200 and verdict.headers["x-request-id"] == "cli-test-1"
        assert httpx.get(f"{base}/articles", headers=key).json()["count"] == 5
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err[-2000:]
    lines = [json.loads(line) for line in err.splitlines() if line.strip()]  # every line is JSON
    assert any(f"Uvicorn running on http://127.0.0.1:{port}" in line["message"] for line in lines)
    access = [line for line in lines if line["request_id"] == "cli-test-1"]
    assert any(line["message"].startswith("POST /verify 200") for line in access)
    db = sqlite3.connect(tmp_path / "audit.sqlite")
    rows = db.execute("SELECT request_id, claim, label FROM verdicts").fetchall()
    assert rows == [("cli-test-1", claim["claim"], verdict.json()["label"])]


def test_a_default_top_k_above_the_maximum_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="default_top_k \\(8\\) is above max_top_k \\(4\\)"):
        Settings(max_top_k=4)
