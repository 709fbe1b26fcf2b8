"""The HTTP API: an app factory, a lifespan that loads models once, thin handlers, one error shape."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from service import logs
from service.audit import AuditLog, open_audit
from service.claimreview import claimreview
from service.deadline import BodyDeadline
from service.errors import BadInput, NotReady, Overloaded, ServiceError, TooLarge, Unauthorized
from service.metrics import Metrics
from service.openapi import DOC_PATHS, METRICS_RESPONSES, VERIFY_RESPONSES, document
from service.routes.page import PUBLIC_PATHS
from service.schemas import (
    ArticleIn,
    ArticleOut,
    ArticleWrite,
    BatchRequest,
    BatchResponse,
    ErrorResponse,
    Health,
    Ready,
    Verdict,
    VerifyRequest,
    request_models,
)
from service.settings import Settings, get_settings
from service.verifier import Verifier

log = logging.getLogger(__name__)
Loader = Callable[[Settings], Verifier]
Handler = TypeVar("Handler", bound=Callable[..., Any])
LOAD_FAILED = "the model or index failed to load; see the service log"  # the reason, with paths, is logged only
OPEN_PATHS = {"/health", *PUBLIC_PATHS, *DOC_PATHS}


class State:
    """What the lifespan loaded, and the admission counter that bounds the queue."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.verifier: Verifier | None = None
        self.failure: str | None = None
        self.metrics = Metrics()
        self.audit: AuditLog | None = None
        self._inflight = 0
        self._lock = threading.Lock()

    def admit(self, cost: int = 1) -> None:
        with self._lock:
            if self._inflight + cost > self.settings.max_queue:
                self.metrics.rejected.inc()
                raise Overloaded("too many verifications waiting; retry shortly", retry_after=2)
            self._inflight += cost
            self.metrics.queue.set(self._inflight)

    def observe(self, verdict: Verdict) -> None:
        t = verdict.provenance.timings
        self.metrics.stage.labels("retrieve").observe(t.retrieve_s)
        self.metrics.stage.labels("judge").observe(t.judge_s)
        self.metrics.stage.labels("verify").observe(t.total_s)
        self.metrics.verdicts.labels(verdict.label).inc()
        if self.audit is not None:
            self.audit.record(verdict, logs.request_id.get())

    def release(self, cost: int = 1) -> None:
        with self._lock:
            self._inflight -= cost
            self.metrics.queue.set(self._inflight)


def _load_in_background(state: State, loader: Loader) -> None:
    try:
        state.verifier = loader(state.settings)
        log.info("ready")
    except Exception:  # any failure must show in /ready, not kill the process silently
        log.exception("loading failed")
        state.failure = LOAD_FAILED
        return
    if state.settings.prewarm:
        state.verifier.prewarm()  # serves requests meanwhile: each step holds the model lock only briefly


