"""Prompt files: templates and the judge's worked examples."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from judge.head import Head
from service import aggregate
from service.aggregate import WEIGHTS_DIR
from service.judge import ANSWERS, LlamaJudge, worked_examples
from service.loading import ask_as_fitted, load_aggregator
from service.prompts import ENTAIL, QUESTION_FIRST, examples, render, split_system
from service.settings import Settings
from tests.fakes import rules_aggregator
from tests.test_tokens import ChatML


def test_worked_examples_are_asked_exactly_like_a_real_question() -> None:
    turns = worked_examples()
    _, real = split_system(render("entail", claim="CLAIM", evidence="EVIDENCE"))
    question_lines = [line for line in real["content"].splitlines() if "CLAIM" not in line and "EVIDENCE" not in line]

    assert [t["role"] for t in turns] == ["user", "assistant"] * (len(turns) // 2)
    for turn in turns[::2]:
        assert all(line in turn["content"].splitlines() for line in question_lines)
    assert {t["content"] for t in turns[1::2]} == {words[0] for words in ANSWERS.values()}  # answers the judge reads


def test_worked_examples_teach_every_answer_more_than_once() -> None:
    answers = [e["answer"] for e in examples("entail_examples")]
    assert all(answers.count(words[0]) >= 2 for words in ANSWERS.values())


@pytest.mark.parametrize(("prompt", "question_shared"), [(QUESTION_FIRST, True), (ENTAIL, False)])
def test_asked_before_the_evidence_the_question_is_in_the_prefix_every_statement_shares(
    prompt: str, question_shared: bool
) -> None:
    judge = LlamaJudge(ChatML(), "fake", "0" * 64)  # type: ignore[arg-type]
    judge.ask(prompt)
    first, second = (judge._split(p)[0] for p in ("Peskov said it was premature.", "Witkoff met Putin in Moscow."))

    shared = next(i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b)
    own = first[shared:]  # what a cold read of the first evaluates after a read of the second
    assert "Peskov said it was premature." in own
    assert ("Answer true, false, or neither." in own) is not question_shared


@pytest.mark.parametrize(("meta", "asked"), [({}, ENTAIL), ({"llm_prompt": QUESTION_FIRST}, QUESTION_FIRST)])
def test_the_llm_is_asked_with_the_prompt_its_verdict_weights_were_fitted_on(meta: dict[str, str], asked: str) -> None:
    other = QUESTION_FIRST if asked == ENTAIL else ENTAIL
    judge = LlamaJudge(ChatML(), "fake", "0" * 64, prompt=other)  # type: ignore[arg-type]

    ask_as_fitted(judge, dataclasses.replace(rules_aggregator(), meta=meta))

    assert judge.prompt == asked
    assert judge._examples == worked_examples(asked)


def test_a_prompt_set_is_asked_whatever_the_weights_say_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    judge = LlamaJudge(ChatML(), "fake", "0" * 64, prompt=QUESTION_FIRST)  # type: ignore[arg-type]
    assert judge.prompt == QUESTION_FIRST
    path = tmp_path / "weights.json"
    aggregate.save(rules_aggregator(), path)  # names no prompt: fitted on entail
    settings = Settings(aggregator=path, llm_prompt=QUESTION_FIRST)

    ask_as_fitted(judge, load_aggregator(settings, "qwen2.5-coder-1.5b"), settings.llm_prompt)

    assert judge.prompt == QUESTION_FIRST
    assert "fitted on 'entail'" in caplog.text
    with pytest.raises(ValueError, match=r"no prompts/nonesuch\.txt"):
        Settings(llm_prompt="nonesuch")


@pytest.mark.parametrize(("card", "asked"), [({}, ENTAIL), ({"prompt": QUESTION_FIRST}, QUESTION_FIRST)])
def test_a_head_is_read_on_the_prompt_it_was_fitted_on(card: dict[str, str], asked: str) -> None:
    head = Head(np.zeros(2), np.ones(2), np.zeros((2, 3)), np.zeros(3), card=card)
    judge = LlamaJudge(ChatML(), "fake", "0" * 64, head=head)  # type: ignore[arg-type]
    assert judge.prompt == asked


def test_the_question_first_weights_name_their_prompt() -> None:
    """The shipped alternative weights for the 1.5B (faster cold reads): loaded, they ask the question first."""
    weights = aggregate.load(WEIGHTS_DIR / "qwen2.5-coder-1.5b+question-first.json")
    assert weights.llm_prompt == QUESTION_FIRST
    assert aggregate.load(aggregate.weights_path("qwen2.5-coder-1.5b")).llm_prompt == ENTAIL
