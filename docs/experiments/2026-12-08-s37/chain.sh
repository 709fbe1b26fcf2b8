#!/bin/bash
# Rule 26 B's stages for one candidate head, already placed at judge/heads/qwen2.5-coder-1.5b.json:
# the +head weights refitted on the five tuning sets, then real runs of the test split, news-test-e and test-b.
# Usage: bash docs/experiments/2026-12-08-s37/chain.sh NAME   (outputs var/s37/NAME-*)
set -e
source .venv/bin/activate
export HF_HUB_OFFLINE=1
name=$1
TUNING="eval/data/dev.jsonl eval/data/dev2.jsonl eval/data/dev3.jsonl eval/data/news-dev-a.jsonl eval/data/news-dev-b.jsonl"
if [ ! -f var/s37/$name-weights.json ]; then
  echo "== fit $(date +%T)"
  CLAIMS_LLM_HEAD=true python -m eval fit --data $TUNING --out var/s37/$name-weights.json > var/s37/$name-fit.log 2>&1
  tail -30 var/s37/$name-fit.log | grep -iE "cv|chose|mean" || true
fi
cp var/s37/$name-weights.json service/weights/qwen2.5-coder-1.5b+head.json
for s in test news-test-e test-b; do
  if [ ! -f var/s37/$name-runs/$s/report.json ]; then
    echo "== $s $(date +%T)"
    python -m eval run --data eval/data/$s.jsonl --out var/s37/$name-runs/$s --no-baseline > var/s37/$name-run-$s.log 2>&1
    grep -E "^\| (accuracy|macro_f1|ece|latency p50)" var/s37/$name-runs/$s/report.md || true
  fi
done
echo "== done $(date +%T)"
