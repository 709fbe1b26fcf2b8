"""The judges: the trained cross-encoder that reads every retrieved statement, and the local LLM, asked one narrow
question whose answer is read from label log-probabilities. Both give a Reading of one statement against a claim."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from judge.data import LABELS
from judge.head import Head
from judge.model import CrossEncoderJudge
from service.llm import LocalLLM, Message, data
from service.prompts import ENTAIL, examples, render, split_system
from service.schemas import Label

log = logging.getLogger(__name__)

# The answers the judge may give, each in the spellings whose first tokens are read.
ANSWERS = {"true": ("True", "true"), "false": ("False", "false"), "neither": ("Neither", "neither")}
_MARK = "\x00claim\x00"  # where the claim goes: everything before it is a reusable prefix


class NaiveAnswer(BaseModel):
    label: Label
    confidence: float = Field(ge=0, le=1)


@dataclass(frozen=True)
class Reading:
    """What the judge read in one passage: the probability that it shows the claim true, and that it shows
    the claim false; the rest is "neither" (the passage does not settle the claim)."""

    true: float
    false: float
    words: Reading | None = None  # the LLM read through its head: what its answer words' log-probabilities said

    @property
    def neither(self) -> float:
        return max(0.0, 1.0 - self.true - self.false)

    def valid(self) -> bool:
        return 0.0 <= self.true <= 1.0 and 0.0 <= self.false <= 1.0 and self.true + self.false <= 1.0 + 1e-6


class Reader(Protocol):
    """The trained judge: fast enough to read every retrieved statement."""

    name: str
    sha256: str

    def read(self, claim: str, passages: list[str]) -> list[Reading]:
        """For each passage, the probabilities that it shows the claim true and false."""
        ...


class TrainedReader:
    """A Reader backed by the cross-encoder trained by `make train` (judge/)."""

    def __init__(self, model: CrossEncoderJudge) -> None:
        self.model = model
        self.name = model.name
        self.sha256 = model.sha256

    def read(self, claim: str, passages: list[str]) -> list[Reading]:
        rows = self.model.probabilities(claim, passages)
        true, false = LABELS.index("true"), LABELS.index("false")
        return [Reading(float(row[true]), float(row[false])) for row in rows]


class Judge(Protocol):
    """What the verifier needs from the local language model."""

    preset: str
    sha256: str

    def read(self, claim: str, passages: list[str]) -> list[Reading]:
        """For each passage, whether it shows the claim true, false, or neither."""
        ...

    def explain(self, claim: str, label: str, passages: list[str]) -> str:
        """A short plain-English rationale for a verdict already reached."""
        ...

    def prepare(self, passage: str) -> bool:
        """Do ahead of time whatever judging this passage needs (e.g. cache its prompt state); False, doing
        nothing, when no more can be kept without dropping some already prepared."""
        ...

    def prepared_count(self) -> int:
        """Passages judged warm now: their prompt state is kept (prepared, or read recently)."""
        ...

    def naive_verdict(self, claim: str, passages: list[str]) -> NaiveAnswer | None:
        """One prompt, one JSON verdict over all passages (the baseline); None if unparseable."""
        ...


def worked_examples(prompt: str = ENTAIL) -> list[Message]:
    """prompts/entail_examples.json as answered turns, asked exactly as a real question is asked.

    Small models confirm claims that swap one name or number; a few worked answers, from a domain unrelated
    to any archive, show that a changed detail means "False" and an added one "Neither". They sit before the
    evidence, so every saved evidence prefix shares them and a claim costs no extra tokens.
    """
    turns: list[Message] = []
    for example in examples("entail_examples"):
        _, question = split_system(render(prompt, claim=example["claim"], evidence=example["evidence"]))
        turns += [question, {"role": "assistant", "content": example["answer"]}]
    return turns


def numbered(passages: list[str]) -> str:
    return "\n".join(f"[{i}] <<<{data(p)}>>>" for i, p in enumerate(passages, start=1))


class LlamaJudge:
    """A Judge backed by a GGUF model through llama.cpp."""

    def __init__(
        self, llm: LocalLLM, preset: str, sha256: str, head: Head | None = None, prompt: str | None = None
    ) -> None:
        self.llm = llm
        self.preset = preset
        self.sha256 = sha256
        self.head = head  # read the hidden state through the trained head, not the answer words' log-probabilities
        self._options = self._distinct_first_tokens([w for spellings in ANSWERS.values() for w in spellings])
        # Unless told otherwise, a head reads the hidden state of the prompt it was fitted on.
        self.ask(prompt or (head.prompt if head is not None else None) or ENTAIL)

    def ask(self, prompt: str) -> None:
        """Ask with prompts/<prompt>.txt (and its worked examples): verdict weights are fitted on the readings of
        one prompt, so the verifier asks the one its weights name."""
        self.prompt = prompt
        self._examples = worked_examples(prompt)

    @property
    def head_sha256(self) -> str:
        """The head the LLM is read through ("" for the log-probabilities of its answer words)."""
        return self.head.sha256 if self.head is not None else ""

    def _distinct_first_tokens(self, words: list[str]) -> list[str]:
        seen: dict[int, str] = {}
        for word in words:
            seen.setdefault(self.llm.tokenize(word)[0], word)
        return list(seen.values())

    def read(self, claim: str, passages: list[str]) -> list[Reading]:
        if self.head is not None and passages:
            read = self.read_hidden(claim, passages)
            rows = self.head.probabilities(np.stack([state for _, state in read]))
            return [Reading(float(row[0]), float(row[1]), words) for row, (words, _) in zip(rows, read, strict=True)]
        # Evidence first: instructions plus one passage form a prefix whose KV state is saved and reused by
        # every later claim judged against that passage; a new claim costs only its own few tokens.
        readings = []
        for passage in passages:
            prefix, suffix = self._split(passage)
            tail = data(claim) + suffix
            readings.append(self._reading(self.llm.option_logprobs_split(prefix, tail, self._options)))
        return readings

    def read_hidden(self, claim: str, passages: list[str]) -> list[tuple[Reading, np.ndarray]]:
        """read(), with the model's hidden state at the answer position for each passage."""
        out = []
        for passage in passages:
            prefix, suffix = self._split(passage)
            logprobs, state = self.llm.option_logprobs_hidden(prefix, data(claim) + suffix, self._options, hidden=True)
            if state is None:
                raise RuntimeError("the local LLM gave no hidden state")
            out.append((self._reading(logprobs), state))
        return out

    def _split(self, passage: str) -> tuple[str, str]:
        system, question = split_system(render(self.prompt, claim=_MARK, evidence=data(passage)))
        prompt = self.llm.render([system, *self._examples, question])
        prefix, suffix = prompt.rsplit(_MARK, 1)  # the last: the claim comes after every passage
        return prefix, suffix

    def prepare(self, passage: str) -> bool:
        if self.llm.prefixes.full():
            return False
        self.llm.ensure_prefix(self._split(passage)[0])
        return True

    def prepared_count(self) -> int:
        return len(self.llm.prefixes)

    def _reading(self, logprobs: dict[str, float]) -> Reading:
        mass = {answer: sum(math.exp(logprobs.get(w, -math.inf)) for w in words) for answer, words in ANSWERS.items()}
        total = sum(mass.values())
        if total <= 0:
            return Reading(0.0, 0.0)
        return Reading(mass["true"] / total, mass["false"] / total)

    def explain(self, claim: str, label: str, passages: list[str]) -> str:
        messages = split_system(render("rationale", claim=data(claim), label=label, evidence=numbered(passages)))
        return self.llm.generate(messages, max_tokens=96).strip()

    def naive_verdict(self, claim: str, passages: list[str]) -> NaiveAnswer | None:
        messages = split_system(render("verdict_naive", claim=data(claim), evidence=numbered(passages)))
        raw = self.llm.generate(messages, max_tokens=48, schema=NaiveAnswer.model_json_schema())
        try:
            return NaiveAnswer.model_validate(json.loads(raw))
        except (ValueError, ValidationError):
            log.warning("baseline answer could not be parsed: %r", raw[:200])
            return None
