"""Build the real verifier from settings: model, encoder, and index (built from the corpus on first start)."""

from __future__ import annotations

import logging
import time

from index import persist
from index.articles import read_paths
from index.encoder import SentenceTransformerEncoder
from index.store import SentenceIndex
from judge.model import WEIGHTS_DIR, CrossEncoderJudge
from service import aggregate
from service.aggregate import Aggregator
from service.judge import LlamaJudge, TrainedReader
from service.llm import LocalLLM
from service.models import resolve_model
from service.settings import Settings
from service.verifier import Verifier

log = logging.getLogger(__name__)


def load_index(settings: Settings, encoder: SentenceTransformerEncoder) -> SentenceIndex:
    """The saved index, or a new one built from the corpus directory and saved."""
    if persist.exists(settings.index_dir):
        return persist.load(settings.index_dir, encoder, settings.exact_search_limit)
    started = time.perf_counter()
    index = SentenceIndex(encoder, exact_limit=settings.exact_search_limit)
    report = index.add(read_paths([settings.corpus_dir], settings.max_article_chars))
    for error in report.errors:
        log.warning("skipped %s: %s", error.origin, error.reason)
    persist.save(index, settings.index_dir)
    log.info(
        "built index of %d sentences from %d articles in %.1fs",
        report.sentences,
        len(report.added),
        time.perf_counter() - started,
    )
    return index


def load_judge(settings: Settings) -> LlamaJudge:
    model = resolve_model(settings.model, settings.model_cache_dir)
    llm = LocalLLM(
        str(model.path), n_ctx=settings.n_ctx, n_threads=settings.n_threads, prefix_cache_mb=settings.prefix_cache_mb
    )
    return LlamaJudge(llm, preset=model.preset, sha256=model.sha256)


def load_reader(settings: Settings) -> TrainedReader:
    """The trained judge (fails clearly if its weights do not match their card or the base model)."""
    return TrainedReader(CrossEncoderJudge(settings.judge_dir or WEIGHTS_DIR, threads=settings.n_threads))


def load_aggregator(settings: Settings, preset: str) -> Aggregator:
    """The weights named in settings, else those shipped for the model preset."""
    return aggregate.load(settings.aggregator or aggregate.weights_path(preset))


def load_verifier(
    settings: Settings, fitted: bool = True, judges: tuple[TrainedReader, LlamaJudge] | None = None
) -> Verifier:
    """Everything the service needs, loaded once; fitted=False skips the aggregator (to fit one); `judges`
    reuses judges already loaded (one process evaluating several archives)."""
    encoder = SentenceTransformerEncoder(settings.embedding_model)
    index = load_index(settings, encoder)
    reader, judge = judges or (load_reader(settings), load_judge(settings))
    aggregator = load_aggregator(settings, judge.preset) if fitted else None
    return Verifier(index, reader, judge, settings, aggregator)
