"""The page for reporters at `/` and its two assets; plain files from service/static, no build step."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, Request, Response

from service.errors import NotFound

STATIC = Path(__file__).resolve().parent.parent / "static"
ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
# Loading the page needs no API key: it holds no data, and asks for the key when an API call answers 401.
PUBLIC_PATHS = {"/", *(f"/static/{name}" for name in ASSETS)}

router = APIRouter(include_in_schema=False)


@router.get("/")
async def page(request: Request) -> Response:
    return _file(request, "index.html", "text/html; charset=utf-8")


@router.get("/static/{name}")
async def asset(request: Request, name: str) -> Response:
    if name not in ASSETS:
        raise NotFound(f"no asset {name!r}")
    return _file(request, name, ASSETS[name])


def _file(request: Request, name: str, media_type: str) -> Response:
    """The file with an ETag, so a reload revalidates cheaply (304) and never shows a stale asset."""
    body = (STATIC / name).read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
