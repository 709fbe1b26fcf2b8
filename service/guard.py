"""Instructions aimed at the model, found inside claims or articles, are treated as data, never obeyed."""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.;:!?\n]*\b(instructions?|prompts?|rules|guidelines)\b"
    r"|\b(answer|respond|reply|output|say|return|label (it|this|the claim) as)\s+(with\s+|only\s+)?[\"'“]?"
    r"(supported|refuted|yes|true|not_enough_info|conflicting)\b"
    r"|\byou (are|must|should|will) now\b|\bsystem prompt\b|<\|im_start\|>|\[/?INST\]",
    re.I,
)
_SEGMENT = re.compile(r"[^.;:!?\n]+[.;:!?\n]*")


def has_instructions(text: str) -> bool:
    """Whether the text contains a phrase that addresses a language model."""
    return bool(_INSTRUCTION.search(text))


def without_instructions(text: str) -> str:
    """The text with every clause that addresses the model removed; other text is returned untouched."""
    if not has_instructions(text):
        return text
    kept = [seg for seg in _SEGMENT.findall(text) if not _INSTRUCTION.search(seg)]
    return " ".join("".join(kept).split())
