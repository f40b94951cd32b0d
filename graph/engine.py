"""Running SPARQL: the embedded store by default, any SPARQL 1.1 endpoint through SPARQLWrapper.

Both engines take the same query text and the same bindings (variable name -> rdflib term) and
return rdflib terms, so every command works unchanged against either. Bindings are never pasted
into the query as text by the embedded engine (pyoxigraph substitutes them as terms); the remote
engine sends them as a VALUES block of escaped RDF terms.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.error import HTTPError

import pyoxigraph as ox
from rdflib import Graph, URIRef

from nhskg.errors import QueryError
from nhskg.graph.terms import to_ox, to_rdflib
from nhskg.namespaces import PREFIXES

DEFAULT_TIMEOUT = 30.0


@dataclass
class Result:
    """A query result: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str                      # "select", "ask" or "graph"
    variables: list[str]
    rows: list[dict[str, Any]]
    boolean: bool | None = None
    graph: Graph | None = None


class Engine(Protocol):
    def run(self, query: str, bindings: dict[str, Any] | None = None, timeout: float = DEFAULT_TIMEOUT) -> Result: ...


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue and comments."""
    stripped = re.sub(r"#[^\n]*", "", query)
    stripped = re.sub(r"(?is)\b(PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)", "", stripped)
    m = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b",
                  stripped)
    if not m:
        raise QueryError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return m.group(1).upper()


def _check_read_only(query: str) -> str:
    form = query_form(query)
    if form not in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
        raise QueryError(f"{form} is an update: the graph is read-only here (build it from the fact files)")
    return form


def _syntax_message(query: str, exc: Exception) -> str:
    """Oxigraph's parser message, with the offending line shown when it gives a position."""
    msg = str(exc)
    m = re.search(r"(\d+):(\d+)", msg)
    if m:
        line_no, col = int(m.group(1)), int(m.group(2))
        lines = query.splitlines()
        if 1 <= line_no <= len(lines):
            msg += f"\n  line {line_no}: {lines[line_no - 1]}\n  {' ' * (len(str(line_no)) + 6 + col - 1)}^"
    return "SPARQL syntax error: " + msg


class EmbeddedEngine:
    """pyoxigraph over the built store, the union of all named graphs as the default graph."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def run(self, query: str, bindings: dict[str, Any] | None = None, timeout: float = DEFAULT_TIMEOUT) -> Result:
        form = _check_read_only(query)
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items() if v is not None}

        def evaluate() -> Result:
            # Query and read the solutions in one thread: pyoxigraph's results cannot change threads.
            try:
                raw = self.store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True,
                                       substitutions=subs)
            except SyntaxError as exc:
                raise QueryError(_syntax_message(query, exc)) from exc
            except RuntimeError as exc:  # e.g. a bound parameter missing from the SELECT clause
                raise QueryError(f"cannot run the query: {exc}") from exc
            return _collect(raw, form)

        return _with_timeout(evaluate, timeout)


def _collect(raw: Any, form: str) -> Result:
    if isinstance(raw, ox.QueryBoolean):
        return Result("ask", [], [], boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        variables = [v.value for v in raw.variables]
        # Labels, regimes and sources repeat down the rows, and making an rdflib Literal costs more
        # than the query itself on big tables: convert each distinct term once per result.
        seen: dict[Any, Any] = {}

        def term(t: Any) -> Any:
            if t is None:
                return None
            hit = seen.get(t)
            if hit is None:
                hit = seen[t] = to_rdflib(t)
            return hit

        rows = [{v: term(sol[v]) for v in variables} for sol in raw]
        return Result("select", variables, rows)
    g = Graph()
    for k, v in PREFIXES.items():
        g.bind(k, v)
    for t in raw:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return Result("graph", [], [], graph=g)


def _with_timeout(fn: Any, timeout: float) -> Result:
    """Run ``fn`` in a worker thread; give up with a clear message after ``timeout`` seconds."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(f"query stopped after the {timeout:g} s timeout (use --timeout to allow longer)")
    if "error" in box:
        err = box["error"]
        if isinstance(err, SyntaxError):
            raise QueryError(str(err)) from err
        if isinstance(err, OSError):
            raise QueryError(f"query failed: {err}") from err
        raise err
    return box["value"]


