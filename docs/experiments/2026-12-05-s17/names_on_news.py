"""How often `unknown_names` fires on HaluEval summarization's faithful and hallucinated summaries (training rows
0-N, never the reserved 8000-9999) against an archive of those articles: the vocabulary of all N articles, as the
service's is its whole archive's, and, stricter, the summary's own article alone. `names_on_news.py [N]`."""
import collections
import sys

from index.lexical import tokens
from judge.data import read_rows
from service.checks import unknown_names

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4500
rows = [(r, set(tokens(r["document"]))) for _, r in read_rows(range(n))]
archive = set().union(*(own for _, own in rows))
counts, words = collections.Counter(), collections.Counter()
for r, own in rows:
    for kind in ("right_summary", "hallucinated_summary"):
        for scope, vocab in (("archive", archive), ("own article", own)):
            found = unknown_names(r[kind], vocab)
            counts[(kind, scope)] += bool(found)
            if scope == "archive" and kind == "right_summary":
                words.update(found)
for (kind, scope), v in sorted(counts.items()):
    print(f"{kind:22s} vocabulary of {scope:12s}: flagged {v} of {n} ({v / n:.1%})")
print("faithful summaries' words unknown to the archive:", words.most_common(30))
