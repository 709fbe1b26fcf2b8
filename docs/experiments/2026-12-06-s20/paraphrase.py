"""The local 1.5B's rewordings of faithful summary sentences, as positives for the trained judge (the issue's
"paraphrases written by the local model"), and their use in a screen (README here).

`paraphrase.py generate OUT ROWS N`: one aligned summary sentence per article (`judge.data`'s summary kind), in a
seeded order of ROWS ("0-4500" or "8000-8300"), rewritten by the 1.5B (greedy) until N are written; one JSON line
each, appended, so an interrupted run resumes. `paraphrase.py pairs OUT`: the accepted ones, counted."""
import json
import random
import re
import sys
import time
from pathlib import Path

from index.lexical import tokens
from judge import data

SYSTEM = ("You rewrite news sentences. Say the same thing in different words and a different sentence structure. "
          "Keep every fact: every name, number, date and place. Add nothing, drop nothing. Answer with the "
          "rewritten sentence only.")
REWORDED_AT_MOST = 0.8  # share of the sentence's words the rewrite may keep: below it, a real rewording


def aligned(row, record, rng):
    """One summary sentence the article states (word recall >= ALIGNED, numbers held) with its passage."""
    sents = data.judged_sentences(record["document"])
    if len(sents) < 4:
        return None
    held = data.passages(sents)
    found = [(c, held[b]) for c, r, b, n in data._summary_alignments(record["right_summary"], held)
             if r[b] >= data.ALIGNED and n and not c.rstrip().endswith("?")]
    return rng.choice(found) if found else None


def numbers(text):
    return {n.replace(",", "") for n in data._NUMBER.findall(text)}


def accept(claim, rewrite, evidence):
    """Why a rewrite is refused, or None: it must keep every number, add no number or capitalised word the
    sentence and passage lack, and reword (keep at most REWORDED_AT_MOST of the sentence's words)."""
    if not 6 <= len(rewrite.split()) <= 60 or rewrite.rstrip().endswith("?") or "\n" in rewrite:
        return "length or form"
    if numbers(rewrite) != numbers(claim):
        return "numbers"
    known = f"{claim} {evidence}"
    if any(not re.search(rf"\b{re.escape(w)}", known) for w in data._capitalised(rewrite, known)):
        return "new name"
    words = set(tokens(claim))
    kept = len(words & set(tokens(rewrite))) / max(1, len(words))
    return "too close" if kept > REWORDED_AT_MOST else None


def generate(out, rows, n):
    from service.loading import load_judge
    from service.settings import Settings

    llm = load_judge(Settings(model="qwen2.5-coder-1.5b", llm_head=False)).llm
    start, stop = (int(x) for x in rows.split("-"))
    order = list(range(start, stop))
    random.Random(0).shuffle(order)
    path = Path(out)
    done = {json.loads(line)["row"] for line in path.open()} if path.exists() else set()
    wanted = set(order[: n * 3])  # enough articles for N sentences: some articles give none
    records = {r: rec for r, rec in data.read_rows(range(start, stop)) if r in wanted and r not in done
               and r not in data.NEWS_TEST_ROWS}
    began, made = time.time(), len(done)
    with path.open("a") as handle:
        for row in order:
            if made >= n:
                break
            if row not in records:
                continue
            found = aligned(row, records[row], random.Random(f"0-{row}-paraphrase"))
            if not found:
                continue
            claim, evidence = found
            text = llm.generate([{"role": "system", "content": SYSTEM}, {"role": "user", "content": claim}], 80)
            rewrite = text.strip().strip('"').strip()
            handle.write(json.dumps({"row": row, "claim": claim, "evidence": evidence, "rewrite": rewrite,
                                     "refused": accept(claim, rewrite, evidence)}) + "\n")
            handle.flush()
            made += 1
            if made % 50 == 0:
                print(f"{made} written, {time.time() - began:.0f} s", flush=True)


def pairs(out):
    """The accepted rewrites as true pairs, each with one detail changed as a false twin (judge.data's changes)."""
    made = []
    for line in open(out):
        r = json.loads(line)
        if r["refused"]:
            continue
        made.append(data.Pair(r["evidence"], r["rewrite"], "true", "paraphrase", r["row"]))
        changed = data.falsify(r["rewrite"], r["evidence"], r["evidence"], random.Random(f"0-{r['row']}-twin"))
        if changed:
            made.append(data.Pair(r["evidence"], changed[0], "false", "paraphrase_" + changed[1], r["row"]))
    return made


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(*sys.argv[2:4], int(sys.argv[4]))
    else:
        rows = [json.loads(line) for line in open(sys.argv[2])]
        from collections import Counter
        print(Counter(r["refused"] for r in rows))
        print(Counter(p.kind for p in pairs(sys.argv[2])))
