"""What the LLM's passage costs in new tokens with and without the sentence before, on the statements it read in a
pickled judging (`passage_tokens.py PICKLE...`): the shipped passage (before + sentence), the sentence alone, and
the sentence with the one before only where it holds a pronoun that points back (REFERS, in any position or in its
first five words)."""
import pickle
import re
import statistics
import sys
from pathlib import Path

import llama_cpp

from service.evidence import passage
from service.models import resolve_model

REFERS = {"he", "she", "it", "they", "him", "her", "his", "hers", "its", "their", "theirs", "them", "this", "that",
          "these", "those"}
llm = llama_cpp.Llama(model_path=str(resolve_model("qwen2.5-coder-1.5b", Path.home() / ".cache/claimcheck").path),
                      vocab_only=True, verbose=False)


def count(text):
    return len(llm.tokenize(text.encode(), add_bos=False))


def words(text):
    return re.findall(r"[a-z']+", text.lower())


rows = {"before + sentence (shipped)": [], "sentence alone": [], "before if a pronoun anywhere": [],
        "before if a pronoun in the first five words": []}
for path in sys.argv[1:]:
    for e in pickle.load(open(path, "rb")):
        for j in e.judgement.judged:
            if j.llm is None:
                continue
            hit, alone = j.hit, count(j.hit.sentence.text)
            full = count(passage(hit))
            ws = words(hit.sentence.text)
            rows["before + sentence (shipped)"].append(full)
            rows["sentence alone"].append(alone)
            rows["before if a pronoun anywhere"].append(full if REFERS & set(ws) else alone)
            rows["before if a pronoun in the first five words"].append(full if REFERS & set(ws[:5]) else alone)
for name, counts in rows.items():
    print(f"{name}: mean {statistics.mean(counts):.1f} tokens, median {statistics.median(counts)} ({len(counts)} reads)")
