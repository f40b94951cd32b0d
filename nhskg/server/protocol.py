"""The SPARQL 1.1 Protocol endpoint (``/sparql``) and its service description.

Query operations only: GET with ``query=``, POST urlencoded, POST ``application/sparql-query``.
Updates in any of their forms are refused with 403. The answer's format is chosen from the
Accept header among the types the query form allows (SELECT: SPARQL JSON, XML, CSV, TSV;
ASK: JSON, XML; CONSTRUCT/DESCRIBE: Turtle, JSON-LD, N-Triples, RDF/XML), with ``format=``
for people who cannot set headers and an HTML table for browsers. A GET without a query
returns the service description (W3C SPARQL 1.1 Service Description), or sends a browser
to the query box.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from nhskg.errors import QueryError
from nhskg.graph.engine import query_form
from nhskg.namespaces import VOID
from nhskg.server.context import MAX_BODY, ctx, error
from nhskg.server.negotiation import choose, prefers_html
from nhskg.server.pool import Answer, Job
from nhskg.server.results import (ASK_TYPES, CANONICAL_TYPE, FORMAT_PARAM, GRAPH_TYPES, SELECT_TYPES,
                                  graph_rows, write_graph, write_results)
from nhskg.server.urls import compact, href
from nhskg.server.describe import Value

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
READ_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_REFUSED = ("SPARQL Update is refused: this endpoint is read-only. The graph is built from the "
                  "fact files with 'nhskg build'; to load it into a writable store use 'nhskg push'.")


class BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _body(request: Request) -> bytes:
    """The request body, refused past MAX_BODY bytes without reading the rest."""
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_BODY:
        raise BadRequest(413, f"the request body is larger than {MAX_BODY} bytes")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > MAX_BODY:
            raise BadRequest(413, f"the request body is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_params(request: Request) -> dict[str, list[str]]:
    """The protocol parameters, from the URL and (for POST) the body, per the SPARQL 1.1 Protocol."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _body(request)
    if media == "application/x-www-form-urlencoded":
        for k, v in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items():
            params.setdefault(k, []).extend(v)
    elif media == "application/sparql-query":
        if "query" in params:
            raise BadRequest(400, "give the query either in the body or as query=, not both")
        params["query"] = [body.decode("utf-8", errors="replace")]
    elif media == "application/sparql-update":
        raise BadRequest(403, UPDATE_REFUSED)
    else:
        raise BadRequest(415, "POST a query as application/x-www-form-urlencoded (query=...) "
                              f"or application/sparql-query, not {media or 'no content type'}")
    return params


async def sparql(request: Request) -> Response:
    c = ctx(request)
    try:
        params = await read_params(request)
        if "update" in params:
            raise BadRequest(403, UPDATE_REFUSED)
        queries = params.get("query", [])
        if not queries:
            if request.method == "POST":
                raise BadRequest(400, "no query: POST query=... or a body of type application/sparql-query")
            return service_description(request)
        if len(queries) > 1:
            raise BadRequest(400, "give exactly one query= parameter")
        query = queries[0]
        try:
            form = query_form(query)
        except QueryError as exc:
            raise BadRequest(400, str(exc)) from exc
        if form not in READ_FORMS:
            raise BadRequest(403, UPDATE_REFUSED)
        offered = SELECT_TYPES if form == "SELECT" else ASK_TYPES if form == "ASK" else GRAPH_TYPES
        media = _negotiate(request, params, offered)
    except BadRequest as exc:
        return error(request, exc.status, str(exc))

    snap = c.graph.snapshot()
    job = Job(snap.store_path, query, c.settings.timeout, c.settings.max_results,
              tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])),
              memory=snap.memory)
    answer = await c.pool.run(job)
    if answer.status != 200:
        return error(request, answer.status, answer.message)
    return _respond(request, query, answer, offered[media], c.settings.max_results)


def _negotiate(request: Request, params: dict[str, list[str]], offered: dict[str, str]) -> str:
    fmt = (params.get("format") or params.get("output") or [None])[0]
    if fmt:
        media = FORMAT_PARAM.get(fmt.lower())
        if media not in offered:
            raise BadRequest(406, f"format={fmt} is not available for this query; choose one of "
                                  + ", ".join(sorted({k for k, v in FORMAT_PARAM.items() if v in offered})))
        return media
    media = choose(request.headers.get("accept"), list(offered))
    if media is None:
        raise BadRequest(406, "none of the types in your Accept header is offered for this query; offered: "
                              + ", ".join(offered))
    return media