def values_block(bindings: dict[str, Any]) -> str:
    """A VALUES clause binding each variable to one escaped RDF term (for remote endpoints)."""
    items = {k: v for k, v in bindings.items() if v is not None}
    if not items:
        return ""
    names = " ".join(f"?{k}" for k in items)
    terms = " ".join(str(to_ox(v)) for v in items.values())  # N-Triples syntax: escaped, never raw text
    return f"VALUES ({names}) {{ ({terms}) }}\n"


def inject_values(query: str, bindings: dict[str, Any]) -> str:
    """Put a VALUES block at the start of the outermost WHERE group."""
    block = values_block(bindings)
    if not block:
        return query
    m = re.search(r"(?i)\bWHERE\s*\{", query)
    if not m:
        m = re.search(r"\{", query)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return query[:m.end()] + "\n" + block + query[m.end():]


class RemoteEngine:
    """A SPARQL 1.1 endpoint through SPARQLWrapper (loopback or any server the user names)."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None) -> None:
        self.endpoint, self.user, self.password = endpoint, user, password

    def run(self, query: str, bindings: dict[str, Any] | None = None, timeout: float = DEFAULT_TIMEOUT) -> Result:
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        form = _check_read_only(query)
        prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()
                           if not re.search(rf"(?im)^\s*PREFIX\s+{re.escape(k)}:", query))
        text = prologue + inject_values(query, bindings or {})
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setTimeout(int(max(1, timeout)))
        if self.user:
            client.setCredentials(self.user, self.password or "")
        client.setQuery(text)
        client.queryType = form  # SPARQLWrapper's own guess finds "MOVE" inside words such as "removes"
        try:
            if form in {"CONSTRUCT", "DESCRIBE"}:
                client.setReturnFormat(TURTLE)
                data = client.query().convert()
                g = Graph()
                g.parse(data=data if isinstance(data, (str, bytes)) else data.serialize(), format="turtle")
                for k, v in PREFIXES.items():
                    g.bind(k, v)
                return Result("graph", [], [], graph=g)
            client.setReturnFormat(JSON)
            data = client.query().convert()
        except SPARQLWrapperException as exc:
            detail = _wrapper_detail(exc)
            raise QueryError(f"endpoint {self.endpoint} refused the query ({type(exc).__name__}): {detail}") from exc
        except HTTPError as exc:  # reached, but it answered an error (e.g. 503 on its timeout): say what it said
            detail = _response_text(exc.read(2000)) or exc.reason
            raise QueryError(f"endpoint {self.endpoint} answered {exc.code}: {detail}") from exc
        except OSError as exc:
            raise QueryError(f"cannot reach endpoint {self.endpoint}: {exc}") from exc
        if "boolean" in data:
            return Result("ask", [], [], boolean=bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [{v: _json_term(b.get(v)) for v in variables} for b in data["results"]["bindings"]]
        return Result("select", variables, rows)


def _wrapper_detail(exc: Exception) -> str:
    """The server's own message from a SPARQLWrapper exception (which keeps only its repr)."""
    import ast
    _, sep, tail = str(exc).partition("\n\nResponse:\n")
    if not sep:
        return str(exc)
    try:
        return _response_text(ast.literal_eval(tail.strip())) or str(exc)
    except (ValueError, SyntaxError):
        return tail.strip()


def _response_text(body: Any) -> str:
    """An error response body as text (SPARQLWrapper keeps it as bytes)."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    return body.strip() if isinstance(body, str) else ""


def _json_term(cell: dict | None) -> Any:
    from rdflib import BNode, Literal
    if cell is None:
        return None
    if cell["type"] == "uri":
        return URIRef(cell["value"])
    if cell["type"] == "bnode":
        return BNode(cell["value"])
    return Literal(cell["value"], lang=cell.get("xml:lang"),
                   datatype=URIRef(cell["datatype"]) if "datatype" in cell else None)
