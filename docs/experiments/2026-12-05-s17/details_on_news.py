"""How often `detail_conflicts` fires on the trained judge's sentence pairs by kind (`make train`'s pairs: real
CNN/DailyMail sentences from training rows 0-4499, never the seeds or the reserved rows): on faithful summary
sentences, copies and numbers written another way it should not, on changed numbers and dates it should.
`details_on_news.py PAIRS.jsonl` (e.g. the pairs file `python -m judge train --work DIR` writes)."""
import collections
import json
import sys

from service.checks import detail_conflicts

fired, n = collections.Counter(), collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    pair = json.loads(line)
    kinds = detail_conflicts(pair["claim"], pair["evidence"])
    n[(pair["label"], pair["kind"])] += 1
    fired[(pair["label"], pair["kind"])] += bool(kinds)
for key in sorted(n):
    print(f"{key[0]:8s} {key[1]:12s} pairs {n[key]:5d}  a detail conflict {fired[key]:4d} ({fired[key] / n[key]:.1%})")
