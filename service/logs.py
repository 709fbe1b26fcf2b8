"""Logging: quiet libraries, text or JSON lines, and a request id on every line logged while serving a request
(also sent back in the X-Request-ID header)."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
HANDLER_NAME = "claimcheck"
# Libraries that log per request or per batch at INFO (sentence-transformers also shows a progress bar per
# encode call whenever its logger is at INFO or DEBUG); they speak only of warnings and errors.
LIBRARIES = (
    "sentence_transformers",
    "transformers",
    "huggingface_hub",
    "torch",
    "faiss",
    "bm25s",
    "httpx",
    "httpcore",
    "urllib3",
    "filelock",
    "llama_cpp",
    "multipart",
    "python_multipart",
)
_SANE_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access = logging.getLogger("service.access")


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being served (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id (and the traceback, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if getattr(record, "request_id", None) is None:
            record.request_id = "-"
        return super().format(record)


def configure(level: str = "INFO", fmt: str = "text", stream: IO[str] | None = None) -> None:
    """Send every log line to one handler (stderr) in the chosen format; quiet the libraries. Idempotent."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    quiet_libraries()
    # uvicorn's own lines go through the same handler (format, request id); its access line is replaced by ours.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


def quiet_libraries() -> None:
    """Libraries log warnings and errors only, and draw no progress bars."""
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def sane_id(value: str | None) -> str | None:
    """A client's request id if it is short and plain (it is echoed into headers and logs), else None."""
    return value if value is not None and _SANE_ID.match(value) else None


class RequestContext:
    """ASGI middleware: gives each HTTP request an id (the client's X-Request-ID if sane), exposes it to every log
    line written while serving it, returns it in X-Request-ID, and logs one access line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k.lower() == b"x-request-id"), None)
        rid = sane_id(given) or uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            access.info("%s %s %d %.3fs", scope["method"], scope["path"], status, elapsed)
            request_id.reset(token)
