"""Prompt templates are plain text files in prompts/, rendered with named variables."""

from __future__ import annotations

import json
import string
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"

# The LLM judge's question, asked after the evidence: the default, and what verdict weights and heads that do
# not name their prompt were fitted with.
ENTAIL = "entail"
# The same question asked before the evidence: part of the prefix every statement shares, so a statement read
# cold costs only its own and the claim's tokens (about 60 against 88).
QUESTION_FIRST = "entail_question_first"


def prompt_exists(name: str) -> bool:
    return (PROMPTS_DIR / f"{name}.txt").is_file()


class MissingVariables(KeyError):
    """A template names a variable the caller did not give."""


@lru_cache(maxsize=64)
def _load(name: str) -> string.Template:
    return string.Template((PROMPTS_DIR / f"{name}.txt").read_text(encoding="utf-8"))


def render(name: str, **values: str) -> str:
    """prompts/<name>.txt with $variables filled in; raises MissingVariables if one is not given."""
    template = _load(name)
    needed = set(template.get_identifiers())
    missing = needed - values.keys()
    if missing:
        raise MissingVariables(f"prompt {name!r} needs {', '.join(sorted(missing))}")
    return template.substitute({k: values[k] for k in needed})


def split_system(text: str) -> list[dict[str, str]]:
    """A rendered template as chat messages: text above a line '---' is the system message."""
    system, sep, user = text.partition("\n---\n")
    if not sep:
        return [{"role": "user", "content": text.strip()}]
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]


@lru_cache(maxsize=16)
def examples(name: str) -> tuple[dict[str, str], ...]:
    """prompts/<name>.json: worked examples, a list of objects with string fields."""
    data = json.loads((PROMPTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise ValueError(f"prompts/{name}.json must be a list of objects")
    return tuple(data)
