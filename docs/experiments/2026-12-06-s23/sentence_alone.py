"""Rule 2: the tuning and held-out claims judged as `make fit` judges them, with the local LLM reading a statement
without the sentence before it unless the statement's first five words point back (a pronoun in REFERS); the
trained judge reads as shipped. `sentence_alone.py OUT SET...` pickles OUT-SET.pkl (a set already pickled is kept)."""
import re
import sys

sys.path.insert(0, "docs/experiments/2026-12-01")
sys.path.insert(0, "docs/experiments/2026-12-02")
sys.path.insert(0, "docs/experiments/2026-12-06-s20")

from service import evidence  # noqa: E402

REFERS = {"he", "she", "it", "they", "him", "her", "his", "hers", "its", "their", "theirs", "them", "this", "that",
          "these", "those"}
shipped_passage, shipped_ask = evidence.passage, evidence._ask_llm


def llm_passage(hit):
    first = re.findall(r"[a-z']+", hit.sentence.text.lower())[:5]
    return shipped_passage(hit) if REFERS & set(first) else hit.sentence.text


def ask(llm, part, chosen):
    evidence.passage = llm_passage
    try:
        return shipped_ask(llm, part, chosen)
    finally:
        evidence.passage = shipped_passage


if __name__ == "__main__":
    import reading

    evidence._ask_llm = ask
    reading.judge("decisive", sys.argv[1], sys.argv[2:])
