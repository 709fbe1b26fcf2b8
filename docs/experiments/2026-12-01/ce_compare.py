"""Old and new cross-encoder on the same reserved-row pairs (rows 8000-8299): the first pass's kinds, and with the
extra title-swap / number-form pairs. Measuring only."""
import json, sys
from pathlib import Path
from judge import data
from judge.train import predict, scores
from transformers import AutoModelForSequenceClassification, AutoTokenizer

dirs = {"old": Path("var/s10/old-weights/judge/weights"), "new": Path(sys.argv[1] if len(sys.argv) > 1 else "var/judge2/out")}
sets = {"base": data.held_out_pairs(300), "extended": data.held_out_pairs(300, extra=1)}
for name, d in dirs.items():
    tok = AutoTokenizer.from_pretrained(str(d)); model = AutoModelForSequenceClassification.from_pretrained(str(d)).float()
    for s, pairs in sets.items():
        sc = scores(pairs, predict(model, tok, pairs, 192))
        print(name, s, json.dumps(sc), flush=True)
