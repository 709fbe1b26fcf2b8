#!/usr/bin/env bash
# The session's measuring runs, one after another (resumable: each step skips what it already wrote):
# the shipped judge's judging pickled; j4 trained (session 15's --extra 1 --reworded 2); j4's judging pickled.
set -euo pipefail
export HF_HUB_OFFLINE=1
PY=.venv/bin/python
$PY docs/experiments/2026-12-05-s16/pickle_sets.py var/s16/shipped
test -f var/judge4/out/card.json || $PY -m judge train --extra 1 --reworded 2 --work var/judge4 --out var/judge4/out
CLAIMS_JUDGE_DIR=var/judge4/out $PY docs/experiments/2026-12-05-s16/pickle_sets.py var/s16/j4
