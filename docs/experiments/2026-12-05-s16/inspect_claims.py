"""The statements a claims file's claims are judged against, with both judges' readings: which judge reads a
claim's own paraphrase as false. `inspect_claims.py FILE ID...` (CLAIMS_JUDGE_DIR chooses the trained judge)."""
import sys
from pathlib import Path
from eval import claims as claims_io
from eval.__main__ import _settings
from service.loading import load_verifier

path, ids = Path(sys.argv[1]), set(sys.argv[2:])
verifier = load_verifier(_settings(None, path))
for claim in claims_io.load(path):
    if claim.id not in ids:
        continue
    judgement = verifier.judgement(claim.claim)
    print(f"\n{claim.id} [{claim.label}] {claim.claim}")
    for j in judgement.judged:
        llm = f"llm T {j.llm.true:.2f} F {j.llm.false:.2f}" if j.llm else " " * 16
        print(f"  part {j.part} ce T {j.trained.true:.2f} F {j.trained.false:.2f}  {llm}  {j.hit.sentence.text[:110]}")
