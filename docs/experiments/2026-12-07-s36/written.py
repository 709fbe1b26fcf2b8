"""Session 36's written claims of the hard kinds: blind files for the second readers, then the kept claims.

`written.py blind [WRITERS]`: for each writer's file var/s36/written/claims-<W>.jsonl, var/s36/blind/claims-<W>.jsonl with each
claim's id, text and article only (no label, no evidence, no tags), in a seeded random order within each article, for a second reader who labels it from the article.
`written.py keep`: reads the readers' var/s36/read/claims-<W>.jsonl ({"id", "label", "note"}), prints agreement by
label and tag, and writes the claims on which writer and reader agree (but those tagged DROPPED_TAG), byte for byte as written, to
var/s36/kept/claims-<W>.jsonl, copied to judge/written/ once the recipe may read them (a claim the reader did not label is dropped). Run from the repository root."""

import collections
import json
import random
import sys
from pathlib import Path

WRITERS = "IJKL"
SEED = 36
# A statement given to someone the article does not say made it was written and read as not_enough_info, as this
# session's guides say, but the labeled sets' guides count a changed "who did what" as refuted: such claims teach
# the head a convention the sets it is measured on do not share, so they are not kept (amendment to rule 25).
DROPPED_TAG = "attribution"
WRITTEN, BLIND, READ, KEPT = Path("var/s36/written"), Path("var/s36/blind"), Path("var/s36/read"), Path("var/s36/kept")


def lines(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def blind(writers=WRITERS):
    BLIND.mkdir(parents=True, exist_ok=True)
    for w in writers:
        claims = [json.loads(line) for line in lines(WRITTEN / f"claims-{w}.jsonl")]
        out = [{"id": c["id"], "claim": c["claim"], "article": c["evidence"][0]["article"]} for c in claims]
        # each article's claims in a seeded random order, so the writers' order (by label) tells the reader nothing
        order = list(dict.fromkeys(o["article"] for o in out))
        random.Random(f"{SEED}-{w}").shuffle(out)
        out.sort(key=lambda o: order.index(o["article"]))
        (BLIND / f"claims-{w}.jsonl").write_text("".join(json.dumps(o) + "\n" for o in out), encoding="utf-8")
        print(w, len(out), "claims to read")


def keep():
    agree, total = collections.Counter(), collections.Counter()
    by_tag, tag_total = collections.Counter(), collections.Counter()
    confusion = collections.Counter()
    dropped = 0
    for w in WRITERS:
        written = lines(WRITTEN / f"claims-{w}.jsonl")
        read = {r["id"]: r for r in map(json.loads, lines(READ / f"claims-{w}.jsonl"))}
        kept = []
        for line in written:
            c = json.loads(line)
            theirs = read.get(c["id"], {}).get("label")
            total[c["label"]] += 1
            confusion[(c["label"], theirs)] += 1
            for t in c.get("tags", []):
                tag_total[t] += 1
            if theirs == c["label"]:
                agree[c["label"]] += 1
                if DROPPED_TAG in c.get("tags", []):
                    dropped += 1
                    continue
                for t in c.get("tags", []):
                    by_tag[t] += 1
                kept.append(line)
        (KEPT / f"claims-{w}.jsonl").write_text("".join(k + "\n" for k in kept), encoding="utf-8")
        print(w, len(kept), "of", len(written), "kept")
    print("agreed but dropped as", DROPPED_TAG, dropped)
    for label in total:
        print(f"{label}: {agree[label]} of {total[label]} agreed")
    for tag in sorted(tag_total):
        print(f"  tag {tag}: {by_tag[tag]} of {tag_total[tag]}")
    print("writer -> reader:", dict(confusion))


if __name__ == "__main__":
    {"blind": blind, "keep": keep}[sys.argv[1]](*sys.argv[2:])