def _respond(request: Request, query: str, answer: Answer, fmt: str, limit: int) -> Response:
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-Result-Truncated"] = f"true; max-results={limit}"
    if fmt == "html":
        return _html(request, query, answer, headers)
    if answer.kind == "graph":
        body = write_graph(answer.data, fmt)
    else:
        body = write_results(answer.data, fmt)
    return Response(body, media_type=CANONICAL_TYPE[fmt], headers=headers)


def cells(data: dict) -> list[list[Value | None]]:
    """SPARQL JSON bindings as display values for the HTML table."""
    return [[_cell(row.get(v)) for v in data["head"]["vars"]] for row in data["results"]["bindings"]]


def _cell(cell: dict | None) -> Value | None:
    if cell is None:
        return None
    if cell["type"] == "uri":
        return Value(compact(cell["value"]), href(cell["value"]), cell["value"])
    if cell["type"] == "bnode":
        return Value("_:" + cell["value"])
    note = "@" + cell["xml:lang"] if "xml:lang" in cell else compact(cell.get("datatype", ""))
    return Value(cell["value"], None, note)


class Table:
    """What the results macro draws: columns and rows of values, or a boolean."""

    def __init__(self, columns: list[str], rows: list, boolean: bool | None = None, truncated: bool = False,
                 seconds: float | None = None) -> None:
        self.columns, self.rows, self.boolean, self.truncated, self.seconds = columns, rows, boolean, truncated, seconds

    @classmethod
    def from_answer(cls, answer: Answer) -> "Table":
        if answer.kind == "ask":
            return cls([], [], boolean=bool(answer.data["boolean"]), seconds=answer.seconds)
        if answer.kind == "graph":
            rows = [[_cell(s), _cell(p), _cell(o)] for s, p, o in graph_rows(answer.data)]
            return cls(["subject", "predicate", "object"], rows, truncated=answer.truncated, seconds=answer.seconds)
        return cls(answer.data["head"]["vars"], cells(answer.data), truncated=answer.truncated,
                   seconds=answer.seconds)


def _html(request: Request, query: str, answer: Answer, headers: dict[str, str]) -> Response:
    kinds = ["json", "xml", "csv", "tsv"] if answer.kind == "select" else \
        ["json", "xml"] if answer.kind == "ask" else ["ttl", "jsonld", "nt", "rdfxml"]
    downloads = [(k, "/sparql?" + urlencode({"query": query, "format": k})) for k in kinds]
    return ctx(request).html("results.html", headers=headers, query=query, table=Table.from_answer(answer),
                             downloads=downloads)


def service_description(request: Request) -> Response:
    """The SPARQL 1.1 Service Description, or the query box for a browser."""
    if prefers_html(request.headers.get("accept")):
        return RedirectResponse("/#sparql", status_code=303, headers={"Vary": "Accept"})
    media = choose(request.headers.get("accept"), [m for m in GRAPH_TYPES if m != "text/html"])
    if media is None:
        return error(request, 406, "the service description is offered as " + ", ".join(GRAPH_TYPES))
    snap = ctx(request).graph.snapshot()
    if "sd" not in snap.cache:
        counts = snap.engine.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        snap.cache["sd"] = [(str(r["g"]), int(r["n"])) for r in counts.rows]
    endpoint = URIRef(str(request.url.replace(query="", fragment="")))
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    svc, ds, dg = BNode("service"), BNode("dataset"), BNode("default")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
        g.add((svc, SD.resultFormat, FORMATS_NS[f]))
    g.add((svc, SD.defaultDataset, ds))
    g.add((ds, RDF.type, SD.Dataset))
    g.add((ds, SD.defaultGraph, dg))
    g.add((dg, RDF.type, SD.Graph))
    for i, (name, n) in enumerate(snap.cache["sd"]):
        ng, gr = BNode(f"ng{i}"), BNode(f"g{i}")
        g.add((ds, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
        g.add((ng, SD.graph, gr))
        g.add((gr, RDF.type, SD.Graph))
        g.add((gr, VOID.triples, Literal(n, datatype=XSD.integer)))
    nt = g.serialize(format="nt", encoding="utf-8")
    fmt = GRAPH_TYPES[media]
    body = write_graph(nt, fmt, {"sd": str(SD), "void": str(VOID), "formats": str(FORMATS_NS)})
    return Response(body, media_type=CANONICAL_TYPE[fmt], headers={"Vary": "Accept"})
