#!/usr/bin/env bash
# After the LLM floor was removed and the 1.5B's weights refitted: the real test-split and news-test runs, then
# the other two presets' verdict weights refitted as make fit does (their judging reruns, 5-10 minutes each).
set -euo pipefail
export HF_HUB_OFFLINE=1
PY=.venv/bin/python
TUNING="eval/data/dev.jsonl eval/data/dev2.jsonl eval/data/dev3.jsonl eval/data/news-dev-a.jsonl eval/data/news-dev-b.jsonl"
$PY -m eval run --data eval/data/test.jsonl --out var/eval/test-s16 --no-baseline
$PY -m eval run --data eval/data/news-test.jsonl --out var/eval/news-test-s16 --no-baseline
$PY -m eval fit --data $TUNING --model qwen2.5-coder-0.5b
$PY -m eval fit --data $TUNING --model smollm2-135m
