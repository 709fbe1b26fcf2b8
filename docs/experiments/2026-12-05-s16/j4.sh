#!/usr/bin/env bash
# Session 15's j4 judge (both extra passes) retrained, its verdict weights fitted on the five tuning files as
# make fit does, then the held-out news test claims and the test split run with it. Logs and rc in var/s16/.
set -euo pipefail
export HF_HUB_OFFLINE=1
PY=.venv/bin/python
TUNING="eval/data/dev.jsonl eval/data/dev2.jsonl eval/data/dev3.jsonl eval/data/news-dev-a.jsonl eval/data/news-dev-b.jsonl"
$PY -m judge train --extra 1 --reworded 2 --work var/judge4 --out var/judge4/out
export CLAIMS_JUDGE_DIR=var/judge4/out
$PY -m eval fit --data $TUNING --out var/s16/j4-weights.json
export CLAIMS_AGGREGATOR=var/s16/j4-weights.json
$PY -m eval run --data eval/data/news-test.jsonl --out var/eval/news-test-j4 --no-baseline
$PY -m eval run --data eval/data/test.jsonl --out var/eval/test-j4 --no-baseline
