"""The head over the local LLM's hidden state: its fit, its file, and its recipe end to end with a stand-in
reader (the real 1.5B is read in tests/test_real_models.py)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from judge import head
from judge.data import LABELS
from service.llm import HIDDEN_READING
from tests.test_judge import write_rows


@dataclass(frozen=True)
class LogProbs:
    true: float
    false: float


class HashReader:
    """Hidden states that carry a little of the answer (word overlap) and a lot of noise; counts its reads."""

    def __init__(self) -> None:
        self.reads = 0

    def read_hidden(self, claim: str, passages: list[str]) -> list[tuple[LogProbs, np.ndarray]]:
        out = []
        for passage in passages:
            self.reads += 1
            seed = int(hashlib.sha256(f"{claim}|{passage}".encode()).hexdigest()[:8], 16)
            noise = np.random.default_rng(seed).normal(size=6)
            words = set(claim.lower().split())
            overlap = len(words & set(passage.lower().split())) / max(1, len(words))
            out.append((LogProbs(0.5, 0.2), np.concatenate([[overlap * 4], noise]).astype(np.float32)))
        return out


def test_a_fitted_head_separates_what_its_states_separate_and_gives_probabilities() -> None:
    rng = np.random.default_rng(0)
    labels = np.array([LABELS[i % 3] for i in range(300)])
    centres = {"true": [3, 0], "false": [0, 3], "neither": [-3, -3]}
    states = np.array([centres[str(label)] for label in labels], dtype=float) + rng.normal(size=(300, 2))

    fitted = head.fit(states, labels.tolist(), l2=1.0)
    p = fitted.probabilities(states)

    assert p.shape == (300, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert (np.array(LABELS)[p.argmax(axis=1)] == labels).mean() > 0.95
    assert fitted.probabilities(np.array([3.0, 0.0]))[0].argmax() == LABELS.index("true")


def test_a_head_saved_loads_with_its_model_and_reading_and_is_refused_with_another(tmp_path: Path) -> None:
    fitted = head.fit(np.eye(6), ["true", "false", "neither"] * 2, l2=1.0)
    fitted.card = {"model_sha256": "abc", "recipe": {"reading": "last"}}
    head.save(fitted, tmp_path / "h.json")

    loaded = head.load(tmp_path / "h.json", "abc", "last")
    assert np.allclose(loaded.probabilities(np.eye(6)), fitted.probabilities(np.eye(6)), atol=1e-6)
    assert loaded.sha256 == hashlib.sha256((tmp_path / "h.json").read_bytes()).hexdigest()
    with pytest.raises(head.HeadError, match=r"fitted on model abc.*refit it"):
        head.load(tmp_path / "h.json", "another", "last")
    with pytest.raises(head.HeadError, match=r"read as 'last', not as 'every token'.*refit it"):
        head.load(tmp_path / "h.json", "abc", "every token")


def test_the_shipped_head_was_read_the_way_the_service_reads_hidden_states() -> None:
    card = json.loads(head.head_path("qwen2.5-coder-1.5b").read_text())["card"]

    assert head.reading_of(card) == HIDDEN_READING  # else the service refuses the head at start
    assert head.reading_of({"recipe": {}}) == head.FIRST_READING  # a card from before readings were named


@pytest.mark.slow
def test_a_hidden_read_answers_as_a_plain_read_and_leaves_later_plain_reads_as_they_were() -> None:
    from service.loading import load_judge
    from service.settings import Settings

    llm = load_judge(Settings(llm_head=False)).llm
    prefix, options = "Evidence: Mayor Lena Okafor opened the tram line on Tuesday.\n", ["True", "False", "Neither"]
    suffix = "Claim: Lena Okafor opened the tram line on Friday.\nIs the claim true? Answer:"
    plain = llm.option_logprobs_split(prefix, suffix, options)

    words, state = llm.option_logprobs_hidden(prefix, suffix, options, hidden=True)
    _, short_state = llm.option_logprobs_hidden(prefix, ":", options, hidden=True)

    assert state is not None and state.shape == (llm.llm.n_embd(),) and np.isfinite(state).all()
    assert short_state is not None and not np.allclose(short_state, state)

    def shares(logprobs: dict[str, float]) -> np.ndarray:  # the three options' probabilities among themselves
        p = np.exp(np.array([logprobs[o] for o in options]))
        return p / p.sum()

    assert np.abs(shares(words) - shares(plain)).max() < 0.05  # the same answer position, read in two batches
    assert llm.option_logprobs_split(prefix, suffix, options) == pytest.approx(plain, abs=1e-6)  # hidden states off
    with pytest.raises(ValueError, match="no token"):
        llm.option_logprobs_hidden(prefix, "", options, hidden=True)


def write_claims(directory: Path, n: int, row: int | None = None) -> Path:
    """n written claims about rows 0..n-1 of write_rows' file (all about `row`, if given), labels in turn, each
    citing one or two sentences."""
    directory.mkdir(parents=True, exist_ok=True)
    labels = ("supported", "refuted", "not_enough_info")
    cited = ["The line cost 30 million dollars", "Okafor said the council had approved the plan in 2019"]
    claims = [
        {
            "id": f"w-{i}",
            "claim": f"Claim {i}: the tram cost {30 + i % 3} million dollars.",
            "label": labels[i % 3],
            "evidence": [
                {"article": f"halueval-sum-{i if row is None else row}", "text": t} for t in cited[: 1 + i % 2]
            ],
        }
        for i in range(n)
    ]
    (directory / "claims-A.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    return directory


def test_the_recipe_runs_end_to_end_writes_its_card_and_resumes_without_reading_again(tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "s.jsonl", 8003)  # reserved rows start at 8000
    claims = write_claims(tmp_path / "written", 30)
    recipe = head.HeadRecipe(
        "fake", "sha", "entail", "hash", claims=claims, held_out_articles=3, held_out_pairs=9, penalties=(1.0, 10.0)
    )
    reader = HashReader()

    fitted = head.train(reader, recipe, tmp_path / "work", tmp_path / "h.json", path=rows)

    assert reader.reads == 30 + 9
    card = json.loads((tmp_path / "h.json").read_text())["card"]
    assert card["model_sha256"] == "sha" and card["prompt"] == "entail" and card["recipe"]["reading"] == "hash"
    assert card["train_rows"] == [0, 29] and card["train_articles"] == 30 and card["l2"] in (1.0, 10.0)
    assert card["pairs_by_kind"] == {"written_not_enough_info": 10, "written_refuted": 10, "written_supported": 10}
    assert card["claims"]["sha256"] == hashlib.sha256((claims / "claims-A.jsonl").read_bytes()).hexdigest()
    assert set(card["held_out"]) == {"head", "log_probabilities"} and card["held_out"]["head"]["pairs"] == 9
    again = HashReader()
    refitted = head.train(again, recipe, tmp_path / "work", tmp_path / "h2.json", path=rows)
    assert again.reads == 0  # every hidden state was saved by the first run
    assert np.allclose(refitted.coef, fitted.coef)
    fewer = HashReader()
    head.train(
        fewer, head.HeadRecipe(**{**recipe.__dict__, "limit": 12}), tmp_path / "w2", tmp_path / "h3.json", path=rows
    )
    assert fewer.reads == 12 + 9


def test_claims_about_one_article_are_fitted_with_the_strongest_penalty_as_nothing_can_be_held_out(
    tmp_path: Path,
) -> None:
    rows = write_rows(tmp_path / "s.jsonl", 8003)
    claims = write_claims(tmp_path / "written", 6, row=7)
    recipe = head.HeadRecipe("fake", "sha", "entail", "hash", claims=claims, held_out_articles=3, held_out_pairs=3)

    head.train(HashReader(), recipe, tmp_path / "work", tmp_path / "h.json", path=rows)

    card = json.loads((tmp_path / "h.json").read_text())["card"]
    assert card["train_rows"] == [7, 7] and card["cv_three_way_accuracy"] == {} and card["l2"] == 1000.0
    with pytest.raises(ValueError, match="two articles"):
        head.cross_validate(np.eye(3), np.array(LABELS), np.array([7, 7, 7]), l2=1.0)


@pytest.mark.slow
def test_the_recipe_reads_the_real_model_and_its_head_judges_through_the_service(tmp_path: Path) -> None:
    import subprocess
    import sys

    tiny = ["--limit", "9", "--held-out", "3", "--work", str(tmp_path), "--out"]
    done = subprocess.run(
        [sys.executable, "-m", "judge", "head", *tiny, str(tmp_path / "h.json")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    from service.loading import load_judge
    from service.settings import Settings

    judge = load_judge(Settings(llm_head=False))
    judge.head = head.load(tmp_path / "h.json", judge.sha256, HIDDEN_READING)
    card = judge.head.card
    assert sum(card["pairs_by_kind"].values()) == 9 and card["train_rows"][1] < 4500  # the first nine written claims
    readings = judge.read("The tram opened on Tuesday.", ["The tram opened on Tuesday.", "Markets were calm."])
    assert len(readings) == 2 and all(r.valid() for r in readings)


@pytest.mark.slow
def test_the_shipped_head_matches_the_default_model_and_never_saw_the_reserved_rows() -> None:
    from judge.data import RESERVED_ROWS, WRITTEN_DIR
    from service.models import resolve_model
    from service.settings import Settings

    settings = Settings()
    model = resolve_model(settings.model, settings.model_cache_dir)
    path = head.head_path(model.preset)
    assert path.is_file(), f"no head shipped for the default preset {model.preset}"
    shipped = head.load(path, model.sha256, HIDDEN_READING)  # refused if fitted on another GGUF file or reading
    assert shipped.card["train_rows"][1] < RESERVED_ROWS.start
    assert shipped.card["claims"]["sha256"] == head._claims_sha256(WRITTEN_DIR)  # fitted on the claims shipped
    assert shipped.card["held_out"]["head"]["pairs"] > 0
    from service import aggregate

    weights = aggregate.load(aggregate.weights_path(model.preset, head=True))  # the verdict weights read through it
    assert weights.meta["llm_head_sha256"] == shipped.sha256
    assert not any("test" in Path(d).name for d in weights.meta["data"])


@pytest.mark.parametrize("present", [("true",), ("true", "neither"), ("false", "neither")])
def test_labels_missing_from_a_tiny_slice_are_never_predicted(present: tuple[str, ...]) -> None:
    states = np.arange(12, dtype=float).reshape(6, 2)
    labels = [present[i % len(present)] for i in range(6)]

    p = head.fit(states, labels, l2=1.0).probabilities(states)

    absent = [LABELS.index(label) for label in LABELS if label not in present]
    assert np.allclose(p.sum(axis=1), 1.0) and (p[:, absent] < 1e-9).all()
