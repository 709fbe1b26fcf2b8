"""The real-news benchmark, end to end: an archive of HaluEval summarization's reserved rows (CNN/DailyMail articles
8000 onward, never trained or tuned on), and each sampled article's faithful and hallucinated summary verified
cold against the whole archive. Faithful should come back `supported`; hallucinated anything else."""

from __future__ import annotations

import json
import random
import resource
import statistics
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval import metrics
from index.articles import Article
from index.log import write_atomically
from judge.data import RESERVED_ROWS, read_rows
from service.errors import BadInput
from service.verifier import Verifier


def article_id(row: int) -> str:
    return f"halueval-sum-{row}"


def reserved_articles(n: int) -> Iterable[tuple[int, dict[str, str], Article]]:
    """The first n reserved-row articles, each with its HaluEval record."""
    if not 1 <= n <= len(RESERVED_ROWS):
        raise ValueError(f"the reserved rows hold {len(RESERVED_ROWS)} articles; asked for {n}")
    for row, record in read_rows(range(RESERVED_ROWS.start, RESERVED_ROWS.start + n)):
        yield row, record, Article(article_id(row), f"CNN/DailyMail story (row {row})", record["document"], "CNN/DM")


def write_corpus(path: Path, articles: int, first: Iterable[str] = ()) -> Path:
    """A JSON Lines corpus of `first` lines (already JSON) and the first `articles` reserved-row articles."""
    if not path.is_file():
        reserved = [json.dumps(a.to_dict(), ensure_ascii=False) for _, _, a in reserved_articles(articles)]
        write_lines(path, [*first, *reserved])
    return path


def write_lines(path: Path, lines: list[str]) -> None:
    """Lines written whole or not at all (a temporary file renamed into place), folders made as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, ("\n".join(lines) + "\n").encode())


def cases(articles: int, sample: int, seed: int) -> list[dict[str, Any]]:
    """Two claims for each of `sample` articles drawn from the archive: the faithful and the hallucinated summary."""
    records = [(row, record) for row, record, _ in reserved_articles(articles)]
    chosen = sorted(random.Random(seed).sample(records, min(sample, len(records))), key=lambda rr: rr[0])
    out = []
    for row, record in chosen:
        for faithful, field in ((True, "right_summary"), (False, "hallucinated_summary")):
            kind = "faithful" if faithful else "hallucinated"
            out.append({"key": f"{row}-{kind}", "row": row, "faithful": faithful, "claim": record[field]})
    return out


def verify_case(verifier: Verifier, case: dict[str, Any]) -> dict[str, Any]:
    """One summary verified; where its own article stood among the retrieved and the cited statements."""
    started = time.perf_counter()
    try:
        verdict, hits = verifier.assess(case["claim"])  # trimmed and checked as /verify does
    except BadInput as error:  # longer than the service accepts: reported, not scored
        return case | {"skipped": str(error)}
    seconds = time.perf_counter() - started
    source = article_id(case["row"])
    return case | {
        "label": verdict.label,
        "confidence": verdict.confidence,
        "seconds": round(seconds, 4),
        "retrieved_source": any(source in h.sources for h in hits),
        "cited_source": any(c.article_id == source or source in c.also_in for c in verdict.citations),
    }


def run(verifier: Verifier, todo: list[dict[str, Any]], results: Path) -> list[dict[str, Any]]:
    """Every case not yet in `results` (JSON Lines, appended as each finishes: an interrupted run resumes)."""
    done = {}
    if results.is_file():
        for line in results.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            done[row["key"]] = row
    with results.open("a", encoding="utf-8") as out:
        for case in tqdm([c for c in todo if c["key"] not in done], desc="summaries", unit="claim"):
            row = verify_case(verifier, case)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
            done[row["key"]] = row
    return [done[c["key"]] for c in todo]


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Balanced accuracy (faithful -> supported; hallucinated -> anything else), evidence recall, latency, memory."""
    scored = [r for r in rows if "skipped" not in r]
    faithful = [r for r in scored if r["faithful"]]
    seconds = [r["seconds"] for r in scored]
    return {
        "claims": len(rows),
        "skipped": len(rows) - len(scored),
        "balanced_accuracy": metrics.balanced_accuracy(
            [r["faithful"] for r in scored], [r["label"] == "supported" for r in scored]
        ),
        "faithful_supported": metrics.mean([float(r["label"] == "supported") for r in faithful]),
        "hallucinated_supported": metrics.mean([float(r["label"] == "supported") for r in scored if not r["faithful"]]),
        "evidence_recall_retrieved": metrics.mean([float(r["retrieved_source"]) for r in faithful]),
        "evidence_recall_cited": metrics.mean([float(r["cited_source"]) for r in faithful]),
        "latency_p50_s": statistics.median(seconds) if seconds else None,
        "latency_p95_s": metrics.percentile(seconds, 95) if seconds else None,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "labels": {label: sum(r["label"] == label for r in scored) for label in metrics.LABELS},
    }
