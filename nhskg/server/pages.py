"""The HTML side: home page, search, the named-query runner, the ontology and the downloads.

Named queries bind their parameters with the CLI's own ``bind_params`` (labels resolved to IRIs)
and run in the query workers, so a table on the page is the table ``nhskg query`` prints.
Downloads are served only from a fixed list of names, never from a path the client gives.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from nhskg.errors import NhskgError
from nhskg.graph.export import FORMATS, export, export_path
from nhskg.graph.terms import to_ox
from nhskg.namespaces import NHS, ONTOLOGY_IRI
from nhskg.paths import ONTOLOGY_DIR, ONTOLOGY_FILE
from nhskg.queries.library import load_library
from nhskg.queries.run import bind_params
from nhskg.server.context import ctx, error
from nhskg.server.graphdata import Snapshot
from nhskg.server.negotiation import choose
from nhskg.server.pool import Job
from nhskg.server.protocol import Table
from nhskg.server.results import CANONICAL_TYPE, ox_term_json, write_results
from nhskg.server.urls import DOC_EXT, href

NAMED_QUERY_FORMATS = {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml"}


@dataclass(frozen=True)
class Download:
    name: str
    media: str
    about: str
    produce: Callable[[Snapshot], Path | bytes]


def _export(fmt: str) -> Callable[[Snapshot], Path | bytes]:

    def produce(snap: Snapshot) -> Path | bytes:
        try:  # made from the build's N-Quads on first request and kept beside them
            return export_path(snap.build_dir, fmt)
        except OSError:  # a build folder the server may not write to: make it once, in memory
            key = f"export:{fmt}"
            if key not in snap.cache:
                snap.cache[key] = export(snap.store, fmt)
            return snap.cache[key]
    return produce


DOWNLOADS: dict[str, Download] = {
    f"nhskg.{ext}": Download(f"nhskg.{ext}", media,
                             "every named graph, ontology included" if fmt in ("trig", "nquads")
                             else "the data graphs merged", _export(fmt))
    for fmt, (ext, media) in FORMATS.items()
}
DOWNLOADS["ontology.ttl"] = Download("ontology.ttl", "text/turtle", "the OWL ontology", lambda snap: ONTOLOGY_FILE)
DOWNLOADS["context.jsonld"] = Download("context.jsonld", "application/ld+json", "the JSON-LD context",
                                       lambda snap: ONTOLOGY_DIR / "context.jsonld")


def _labels(snap: Snapshot) -> list[str]:
    if "labels" not in snap.cache:
        snap.cache["labels"] = sorted({label for _, label in snap.labels}, key=str.casefold)
    return snap.cache["labels"]  # type: ignore[return-value]


async def home(request: Request) -> Response:
    c = ctx(request)
    snap = c.graph.snapshot()
    if "triples" not in snap.cache:
        snap.cache["triples"] = len(snap.store)
    return c.html("home.html", stats={"triples": snap.cache["triples"]}, build=snap.build_dir.name,
                  queries=list(load_library().values()), labels=_labels(snap), endpoint="/sparql",
                  timeout=f"{c.settings.timeout:g}", max_results=c.settings.max_results,
                  downloads=list(DOWNLOADS.values()))


async def search(request: Request) -> Response:
    c = ctx(request)
    q = request.query_params.get("q", "").strip()[:200]
    limit = 50
    hits = c.graph.snapshot().search(q, limit) if q else []
    view = [{"href": href(h.iri), "label": h.label, "matched": h.matched, "kinds": h.kinds} for h in hits]
    return c.html("search.html", q=q, hits=view, limit=limit)


async def queries_index(request: Request) -> Response:
    return RedirectResponse("/#queries", status_code=303)


async def named_query(request: Request) -> Response:
    """/queries/NAME (form and table) or /queries/NAME.csv|tsv|json|xml (the answer as a file)."""
    c = ctx(request)
    name, _, ext = request.path_params["name"].partition(".")
    library = load_library()
    if name not in library or (ext and ext not in NAMED_QUERY_FORMATS):
        return error(request, 404, f"no named query '{request.path_params['name']}'", search=None)
    nq = library[name]
    values = {p.name: request.query_params[p.name].strip() for p in nq.params
              if request.query_params.get(p.name, "").strip()}
    snap = c.graph.snapshot()
    wanted = ext or request.query_params.get("run") or not nq.params
    answer, err = None, None
    if wanted:
        try:
            bindings = bind_params(nq, values, snap.engine, snap.resolver)
        except NhskgError as exc:
            err = str(exc)
        else:
            text, bindings = nq.prepared(bindings)
            cells_in = tuple((k, ox_term_json(to_ox(v))) for k, v in bindings.items() if v is not None)
            answer = await c.pool.run(Job(snap.store_path, text, c.settings.timeout, c.settings.max_results,
                                          bindings=cells_in, memory=snap.memory))
            if answer.status != 200:
                if not ext:
                    return error(request, answer.status, answer.message)
                err = answer.message
    if ext:
        if err:
            return error(request, answer.status if answer is not None else 400, err)
        headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
        if answer.truncated:
            headers["X-Result-Truncated"] = f"true; max-results={c.settings.max_results}"
        fmt = NAMED_QUERY_FORMATS[ext]
        return Response(write_results(answer.data, fmt), media_type=CANONICAL_TYPE[fmt], headers=headers)
    table, downloads = None, []
    if answer is not None:
        table = Table.from_answer(answer)
        downloads = [(e, f"/queries/{name}.{e}?" + urlencode(values)) for e in NAMED_QUERY_FORMATS]
    return c.html("named_query.html", status=400 if err else 200, nq=nq, values=values, labels=_labels(snap),
                  table=table, error=err, downloads=downloads)


async def downloads_index(request: Request) -> Response:
    return ctx(request).html("downloads.html", downloads=list(DOWNLOADS.values()))


async def download(request: Request) -> Response:
    item = DOWNLOADS.get(request.path_params["name"])
    if item is None:
        return error(request, 404, f"no download called '{request.path_params['name']}'; see /download/")
    produced = await run_in_threadpool(item.produce, ctx(request).graph.snapshot())
    headers = {"Content-Disposition": f'inline; filename="{item.name}"'}
    if isinstance(produced, Path):
        return FileResponse(produced, media_type=item.media, headers=headers)
    return Response(produced, media_type=item.media, headers=headers)


async def well_known_void(request: Request) -> Response:
    """/.well-known/void (RFC 8615, VoID section 7): where the dataset description is."""
    return RedirectResponse("/dataset", status_code=303)


# -- the ontology (hash IRIs: the document is served at the namespace's own address) --------

_ONTOLOGY_SECTIONS = [("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
                      ("Datatype properties", OWL.DatatypeProperty), ("Individuals", OWL.NamedIndividual)]


async def ontology(request: Request) -> Response:
    path = request.path_params.get("path", "ontology")
    ext = path.partition(".")[2]
    if ext and ext not in DOC_EXT:
        return error(request, 404, f"no ontology document '{path}'")
    if not ext:
        media = choose(request.headers.get("accept"), ["text/html", "text/turtle", "application/rdf+xml",
                                                       "application/n-triples", "application/ld+json"])
        if media is None:
            return error(request, 406, "the ontology is offered as HTML, Turtle, RDF/XML, N-Triples and JSON-LD")
        ext = {"text/html": "html", "text/turtle": "ttl", "application/rdf+xml": "rdf",
               "application/n-triples": "nt", "application/ld+json": "jsonld"}[media]
    headers = {"Vary": "Accept"} if "." not in path else {}
    fmt = DOC_EXT[ext][1]
    if fmt == "html":
        return ctx(request).html("ontology.html", headers=headers, iri=ONTOLOGY_IRI, sections=_ontology_terms())
    if fmt == "ttl":
        return Response(ONTOLOGY_FILE.read_bytes(), media_type=CANONICAL_TYPE["ttl"], headers=headers)
    triples = list(ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE))
    fmts = {"nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}
    return Response(ox.serialize(triples, format=fmts[fmt]), media_type=CANONICAL_TYPE[fmt], headers=headers)


def _ontology_terms() -> list[tuple[str, list[dict[str, str]]]]:
    triples = list(ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE))
    ns = str(NHS)
    types: dict[str, set[str]] = {}
    label: dict[str, str] = {}
    comment: dict[str, str] = {}
    for t in triples:
        s = t.subject.value if isinstance(t.subject, ox.NamedNode) else None
        if not s or not s.startswith(ns):
            continue
        p = t.predicate.value
        if p == str(RDF.type):
            types.setdefault(s, set()).add(t.object.value)
        elif p == str(RDFS.label):
            label.setdefault(s, t.object.value)
        elif p == str(RDFS.comment):
            comment.setdefault(s, t.object.value)
    sections = []
    for title, cls in _ONTOLOGY_SECTIONS:
        terms = [{"name": s[len(ns):], "label": label.get(s, s[len(ns):]), "comment": comment.get(s, "")}
                 for s in sorted(types) if str(cls) in types[s]]
        if terms:
            sections.append((title, terms))
    return sections
