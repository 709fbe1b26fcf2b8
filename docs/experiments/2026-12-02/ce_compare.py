"""The shipped cross-encoder and the one in DIR on the same reserved-row pairs (rows 8000-8299): the shipped kinds,
and with the reworded kinds. Measuring only."""
import json, sys
from pathlib import Path
from judge import data
from judge.train import predict, scores
from transformers import AutoModelForSequenceClassification, AutoTokenizer

dirs = {"shipped": Path("judge/weights"), "new": Path(sys.argv[1])}
sets = {"base": data.held_out_pairs(300), "reworded": data.held_out_pairs(300, reworded=2)}
for name, d in dirs.items():
    tok = AutoTokenizer.from_pretrained(str(d)); model = AutoModelForSequenceClassification.from_pretrained(str(d)).float()
    for s, pairs in sets.items():
        sc = scores(pairs, predict(model, tok, pairs, 192))
        print(name, s, json.dumps(sc), flush=True)
