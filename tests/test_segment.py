"""Sentence and paragraph splitting: where sentences end, and offsets that point exactly into the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.segment import Span, paragraphs, sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def split(text: str) -> list[str]:
    return [s.of(text) for s in sentences(text)]


def assert_exact(text: str, spans: list[Span], within: Span | None = None) -> None:
    """Spans are ordered, trimmed, inside `within`, and together cover every non-space character of it."""
    region = within or Span(0, len(text))
    previous_end = region.start
    for span in spans:
        piece = text[span.start : span.end]
        assert span.of(text) == piece
        assert piece and piece == piece.strip(), f"span {span} is empty or untrimmed: {piece!r}"
        assert previous_end <= span.start < span.end <= region.end, f"span {span} out of order or range"
        assert not text[previous_end : span.start].strip(), f"text lost between spans: {span}"
        previous_end = span.end
    assert not text[previous_end : region.end].strip(), "text lost after the last span"


# --- where a sentence ends -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith went to Washington. He met Dr. Jones and Sen. Warren there.",
            ["Mr. Smith went to Washington.", "He met Dr. Jones and Sen. Warren there."],
        ),
        ("The U.S. economy grew last year. Prices rose.", ["The U.S. economy grew last year.", "Prices rose."]),
        (
            "U.K. and E.U. officials met in Brussels. They disagreed.",
            ["U.K. and E.U. officials met in Brussels.", "They disagreed."],
        ),
        (
            "The attack on Nov. 25 injured 12 people. Officials said so.",
            ["The attack on Nov. 25 injured 12 people.", "Officials said so."],
        ),
        ("They met on Sept. 3 in Geneva. Talks ended.", ["They met on Sept. 3 in Geneva.", "Talks ended."]),
        (
            "He arrived at No. 10 Downing Street on Monday. Reporters waited.",
            ["He arrived at No. 10 Downing Street on Monday.", "Reporters waited."],
        ),
        ("The firm, Acme Corp., grew. It hired.", ["The firm, Acme Corp., grew.", "It hired."]),
    ],
    ids=["honorifics", "us", "uk-eu", "nov-25", "sept-3", "no-10", "corp"],
)
def test_abbreviations_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "J. R. R. Tolkien wrote the books. He died in 1973.",
            ["J. R. R. Tolkien wrote the books.", "He died in 1973."],
        ),
        ("Donald J. Trump spoke. He left.", ["Donald J. Trump spoke.", "He left."]),
    ],
)
def test_initials_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_decimals_inside_a_sentence_do_not_end_it() -> None:
    text = "Growth was 2.5 percent in the third quarter, down from 3.25 percent. That is low."
    assert split(text) == [
        "Growth was 2.5 percent in the third quarter, down from 3.25 percent.",
        "That is low.",
    ]


def test_a_decimal_at_the_end_of_a_sentence_still_ends_it() -> None:
    text = "Unemployment fell to 4.1. Economists had expected a smaller drop."
    assert split(text) == ["Unemployment fell to 4.1.", "Economists had expected a smaller drop."]


def test_the_word_no_ending_a_sentence_still_ends_it() -> None:
    text = "Asked whether a deal was close, he said no. The talks resume on Monday."
    assert split(text) == ["Asked whether a deal was close, he said no.", "The talks resume on Monday."]


def test_a_sentence_may_start_with_an_accented_capital() -> None:
    text = "The talks were held in Paris. Élysée officials declined to comment."
    assert split(text) == ["The talks were held in Paris.", "Élysée officials declined to comment."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
        ("“We are ready.” Peskov said so.", ["“We are ready.”", "Peskov said so."]),
        ('He left. "We will return," he said.', ["He left.", '"We will return," he said.']),
        ("Officials said: (Talks ended.) Nobody left.", ["Officials said: (Talks ended.)", "Nobody left."]),
    ],
    ids=["straight-quotes", "curly-quotes", "opening-quote", "bracket"],
)
def test_closing_quotes_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert split("Is it over? Nobody knows! They left.") == ["Is it over?", "Nobody knows!", "They left."]
    assert split("Is it over?! Nobody knows.") == ["Is it over?!", "Nobody knows."]


def test_a_sentence_may_start_with_a_number() -> None:
    assert split("He left at noon. 12 people stayed.") == ["He left at noon.", "12 people stayed."]


def test_a_lowercase_word_after_a_period_does_not_start_a_sentence() -> None:
    assert split("The vote was 5 vs. 4 in favour. It passed.") == ["The vote was 5 vs. 4 in favour.", "It passed."]
    assert split("It rose approx. three percent overall.") == ["It rose approx. three percent overall."]


def test_text_without_final_punctuation_is_one_sentence() -> None:
    assert split("Talks resume on Monday") == ["Talks resume on Monday"]
    assert split("   ") == []


# --- offsets -----------------------------------------------------------------------------------------


def test_paragraphs_are_trimmed_lines_with_exact_offsets() -> None:
    text = "  First line here.  \r\n\r\n\tSecond line.\n \n\u00a0Third\u00a0line.\u00a0"
    spans = paragraphs(text)
    assert [p.of(text) for p in spans] == ["First line here.", "Second line.", "Third\u00a0line."]
    assert_exact(text, spans)


def test_sentences_within_a_paragraph_point_into_the_whole_text() -> None:
    text = "Headline\n\n  Mr. Putin met Witkoff.   They talked for five hours.  \nLast line."
    para = paragraphs(text)[1]
    spans = sentences(text, para)
    assert [s.of(text) for s in spans] == ["Mr. Putin met Witkoff.", "They talked for five hours."]
    assert spans[0].start == text.index("Mr.")
    assert_exact(text, spans, para)


def test_offsets_are_exact_with_odd_white_space() -> None:
    text = "A\u00a0sentence  here.\u2003Another\tone!   And “a third.”  "
    spans = sentences(text)
    assert [s.of(text) for s in spans] == ["A\u00a0sentence  here.", "Another\tone!", "And “a third.”"]
    assert_exact(text, spans)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_offsets_are_exact(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    paras = paragraphs(text)
    assert_exact(text, paras)
    for para in paras:
        assert_exact(text, sentences(text, para), para)


def test_seed_abbreviations_stay_inside_sentences(seeds_dir: Path) -> None:
    found = []
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        found += [s.of(text) for p in paragraphs(text) for s in sentences(text, p)]
    for sentence in found:
        assert not sentence.endswith((" Mr.", " Nov.", " Oct.", " Dr.")), sentence
    assert (
        "The regional governor in Zaporizhzhia, Ukraine said a Russian air attack on the evening of Nov. 25, "
        "2025 injured 12 people and damaged shops, as well as apartment blocks." in found
    )
    assert (
        "President Trump told reporters on Air Force One Tuesday that U.S. special envoy Steve Witkoff will "
        "meet Russian President Vladimir Putin in Moscow next week to discuss the proposal." in found
    )
    assert "Bloomberg on Tuesday night published another transcript of an Oct. 14 phone call" in " ".join(found)
