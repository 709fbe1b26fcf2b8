#!/bin/bash
# Rule 26 A's stages (B failed): the refitted final-state head read through the tap (at judge/heads/), its +head
# weights refitted, then the test split's real run interleaved with session 35's default (commit a8fa16e in a
# worktree at /tmp/s35, var/ linked to main's): A, S, A, S.
set -e
source .venv/bin/activate
export HF_HUB_OFFLINE=1
TUNING="eval/data/dev.jsonl eval/data/dev2.jsonl eval/data/dev3.jsonl eval/data/news-dev-a.jsonl eval/data/news-dev-b.jsonl"
if [ ! -f var/s37/final-weights.json ]; then
  echo "== fit $(date +%T)"
  CLAIMS_LLM_HEAD=true python -m eval fit --data $TUNING --out var/s37/final-weights.json > var/s37/final-fit.log 2>&1
  grep "^chose" var/s37/final-fit.log
fi
cp var/s37/final-weights.json service/weights/qwen2.5-coder-1.5b+head.json
for i in 1 2; do
  for way in A S; do
    out=/work/main/var/s37/test-$way-$i
    if [ ! -f $out/report.json ]; then
      echo "== test $way $i $(date +%T)"
      if [ $way = A ]; then
        python -m eval run --data eval/data/test.jsonl --out $out --no-baseline > $out.log 2>&1
      else
        (cd /tmp/s35 && python -m eval run --data eval/data/test.jsonl --out $out --no-baseline > $out.log 2>&1)
      fi
      grep -E "^\| (accuracy|macro_f1|ece|latency p50|latency p95)" $out/report.md || true
    fi
  done
done
echo "== done $(date +%T)"