def create_app(
    settings: Settings | None = None, *, verifier: Verifier | None = None, loader: Loader | None = None
) -> FastAPI:
    """Build the app; give `verifier` (tests) or `loader` (default: the real models, loaded in the background)."""
    settings = settings or get_settings()
    if not logging.getLogger().handlers:  # nobody set logging up (`uvicorn service.app:create_app --factory`)
        logs.configure(settings.log_level, settings.log_format)
    logs.quiet_libraries()
    state = State(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.audit = await run_in_threadpool(open_audit, settings)
        if verifier is not None:
            state.verifier = verifier
        else:
            from service.loading import load_service_verifier

            load = loader or load_service_verifier
            threading.Thread(target=_load_in_background, args=(state, load), daemon=True).start()
        yield
        if state.audit is not None:
            await run_in_threadpool(state.audit.close)
        if state.verifier is not None:
            await run_in_threadpool(state.verifier.close)  # releases the index directory's write lock

    app = FastAPI(
        title="claimcheck",
        description="Verify claims against a local news archive with a local language model.",
        version="0.1.0",
        lifespan=lifespan,
        responses={code: {"model": ErrorResponse} for code in (401, 404, 413, 422, 503, 507)},
    )
    app.state.claims = state
    # Inside the guard: its 408 is raised where the handler reads the body and goes through the error handlers.
    app.add_middleware(BodyDeadline, seconds=settings.body_timeout_s)
    _install_middleware(app, state)
    _install_error_handlers(app)
    _install_routes(app)
    from service.routes import articles, feedback, jobs, page  # here: they import this module's dependencies

    for module in (page, jobs, feedback, articles):
        app.include_router(module.router)
    app.add_middleware(logs.RequestContext)  # outermost: every response, errors included, gets X-Request-ID
    document(app, settings, OPEN_PATHS)
    return app


def get_state(request: Request) -> State:
    state: State = request.app.state.claims
    return state


def get_verifier(state: Annotated[State, Depends(get_state)]) -> Verifier:
    if state.verifier is None:
        detail = state.failure or "models and index are still loading"
        raise NotReady(detail, retry_after=5 if not state.failure else 60)
    return state.verifier


StateDep = Annotated[State, Depends(get_state)]
VerifierDep = Annotated[Verifier, Depends(get_verifier)]


def _install_middleware(app: FastAPI, state: State) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        try:
            _check_size(request, state.settings.max_body_bytes)
            _check_key(request, state.settings)
            response = await call_next(request)
        except ServiceError as exc:
            response = error_response(exc)
        route = request.scope.get("route")
        path = getattr(route, "path", "unmatched")
        state.metrics.requests.labels(path, str(response.status_code)).inc()
        state.metrics.stage.labels("http").observe(time.perf_counter() - started)
        return response


def _check_size(request: Request, limit: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise TooLarge(f"request body over the limit of {limit} bytes")
    if length is None and request.headers.get("transfer-encoding"):
        raise TooLarge("chunked request bodies are not accepted; send Content-Length")


def _check_key(request: Request, settings: Settings) -> None:
    if settings.api_key is None or request.url.path in OPEN_PATHS:
        return
    given = request.headers.get("x-api-key", "")
    if not secrets.compare_digest(given.encode(), settings.api_key.get_secret_value().encode()):
        raise Unauthorized("missing or wrong X-API-Key header")


def error_response(exc: ServiceError) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
    body = {"error": {"type": exc.type, "message": exc.message}}
    return JSONResponse(body, status_code=exc.status, headers=headers)


def _problem(error: Any) -> str:
    """One validation error as `field: what is wrong`."""
    if error["type"] == "json_invalid":
        reason = error.get("ctx", {}).get("error", "decode error")
        return f"the request body is not valid JSON: {reason} at character {error['loc'][-1]}"
    return f"{'.'.join(str(p) for p in error['loc'] if p != 'body')}: {error['msg']}"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(BadInput("; ".join(map(_problem, exc.errors())) or "invalid request"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI could not read the body: not JSON in UTF-8
            return error_response(BadInput("the request body is not valid JSON (UTF-8)"))
        kinds = {404: "not_found", 405: "method_not_allowed", 408: "request_timeout"}
        error = ServiceError(str(exc.detail))
        error.status, error.type = exc.status_code, kinds.get(exc.status_code, "http_error")
        response = error_response(error)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(ServiceError("internal error; see the service log"))


def bounded(model: type[BaseModel]) -> Callable[[Handler], Handler]:
    """Validate a handler's `body` with `model`: a request model bounded by this app's settings, built at start."""

    def use(handler: Handler) -> Handler:
        handler.__annotations__["body"] = model  # read by FastAPI when the route is added, below this decorator
        return handler

    return use


def _install_routes(app: FastAPI) -> None:
    verify_body, batch_body = request_models(app.state.claims.settings)

    @app.get("/health", response_model=Health, tags=["operations"], summary="Is the process alive")
    async def health() -> Health:
        """Always 200 while the process runs, models loaded or not; never needs the API key."""
        return Health(status="ok")

    @app.head("/health", response_class=Response, tags=["operations"], summary="Is the process alive (no body)")
    async def health_head() -> Response:
        """GET /health without the body, for load balancers and probes."""
        return Response(status_code=200)

    @app.get(
        "/ready", response_model=Ready, responses={503: {"model": Ready}}, tags=["operations"], summary="Can it verify"
    )
    async def ready(state: StateDep) -> Response:
        """200 with the archive's size once the models and index are loaded; 503 (`loading` or `failed`, with the
        reason) before, with Retry-After."""
        if state.verifier is None:
            body = Ready(status="failed" if state.failure else "loading", detail=state.failure).model_dump_json()
            return Response(body, status_code=503, media_type="application/json", headers={"Retry-After": "5"})
        return Response(state.verifier.readiness().model_dump_json(), media_type="application/json")

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics",
        response_class=PlainTextResponse,
        responses=METRICS_RESPONSES,
    )
    async def metrics(state: StateDep) -> Response:
        """Counters and histograms in the Prometheus text format (not JSON), for scraping."""
        return Response(state.metrics.render(), media_type="text/plain; version=0.0.4")

    @app.post(
        "/verify", response_model=Verdict, tags=["verification"], summary="Verify one claim", responses=VERIFY_RESPONSES
    )
    @bounded(verify_body)
    async def verify(
        body: VerifyRequest,
        verifier: VerifierDep,
        state: StateDep,
        format: Literal["json", "claimreview"] = Query(
            "json", description="`json`: the Verdict; `claimreview`: schema.org ClaimReview JSON-LD for a CMS."
        ),
    ) -> Response:
        """Retrieve the archive's sentences closest to the claim, judge each, and answer a verdict with citations
        (sentence, article, character offsets). 503 with Retry-After when too many verifications are waiting."""
        state.admit()
        try:
            verdict = await run_in_threadpool(verifier.verify, body.claim, body.top_k, body.rationale)
        finally:
            state.release()
        state.observe(verdict)
        return _verdict_response(verdict, format)

    @app.post("/verify/batch", response_model=BatchResponse, tags=["verification"], summary="Verify a few claims")
    @bounded(batch_body)
    async def verify_batch(body: BatchRequest, verifier: VerifierDep, state: StateDep) -> BatchResponse:
        """Up to CLAIMS_MAX_BATCH claims in one request, verdicts in the same order; the whole batch is refused (422)
        if any claim is invalid. For many claims use the batch jobs (`/jobs`)."""
        # A batch is served one claim at a time; it takes at most the whole queue, so an idle service accepts it.
        cost = min(len(body.claims), state.settings.max_queue)
        state.admit(cost)
        try:
            results = await run_in_threadpool(verifier.verify_many, body.claims)
        finally:
            state.release(cost)
        for verdict in results:
            state.observe(verdict)
        return BatchResponse(results=results)

    @app.post("/articles", response_model=ArticleWrite, tags=["articles"], summary="Add or replace an article")
    async def put_article(body: ArticleIn, verifier: VerifierDep) -> ArticleWrite:
        """The article is split into sentences, indexed and saved before this answers; the same id with other text
        replaces it (`replaced`), the same text changes nothing (`unchanged`)."""
        return await run_in_threadpool(verifier.upsert_article, body)

    @app.get("/articles/{article_id}", response_model=ArticleOut, tags=["articles"], summary="Read one article")
    async def get_article(article_id: str, verifier: VerifierDep) -> ArticleOut:
        """The article's text exactly as indexed: citation offsets (`start`, `end`) point into `text`."""
        return await run_in_threadpool(verifier.get_article, article_id)  # it waits for a write in progress

    @app.delete("/articles/{article_id}", response_model=ArticleWrite, tags=["articles"], summary="Delete an article")
    async def delete_article(article_id: str, verifier: VerifierDep) -> ArticleWrite:
        """Removed from the index and the saved archive at once; later verdicts cannot cite it."""
        return await run_in_threadpool(verifier.delete_article, article_id)


def _verdict_response(verdict: Verdict, format: str) -> Response:
    if format == "claimreview":
        return JSONResponse(claimreview(verdict), media_type="application/ld+json")
    return Response(verdict.model_dump_json(), media_type="application/json")
