"""The shipped cross-encoder and the one in DIR on the same pairs of reserved rows 8000-8299: the shipped kinds, with
the second pass's kinds (title swaps, numbers written another way), with the reworded kinds and with the unstated
kind (a sentence against its passage with the detail it ends with cut). Measuring only."""
import json, sys
from pathlib import Path
from judge import data
from judge.train import predict, scores
from transformers import AutoModelForSequenceClassification, AutoTokenizer

dirs = {"shipped": Path("judge/weights"), "new": Path(sys.argv[1])}
sets = {"base": data.held_out_pairs(300), "extra": data.held_out_pairs(300, extra=1),
        "reworded": data.held_out_pairs(300, reworded=2), "unstated": data.held_out_pairs(300, unstated=1)}
for name, d in dirs.items():
    tok = AutoTokenizer.from_pretrained(str(d)); model = AutoModelForSequenceClassification.from_pretrained(str(d)).float()
    for s, pairs in sets.items():
        print(name, s, json.dumps(scores(pairs, predict(model, tok, pairs, 192))), flush=True)
