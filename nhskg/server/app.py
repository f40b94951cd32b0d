"""The ASGI application: routes, the query pool's lifetime, and safety headers.

Starlette + uvicorn: Starlette is a small, well-maintained ASGI toolkit (routing, requests,
responses, a threadpool for blocking calls) without the validation and OpenAPI machinery a
JSON API framework brings, which a SPARQL endpoint and HTML pages do not need; uvicorn is its
standard server. pyoxigraph calls block, so every query runs off the event loop: page queries in
Starlette's threadpool, user-written SPARQL in killable worker processes (see ``pool``).
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Route

from nhskg.server import pages, protocol, resources
from nhskg.server.context import Context, Settings

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
HTML_CSP = (b"content-security-policy",
            b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'")


class SafetyHeaders:
    """Pure ASGI middleware: no sniffing, no framing, and no script at all on HTML pages."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += SECURITY_HEADERS
                if any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    headers.append(HTML_CSP)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings, context: Context | None = None) -> Starlette:
    """The application for ``settings`` (opens the current build now, so errors show at start)."""
    ctx = context or Context(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await ctx.pool.start()
        try:
            yield
        finally:
            await ctx.pool.close()

    routes = [
        Route("/", pages.home),
        Route("/search", pages.search),
        Route("/sparql", protocol.sparql, methods=["GET", "POST"]),
        Route("/queries", pages.queries_index),
        Route("/queries/{name}", pages.named_query),
        Route("/download/", pages.downloads_index),
        Route("/download/{name}", pages.download),
        Route("/.well-known/void", pages.well_known_void),
        Route("/{path:path}", resources.resource),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.ctx = ctx
    app.add_middleware(SafetyHeaders)
    return app
