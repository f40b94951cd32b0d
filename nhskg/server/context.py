"""What every route needs: the settings, the served graph, the query pool and the templates."""
from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from nhskg.server.graphdata import GraphData
from nhskg.server.negotiation import prefers_html
from nhskg.server.pool import QueryPool

TEMPLATES = Path(__file__).parent / "templates"
MAX_BODY = 1_000_000      # bytes: a POSTed query larger than this is refused (413)


@dataclass
class Settings:
    """``nhskg serve`` options. The defaults are the safe ones for a laptop."""

    out: Path
    timeout: float = 30.0          # seconds per query, enforced by killing the worker
    max_results: int = 10_000      # rows (or triples) per answer; more are cut, with a header saying so
    workers: int = 2               # processes running user-written SPARQL
    memory: bool = False           # query copies of the graph in memory (faster; a load per process)


class Context:
    def __init__(self, settings: Settings, graph: GraphData | None = None, pool: QueryPool | None = None) -> None:
        self.settings = settings
        self.graph = graph or GraphData(settings.out, settings.memory)
        self.pool = pool or QueryPool(settings.workers)
        # autoescape everything: labels and quotes come from documents and must not become markup
        self.templates = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                                     autoescape=select_autoescape(default=True, default_for_string=True))

    def html(self, name: str, status: int = 200, headers: dict[str, str] | None = None, **values: Any) -> HTMLResponse:
        body = self.templates.get_template(name).render(**values)
        return HTMLResponse(body, status_code=status, headers=headers)


def ctx(request: Request) -> Context:
    return request.app.state.ctx


def error(request: Request, status: int, message: str, *, search: str | None = None,
          headers: dict[str, str] | None = None) -> Response:
    """An error as HTML for a browser, plain text for everyone else (SPARQL clients print it)."""
    reason = HTTPStatus(status).phrase
    if prefers_html(request.headers.get("accept")):
        return ctx(request).html("error.html", status, headers, code=status, reason=reason, message=message,
                                 search=search)
    text = message + (f"\nSearch: /search?q={quote(search)}" if search else "") + "\n"
    return PlainTextResponse(text, status_code=status, headers=headers)
