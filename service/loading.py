"""Build the real verifier from settings: model, encoder, and index (built from the corpus on first start)."""

from __future__ import annotations

import contextlib
import logging
import time

from index import persist
from index.articles import read_paths
from index.encoder import SentenceTransformerEncoder
from index.lock import IndexLocked
from index.store import SentenceIndex
from index.writer import IndexWriter
from judge import head as heads
from judge.model import WEIGHTS_DIR, CrossEncoderJudge
from service import aggregate
from service.aggregate import Aggregator
from service.judge import LlamaJudge, TrainedReader
from service.llm import HIDDEN_READING, LocalLLM
from service.models import resolve_model
from service.prompts import ENTAIL
from service.settings import Settings
from service.verifier import Verifier

log = logging.getLogger(__name__)
BUILD_WAIT_S = 120


def open_index(settings: Settings, encoder: SentenceTransformerEncoder) -> IndexWriter:
    """The index directory opened for writing (this process holds its lock until closed): the saved index with
    its log replayed, or, only if the directory is empty, a new one built from the corpus. A directory that
    holds data but no loadable `current` is an error (IndexCorrupt), never rebuilt over."""
    return IndexWriter.open(
        settings.index_dir,
        encoder,
        settings.exact_search_limit,
        corpus=lambda: read_paths([settings.corpus_dir], settings.max_article_chars),
    )


def load_index(settings: Settings, encoder: SentenceTransformerEncoder) -> SentenceIndex:
    """The saved index, read without taking the write lock (readers may share a directory); an empty
    directory is first built from the corpus, holding the lock only for that."""
    if persist.layout(settings.index_dir) == "empty":
        with contextlib.suppress(IndexLocked):  # someone else is building it: wait a while for their snapshot
            open_index(settings, encoder).close()
    for _ in range(BUILD_WAIT_S):
        if persist.layout(settings.index_dir) == "index":
            break
        time.sleep(1)
    return persist.load(settings.index_dir, encoder, settings.exact_search_limit)


def load_judge(settings: Settings) -> LlamaJudge:
    model = resolve_model(settings.model, settings.model_cache_dir)
    llm = LocalLLM(
        str(model.path), n_ctx=settings.n_ctx, n_threads=settings.n_threads, prefix_cache_mb=settings.prefix_cache_mb
    )
    head = None
    path = heads.head_path(model.preset)
    if settings.llm_head and path.is_file():
        head = heads.load(path, model.sha256, HIDDEN_READING)
    return LlamaJudge(llm, preset=model.preset, sha256=model.sha256, head=head, prompt=settings.llm_prompt)


def load_reader(settings: Settings) -> TrainedReader:
    """The trained judge (fails clearly if its weights do not match their card or the base model)."""
    return TrainedReader(CrossEncoderJudge(settings.judge_dir or WEIGHTS_DIR, threads=settings.n_threads))


def load_aggregator(
    settings: Settings, preset: str, judge_sha256: str | None = None, head_sha256: str | None = None
) -> Aggregator:
    """The weights named in settings, else those shipped for the model preset. Weights fitted on another trained
    judge's readings, or on the LLM read another way (with or without its head), still load, with a warning:
    refit them (`make fit`)."""
    aggregator = aggregate.load(settings.aggregator or aggregate.weights_path(preset, head=bool(head_sha256)))
    if head_sha256 is not None and aggregator.meta.get("llm_head_sha256", "") != head_sha256:
        log.warning(
            "the verdict weights for %s were fitted on the local LLM read another way (through its trained head or "
            "by its answer words' log-probabilities); refit them with `make fit MODEL=%s`",
            preset,
            preset,
        )
    if settings.llm_statements is not None and settings.llm_statements != aggregator.llm_statements:
        log.warning(
            "the local LLM reads %d statements a claim (CLAIMS_LLM_STATEMENTS) but the verdict weights for %s were "
            "fitted with %d; refit them with `make fit MODEL=%s` under the same setting",
            settings.llm_statements,
            preset,
            aggregator.llm_statements,
            preset,
        )
    if settings.llm_prompt is not None and settings.llm_prompt != aggregator.llm_prompt:
        log.warning(
            "the local LLM is asked with prompt %r (CLAIMS_LLM_PROMPT) but the verdict weights for %s were fitted on "
            "%r; refit them with `make fit MODEL=%s` under the same setting",
            settings.llm_prompt,
            preset,
            aggregator.llm_prompt,
            preset,
        )
    fitted_on = aggregator.meta.get("judge_sha256")
    if judge_sha256 and fitted_on and fitted_on != judge_sha256:
        log.warning(
            "the verdict weights for %s were fitted on another trained judge (%s, this one is %s); refit them with "
            "`make fit MODEL=%s`",
            preset,
            str(fitted_on)[:12],
            judge_sha256[:12],
            preset,
        )
    return aggregator


def ask_as_fitted(judge: LlamaJudge, aggregator: Aggregator, setting: str | None = None) -> None:
    """Ask the local LLM with the prompt its verdict weights were fitted on, unless a prompt is set
    (`CLAIMS_LLM_PROMPT`; `load_aggregator` warns where it differs from the weights); a head fitted on another
    prompt's hidden states is still read, with a warning."""
    prompt = setting or aggregator.llm_prompt
    head_prompt = (judge.head.prompt or ENTAIL) if judge.head is not None else prompt
    if head_prompt != prompt:
        log.warning(
            "the LLM head for %s was fitted on prompt %r, the LLM is asked with %r; refit the head (`make head`)",
            judge.preset,
            head_prompt,
            prompt,
        )
    judge.ask(prompt)


def load_verifier(
    settings: Settings,
    fitted: bool = True,
    judges: tuple[TrainedReader, LlamaJudge] | None = None,
    *,
    writable: bool = False,
) -> Verifier:
    """Everything the service needs, loaded once; fitted=False skips the aggregator (to fit one); `judges`
    reuses judges already loaded (one process evaluating several archives); writable=True (the service) holds
    the index directory's write lock from the start, so a second writer is refused at once."""
    encoder = SentenceTransformerEncoder(settings.embedding_model)
    writer = open_index(settings, encoder) if writable else None
    try:
        index = writer.index if writer else load_index(settings, encoder)
        reader, judge = judges or (load_reader(settings), load_judge(settings))
        aggregator = load_aggregator(settings, judge.preset, reader.sha256, judge.head_sha256) if fitted else None
        if aggregator is not None:
            ask_as_fitted(judge, aggregator, settings.llm_prompt)
    except BaseException:
        if writer:
            writer.close()
        raise
    if not index.lexical_current:  # a large archive's BM25 (a minute at 1M sentences): claims need not wait
        index.build_lexical_in_background()
    return Verifier(index, reader, judge, settings, aggregator, writer=writer)


def load_service_verifier(settings: Settings) -> Verifier:
    """The service's verifier: the index opened for writing."""
    return load_verifier(settings, writable=True)
