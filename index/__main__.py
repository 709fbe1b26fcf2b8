"""Command line: `python -m index build [PATHS...] --out DIR`, `python -m index search "text"`, `bench`."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from index import importer, persist
from index.articles import Article, read_paths
from index.encoder import SentenceTransformerEncoder
from index.lock import DirectoryLock, IndexLocked
from index.search import search
from index.settings import get_index_settings
from index.store import SentenceIndex


def main(argv: list[str] | None = None) -> int:
    settings = get_index_settings()
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build an index from .txt/.jsonl files or folders of them")
    build.add_argument("paths", nargs="*", type=Path, default=[settings.corpus_dir])
    build.add_argument("--out", type=Path, default=settings.index_dir)
    build.add_argument("--update", action="store_true", help="add to the existing index instead of rebuilding")
    find = sub.add_parser("search", help="print the best evidence sentences for a text")
    find.add_argument("text")
    find.add_argument("-k", type=int, default=8)
    find.add_argument("--index", type=Path, default=settings.index_dir)
    find.add_argument("--mode", choices=["hybrid", "dense", "lexical"], default="hybrid")
    bench = sub.add_parser("bench", help="print ingest and search benchmarks")
    bench.add_argument("--sizes", default="10000,100000,1000000", help="synthetic index sizes")
    bench.add_argument("--writes", type=int, metavar="N", help="only the write benchmark, on about N sentences")
    importer.add_arguments(sub.add_parser("import", help=importer.HELP))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build":
        return _build(args.paths, args.out, args.update)
    if args.command == "search":
        return _search(args.text, args.k, args.index, args.mode)
    if args.command == "import":
        return importer.run(args)
    from index.bench import run, writes

    if args.writes:
        return writes(args.writes)
    return run([int(s) for s in args.sizes.split(",") if s])


def _build(paths: list[Path], out: Path, update: bool) -> int:
    settings = get_index_settings()
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    items = list(read_paths(paths, settings.max_article_chars))
    n_articles = sum(isinstance(i, Article) for i in items)
    try:
        # The directory's write lock is held throughout, so a running service (or another build) is never
        # overwritten: the second writer is refused with the holder's pid.
        with DirectoryLock(out):
            encoder = SentenceTransformerEncoder(settings.embedding_model)
            persist.clean_debris(out)
            if update and persist.exists(out):
                index, _ = persist.load_state(out, encoder, settings.exact_search_limit)
            else:
                index = SentenceIndex(encoder, exact_limit=settings.exact_search_limit)
            started = time.perf_counter()
            with tqdm(total=n_articles, unit="article", desc="indexing", file=sys.stderr) as bar:
                report = index.add(items, progress=bar.update)
            meta = persist.replace_all(persist.snapshot_of(index), out)
    except (IndexLocked, persist.IndexCorrupt) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    elapsed = time.perf_counter() - started
    for error in report.errors:
        print(f"skipped {error.origin}: {error.reason}", file=sys.stderr)
    dropped = Counter(d.reason for pieces in report.dropped.values() for d in pieces)
    if dropped:  # what the cleaning left out of the indexed articles (python -m index.audit shows examples)
        print("not indexed: " + ", ".join(f"{n} {why}" for why, n in dropped.most_common()), file=sys.stderr)
    print(
        f"indexed {len(report.added)} new, {len(report.unchanged)} unchanged articles; "
        f"{report.sentences} sentences in {elapsed:.1f}s; {meta['sentences']} sentences from "
        f"{meta['articles']} articles in {out}; {len(report.errors)} skipped"
    )
    return 0 if meta["articles"] else 1


def _search(text: str, k: int, directory: Path, mode: str) -> int:
    settings = get_index_settings()
    try:
        index = persist.load(directory, SentenceTransformerEncoder(settings.embedding_model))
    except (FileNotFoundError, persist.IndexCorrupt) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for rank, hit in enumerate(search(index, text, k, mode), start=1):  # type: ignore[arg-type]
        dense = f"{hit.dense:.3f}" if hit.dense is not None else "-"
        lexical = f"{hit.lexical:.2f}" if hit.lexical is not None else "-"
        print(f"{rank:2d}. [{hit.score:.4f} dense={dense} bm25={lexical}] {hit.sentence.text}")
        sources = ", ".join(hit.sources)
        print(f"    {hit.article.title} ({sources}) chars {hit.sentence.start}-{hit.sentence.end}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
