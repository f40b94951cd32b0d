"""Dereferencing the graph's IRIs: 303 See Other from a thing to a document about it.

The graph's IRIs are slash IRIs (``https://w3id.org/nhskg/id/nhs-england``), which name people,
bodies and statements, not web pages. Following the W3C note "Cool URIs for the Semantic Web",
the server answers a GET on the thing with ``303 See Other`` pointing at a document in the format
the Accept header asks for: ``/id/nhs-england.html`` for a browser, ``.ttl``, ``.jsonld``, ``.nt``
or ``.rdf`` for a client (and those extension URLs work directly for people who cannot set headers).
The ontology's terms are hash IRIs, so ``/ontology`` is itself the document.

Nothing here touches the file system: a path is turned into an IRI and looked up in the store,
so no path (``..``, encoded slashes, absolute paths) can reach a file.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from nhskg.namespaces import PREFIXES
from nhskg.server.context import ctx, error
from nhskg.server.describe import describe
from nhskg.server.negotiation import choose
from nhskg.server.results import CANONICAL_TYPE, write_triples
from nhskg.server.urls import DOC_EXT, DOC_TYPES, iri_for_path, local_path

Q_DOC = """
CONSTRUCT { ?s ?p ?o } WHERE {
  { ?this ?p ?o . BIND(?this AS ?s) }
  UNION { ?s ?p ?this . BIND(?this AS ?o) }
  UNION { ?this nhs:evidence ?s . ?s ?p ?o }
  UNION { ?this nhs:evidence ?ev . ?ev oa:hasSelector ?s . ?s ?p ?o }
  UNION { GRAPH ?this { ?s ?p ?o } }
}"""


def split_extension(path: str) -> tuple[str, str | None]:
    """'id/x.ttl' -> ('id/x', 'ttl'); a path without a known document extension is returned whole."""
    m = re.fullmatch(r"(.+)\.([a-z]+)", path)
    if m and m.group(2) in DOC_EXT:
        return m.group(1), m.group(2)
    return path, None


async def resource(request: Request) -> Response:
    """GET /<path>: a thing (303), a document about it (200), or 404 with a search link."""
    path = request.path_params["path"]
    if path == "ontology" or path.startswith("ontology."):
        from nhskg.server.pages import ontology
        return await ontology(request)
    snap = ctx(request).graph.snapshot()
    iri = iri_for_path(path)
    if await run_in_threadpool(snap.exists, iri):
        media = choose(request.headers.get("accept"), list(DOC_TYPES))
        if media is None:
            return error(request, 406, "this resource is described as " + ", ".join(DOC_TYPES))
        target = f"{local_path(iri)}.{DOC_TYPES[media]}"
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
    stem, ext = split_extension(path)
    if ext and await run_in_threadpool(snap.exists, iri_for_path(stem)):
        return await document(request, iri_for_path(stem), ext)
    words = re.sub(r"[-_/.]+", " ", stem.rsplit("/", 1)[-1]).strip()
    return error(request, 404, f"nothing in the graph is called <{iri_for_path(stem)}>.", search=words or None)


async def document(request: Request, iri: str, ext: str) -> Response:
    c = ctx(request)
    snap = c.graph.snapshot()
    fmt = DOC_EXT[ext][1]
    if fmt == "html":
        page = await run_in_threadpool(describe, snap.engine, iri, c.settings.timeout)
        alternates = [(e, m) for e, (m, _) in DOC_EXT.items()]
        doc_base = local_path(iri)
        return c.html("entity.html", page=page, alternates=alternates, doc_base=doc_base)
    body = await run_in_threadpool(rdf_document, snap.store, iri, fmt)
    return Response(body, media_type=CANONICAL_TYPE[fmt])


def rdf_document(store: ox.Store, iri: str, fmt: str) -> bytes:
    """The description of ``iri`` in an RDF format, straight from pyoxigraph (no rdflib graph:
    a named graph's document can hold thousands of triples)."""
    triples = store.query(Q_DOC, prefixes=PREFIXES, use_default_graph_as_union=True,
                          substitutions={ox.Variable("this"): ox.NamedNode(iri)})
    return write_triples(triples, fmt)
