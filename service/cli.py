"""Command-line flags generated from the one Settings class, plus a config file that the flags override (after
llama-cpp-python's server `add_args_from_model` and `ConfigFileSettings`)."""

from __future__ import annotations

import argparse
import json
import tomllib
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, SecretStr, ValidationError

from service.settings import Settings

CONFIG_DEST = "config"


class ConfigError(ValueError):
    """Settings that cannot be used, with a message a person can act on."""


def add_settings_args(parser: argparse.ArgumentParser, model: type[BaseModel] = Settings) -> None:
    """Add `--config FILE` and one flag per settings field (`index_dir` -> `--index-dir`; booleans get `--no-x`)."""
    group = parser.add_argument_group(
        "settings", "every CLAIMS_* variable as a flag; flags override --config, which overrides the environment"
    )
    group.add_argument(
        "--config", dest=CONFIG_DEST, type=Path, metavar="FILE", help="JSON or TOML file of settings (field names)"
    )
    taken = {action.dest for action in parser._actions}
    for name, field in model.model_fields.items():
        if name in taken:
            raise ValueError(f"settings field {name!r} collides with a command-line argument of the same name")
        kind = _plain_type(field.annotation)
        flag = "--" + name.replace("_", "-")
        text = f"{field.description or name} (env CLAIMS_{name.upper()})"
        if kind is SecretStr:
            text += "; prefer the environment or --config: other users can read flags in the process list"
        if kind is bool:
            group.add_argument(
                flag, dest=name, action=argparse.BooleanOptionalAction, default=argparse.SUPPRESS, help=text
            )
        elif get_origin(kind) is Literal:
            choices = [str(c) for c in get_args(kind)]
            group.add_argument(
                flag, dest=name, type=_any_case(choices), choices=choices, default=argparse.SUPPRESS, help=text
            )
        else:
            convert = str if kind is SecretStr else kind
            metavar = name.split("_")[-1].upper()
            group.add_argument(flag, dest=name, type=convert, metavar=metavar, default=argparse.SUPPRESS, help=text)


def _any_case(choices: list[str]) -> Callable[[str], str]:
    def convert(value: str) -> str:
        return next((c for c in choices if c.lower() == value.lower()), value)

    return convert


def _plain_type(annotation: Any) -> Any:
    """The type a flag converts to: `Path | None` -> Path; `Annotated[...]` is already unwrapped by pydantic."""
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        if len(kinds) == 1:
            return kinds[0]
        return str
    return annotation


def read_config(path: Path, model: type[BaseModel] = Settings) -> dict[str, Any]:
    """Settings from a JSON or TOML file (by extension; keys are field names, `-` or `_`)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode()) if path.suffix.lower() == ".toml" else json.loads(raw)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise ConfigError(f"config file {path} is not valid {kind}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must hold an object of settings")
    values = {str(k).replace("-", "_"): v for k, v in data.items()}
    unknown = sorted(set(values) - set(model.model_fields))
    if unknown:
        raise ConfigError(f"config file {path} has unknown setting(s): {', '.join(unknown)}")
    return values


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Defaults < CLAIMS_* environment < --config file < flags."""
    given = vars(args)
    config = given.get(CONFIG_DEST)
    values = read_config(config) if config is not None else {}
    values.update({name: given[name] for name in Settings.model_fields if name in given})
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid settings: {problems}") from exc
