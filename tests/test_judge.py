"""The trained judge's recipe: pairs built from real news (here a tiny file in HaluEval's format), the rows it may
never train on, and (slow) training end to end on a tiny slice plus the shipped weights matching their card."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from judge import data

ARTICLE = (
    "Mayor Lena Okafor opened the new tram line in Riverton on Tuesday. "
    "The line cost 30 million dollars and carries 12,000 passengers a day. "
    "Okafor said the council had approved the plan in 2019 after a long debate. "
    "Critics in the Green Party said the fares were too high for students. "
    "The transport authority expects ridership to rise by 25 percent next year. "
    "Construction was led by the firm Halden Works, which employed 400 people."
)
SUMMARY = "The line cost 30 million dollars. Okafor said the council had approved the plan in 2019."


def write_rows(path: Path, n: int, article: str = ARTICLE) -> Path:
    rows = [{"document": article, "right_summary": SUMMARY, "hallucinated_summary": "The tram was cancelled."}] * n
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_faithful_summary_sentence_is_paired_true_with_the_sentence_that_states_it(tmp_path: Path) -> None:
    pairs = data.build(range(0, 1), path=write_rows(tmp_path / "s.jsonl", 1))

    summary = [p for p in pairs if p.kind == "summary"]
    assert {p.claim for p in summary} == set(data.split_sentences(SUMMARY))
    assert all(p.label == "true" and p.claim.rstrip(".").split()[-1] in p.evidence for p in summary)


def test_every_falsified_claim_differs_from_a_true_one_in_one_detail(tmp_path: Path) -> None:
    pairs = data.build(range(0, 20), path=write_rows(tmp_path / "s.jsonl", 20))

    false = [p for p in pairs if p.label == "false"]
    assert false and all(p.kind in ("number", "entity", "date", "negation", "role") for p in false)
    true_claims = {p.claim for p in pairs if p.label == "true"}
    assert not true_claims & {p.claim for p in false}


def test_the_same_seed_builds_the_same_pairs_and_another_seed_other_ones(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.jsonl", 30)
    assert data.build(range(0, 30), seed=0, path=path) == data.build(range(0, 30), seed=0, path=path)
    assert data.build(range(0, 30), seed=0, path=path) != data.build(range(0, 30), seed=1, path=path)


def test_only_rows_asked_for_are_read(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.jsonl", 10)
    assert {p.row for p in data.build(range(3, 6), path=path)} <= {3, 4, 5}


def test_reserved_and_tuning_rows_are_never_training_rows() -> None:
    assert data.TRAIN_ROWS.stop <= data.VALIDATION_ROWS.start
    assert data.VALIDATION_ROWS.stop <= data.NEWS_TUNING_ROWS.start
    assert (data.RESERVED_ROWS.start, data.RESERVED_ROWS.stop) == (8000, 10000)


@pytest.mark.parametrize(
    ("claim", "spelled"),
    [
        ("Police said 25 people were hurt.", "Police said twenty-five people were hurt."),
        ("The city has 1.2 million residents.", "The city has 1,200,000 residents."),
        ("The city has 1,200,000 residents.", "The city has 1.2 million residents."),
        ("Twelve of the 2019 team returned.", "12 of the 2019 team returned."),  # a year is not a count
        ("In 2019 the team won.", None),
    ],
)
def test_a_number_written_another_way_says_the_same(claim: str, spelled: str | None) -> None:
    assert data.spell_number(claim) == spelled


def test_a_changed_number_is_another_number() -> None:
    changed = data.change_number("The line cost 30 million dollars.", ARTICLE, random.Random(0))
    assert changed is not None and changed != "The line cost 30 million dollars."
    assert "30 million" not in changed


def test_negation_asserts_what_was_denied_and_denies_what_was_asserted() -> None:
    assert data.negate("The council did not approve the plan.", random.Random(0)) == "The council did approve the plan."
    assert data.negate("The plan was popular.", random.Random(5)) == "The plan was not popular."


@pytest.mark.parametrize(
    ("sentence", "family"),
    [
        ("Foreign Minister Sergei Lavrov spoke on Monday.", "Minister Sergei Lavrov spoke on Monday."),
        ("The alliance's foreign ministers met in Brussels.", "ministers met in Brussels."),
        ("The judge spoke for ten minutes.", "spoke for ten minutes."),
        ("Secretary of State John Kerry arrived late.", "John Kerry arrived late."),
    ],
)
def test_a_swapped_title_is_another_of_its_family_in_the_same_case_and_number(sentence: str, family: str) -> None:
    for seed in range(8):
        swapped = data.swap_title(sentence, random.Random(seed))
        assert swapped is not None and swapped != sentence and swapped.endswith(family)
        title = swapped[: -len(family)].split("'s ")[-1].removeprefix("The ").strip()
        assert title[0].isupper() == (sentence[0].isupper() and not sentence.startswith("The"))
        assert "Of State" not in swapped  # "Secretary of State", as papers print it


def test_defence_and_defense_are_one_portfolio_not_a_swap() -> None:
    for seed in range(20):
        swapped = data.swap_title("The defense minister resigned.", random.Random(seed))
        assert swapped is not None and "defence minister" not in swapped and "defense minister" not in swapped
    assert data.swap_title("The weather was fine.", random.Random(0)) is None


def test_extra_pairs_add_title_swaps_and_number_forms_without_changing_the_other_pairs(tmp_path: Path) -> None:
    article = f"{ARTICLE} The mayor told reporters the second line would open in June."
    path = write_rows(tmp_path / "s.jsonl", 20, article)
    plain = data.build(range(0, 20), path=path)
    more = data.build(range(0, 20), path=path, extra=1)

    added = [p for p in more if p not in plain]
    assert [p for p in more if p in plain] == plain  # the first pass and its order are untouched
    assert {(p.label, p.kind) for p in added} == {("false", "role"), ("true", "number_form")}
    by_article = [sum(1 for p in added if p.row == r and p.kind == "role") for r in range(20)]
    assert max(by_article) == 1  # at most `extra` of each kind per article
    evidence = set(data.passages(data.split_sentences(article)))
    assert all(p.evidence in evidence and p.claim not in p.evidence for p in added)
    assert more == data.build(range(0, 20), path=path, extra=1)  # seeded


def test_reworded_pairs_restate_a_passage_in_other_words_and_falsify_the_restatement(tmp_path: Path) -> None:
    reworded = "The council approved the tram plan in 2019 after a lengthy debate, Okafor said."
    added_name = "Mills said the council approved the tram plan in 2019 after a long debate."  # 7 of 9 words
    summary = f"{SUMMARY} {reworded} {added_name}"
    row = {"document": ARTICLE, "right_summary": summary, "hallucinated_summary": "The tram was cancelled."}
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for _ in range(20)), encoding="utf-8")
    plain = data.build(range(0, 20), path=path)
    more = data.build(range(0, 20), path=path, reworded=2)

    added = [p for p in more if p not in plain]
    assert [p for p in more if p in plain] == plain  # the other passes and their order are untouched
    true = [p for p in added if p.label == "true"]
    assert {p.claim for p in true} == {reworded}  # near-copies are the summary kind's; an added name is not held
    assert all(p.kind == "reworded" and "approved the plan in 2019" in p.evidence for p in true)
    false = [p for p in added if p.label == "false"]
    assert false and all(p.kind.startswith("reworded_") and p.claim != reworded for p in false)
    assert more == data.build(range(0, 20), path=path, reworded=2)  # seeded


def test_unstated_pairs_cut_the_detail_a_sentence_ends_with_from_its_evidence(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.jsonl", 20)
    plain = data.build(range(0, 20), path=path)
    more = data.build(range(0, 20), path=path, unstated=1)

    added = [p for p in more if p not in plain]
    assert [p for p in more if p in plain] == plain  # the other passes and their order are untouched
    assert len(added) == 20 and all(p.label == "neither" and p.kind == "unstated" for p in added)
    sentences = data.split_sentences(ARTICLE)
    cuts = {
        sentences[2]: f"{sentences[1]} Okafor said the council had approved the plan.",  # "in 2019 after a long debate"
        sentences[4]: f"{sentences[3]} The transport authority expects ridership to rise.",  # "by 25 percent next year"
    }
    assert {(p.claim, p.evidence) for p in added} <= set(cuts.items())  # a phrase with no name or number is kept
    assert more == data.build(range(0, 20), path=path, unstated=1)  # seeded


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("The storm struck the harbour on Monday.", {"The storm hit the harbour on Monday."}),
        ("He was hospitalised after the crash.", {"He was taken to hospital after the crash."}),
        ("Sales rose by 4 percent.", {"Sales increased by 4 percent.", "Sales rose by 4 per cent."}),  # either
        ("No one died in the storm.", {"Nobody died in the storm."}),  # a capital kept
        ("The US struck a $5bn trade deal.", set()),  # "struck a deal" is no hit
        ("It cost no more than 5 dollars and sales more than doubled.", set()),
        ("It was not nearly enough for his father-in-law.", set()),
        ("The weather was fine.", set()),
        ("The club made him a huge offer to stay.", {"The club made him an enormous offer to stay."}),  # "an"
        ("An enormous crowd gathered outside.", {"A huge crowd gathered outside."}),
        ("Police said more than 3,000 people came.", {"Police said over 3,000 people came."}),
        ("Police said more than twenty people came.", {"Police said over twenty people came."}),
        ("He has played more than any other bowler.", set()),  # "over any other bowler" is not English
        ("We love nothing more than a good story.", set()),
        ("There were no more than 40 seats.", set()),
        ("She rejected the claims in a statement.", set()),  # "turned down the claims" is another sense
        ("A number of clubs helped him recover.", set()),  # "several clubs", "assisted him recover"
    ],
)
def test_a_word_said_otherwise_means_the_same(sentence: str, said: set[str]) -> None:
    others = {data.say_otherwise(sentence, random.Random(seed)) for seed in range(8)}
    assert others == (said or {None})


def test_synonym_pairs_say_a_sentence_otherwise_and_falsify_it(tmp_path: Path) -> None:
    article = f"{ARTICLE} Okafor said more than 3,000 residents bought tickets on Tuesday."
    path = write_rows(tmp_path / "s.jsonl", 20, article)
    plain = data.build(range(0, 20), path=path)
    more = data.build(range(0, 20), path=path, synonyms=1)

    added = [p for p in more if p not in plain]
    assert [p for p in more if p in plain] == plain  # the other passes and their order are untouched
    true = [p for p in added if p.label == "true"]
    assert len(true) == 20 and all(p.kind == "synonym" for p in true)
    assert {p.claim for p in true} <= {
        "Okafor said over 3,000 residents bought tickets on Tuesday.",
        "Okafor said more than 3,000 locals bought tickets on Tuesday.",
        "Okafor said more than 3,000 residents purchased tickets on Tuesday.",
        "The transport authority expects ridership to rise by 25 per cent next year.",
    }
    sentences = data.split_sentences(article)
    assert all(p.claim not in p.evidence and p.evidence.endswith((sentences[4], sentences[6])) for p in true)
    false = [p for p in added if p.label == "false"]
    assert false and all(p.kind.startswith("synonym_") for p in false)
    assert more == data.build(range(0, 20), path=path, synonyms=1)  # seeded

    for per_article in (1, 2):  # without twins: the same true pairs, and nothing else
        twinned = data.build(range(0, 20), path=path, synonyms=per_article)
        alone = data.build(range(0, 20), path=path, synonyms=per_article, synonym_twins=False)
        assert alone == [p for p in twinned if not p.kind.startswith("synonym_")]
        assert any(p.kind.startswith("synonym_") for p in twinned)


def _train_tiny(work: Path, out: Path) -> None:
    tiny = ["--articles", "6", "--validation", "2", "--held-out", "2"]
    done = subprocess.run(
        [sys.executable, "-m", "judge", "train", *tiny, "--work", str(work), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.slow
def test_training_runs_end_to_end_on_a_tiny_slice_deterministically_and_its_weights_load(tmp_path: Path) -> None:
    out = tmp_path / "weights"
    _train_tiny(tmp_path / "work", out)
    _train_tiny(tmp_path / "work-again", tmp_path / "weights-again")  # from nothing again: the same weights
    from judge.model import CrossEncoderJudge, read_card

    judge = CrossEncoderJudge(out)
    assert judge.card["data"]["train_rows"] == [0, 5]
    again = read_card(tmp_path / "weights-again")
    assert again["weights_sha256"] == judge.card["weights_sha256"]
    assert again["data"]["pairs_sha256"] == judge.card["data"]["pairs_sha256"]
    probs = judge.probabilities("The tram line cost 30 million dollars.", [ARTICLE[:200], "Markets were calm."])
    assert probs.shape == (2, 3) and abs(probs.sum(axis=1) - 1).max() < 1e-5


@pytest.mark.slow
def test_the_shipped_judge_matches_its_card_and_never_saw_the_held_out_rows() -> None:
    from judge.model import CrossEncoderJudge

    judge = CrossEncoderJudge()  # checks the weights' hash and the base model against the card
    card = judge.card
    assert card["data"]["train_rows"][1] < min(data.VALIDATION_ROWS.start, *data.HELD_OUT_NEWS_ROWS)
    assert card["held_out"]["reserved_rows"]["pairs"] > 0
    evidence = ["Mayor Lena Okafor opened the new tram line in Riverton on Tuesday."]
    stated = judge.probabilities("Lena Okafor opened the Riverton tram line on Tuesday.", evidence)[0]
    changed = judge.probabilities("Lena Okafor opened the Riverton tram line on Friday.", evidence)[0]
    assert stated[0] > stated[1] and changed[1] > stated[1]  # true reads true; another weekday reads more false


def _write_claims(directory: Path, claims: list[dict[str, object]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "claims-A.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    return directory


def _claim(row: int, label: str, *cited: str) -> dict[str, object]:
    evidence = [{"article": f"halueval-sum-{row}", "text": t} for t in cited]
    return {"id": f"c{row}", "claim": "The tram cost 30 million dollars.", "label": label, "evidence": evidence}


def test_a_written_claim_is_read_against_its_cited_sentences_after_the_one_before_each_sentence_once(
    tmp_path: Path,
) -> None:
    rows = write_rows(tmp_path / "s.jsonl", 3)
    sentences = data.split_sentences(ARTICLE)
    adjacent = _claim(0, "supported", sentences[2], sentences[3])  # sentence 2 is also the one before 3
    first = _claim(1, "refuted", "Mayor Lena Okafor opened the new tram line")  # part of sentence 0: none before
    twice = _claim(2, "not_enough_info", sentences[4], sentences[4])

    pairs = data.written_pairs(_write_claims(tmp_path / "w", [adjacent, first, twice]), path=rows)

    assert [p.evidence for p in pairs] == [
        " ".join(sentences[1:4]),
        sentences[0],
        " ".join(sentences[3:5]),
    ]
    assert [(p.label, p.kind, p.row) for p in pairs] == [
        ("true", "written_supported", 0),
        ("false", "written_refuted", 1),
        ("neither", "written_not_enough_info", 2),
    ]


@pytest.mark.parametrize("row", [4548, 7950, 8000, 9999])
def test_a_written_claim_about_a_held_out_or_reserved_row_is_refused(tmp_path: Path, row: int) -> None:
    claims = _write_claims(tmp_path / "w", [_claim(row, "supported", "The line cost 30 million dollars.")])

    with pytest.raises(data.WrittenClaimError, match=f"row {row}"):
        data.written_pairs(claims, path=write_rows(tmp_path / "s.jsonl", 1))


def test_a_written_claim_citing_a_sentence_its_article_lacks_is_refused(tmp_path: Path) -> None:
    claims = _write_claims(tmp_path / "w", [_claim(0, "supported", "The tram was free for everyone.")])

    with pytest.raises(data.WrittenClaimError, match="c0 cites a text"):
        data.written_pairs(claims, path=write_rows(tmp_path / "s.jsonl", 1))


def test_the_shipped_written_claims_are_800_about_training_rows_and_every_cited_sentence_is_found() -> None:
    claims = data.written_claims()
    pairs = data.written_pairs()  # refused if a claim is about a row no judge may train on, or cites a lost text

    assert len(claims) == len(pairs) == 800 and len({c["id"] for c in claims}) == 800
    assert {p.label: sum(q.label == p.label for q in pairs) for p in pairs} == {
        "true": 320,
        "false": 240,
        "neither": 240,
    }
    assert max(p.row for p in pairs) < 4500 and len({p.row for p in pairs}) == 80


@pytest.mark.parametrize("broken", [{"evidence": []}, {"label": "mostly_true"}])
def test_a_written_claim_without_evidence_or_with_another_label_is_refused(
    tmp_path: Path, broken: dict[str, object]
) -> None:
    claims = _write_claims(tmp_path / "w", [{**_claim(0, "supported", "The line cost 30 million dollars."), **broken}])

    with pytest.raises(data.WrittenClaimError, match="c0 needs evidence and a label"):
        data.written_pairs(claims, path=write_rows(tmp_path / "s.jsonl", 1))
