"""Prompt files: templates and the judge's worked examples."""

from __future__ import annotations

from service.judge import ANSWERS, worked_examples
from service.prompts import examples, render, split_system


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
