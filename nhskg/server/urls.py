"""How the graph's w3id.org IRIs map onto the local server's paths, and back.

Every IRI under ``https://w3id.org/nhskg/`` is served at the same path here:
``https://w3id.org/nhskg/id/nhs-england`` <-> ``/id/nhs-england``. The thing's path answers
303 See Other to a document about it, named by the same path plus an extension
(``/id/nhs-england.html``, ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``). Ontology terms are hash
IRIs (``.../ontology#Holding``): their document is ``/ontology`` itself, no redirect needed.
"""
from __future__ import annotations

from urllib.parse import quote

from nhskg.graph.export import FORMATS
from nhskg.namespaces import BASE, PREFIXES

# document extension -> (media type, rdf format name or "html"): the triple formats of the exports
DOC_EXT: dict[str, tuple[str, str]] = {
    "html": ("text/html", "html"),
    **{ext: (media, fmt) for fmt, (ext, media) in FORMATS.items() if fmt in ("ttl", "jsonld", "nt", "rdfxml")},
}
# what a thing's path can redirect to, in the server's order (HTML first for */* browsers)
DOC_TYPES = {"text/html": "html", "text/turtle": "ttl", "application/ld+json": "jsonld",
             "application/n-triples": "nt", "application/rdf+xml": "rdf", "text/plain": "nt"}


def local_path(iri: str) -> str | None:
    """The local path (with fragment) serving ``iri``, or None for an IRI outside the graph's base."""
    if not iri.startswith(BASE):
        return None
    return "/" + quote(iri[len(BASE):], safe="/#:@!$&'()*+,;=-._~")


def href(iri: str) -> str:
    """Where a link to ``iri`` should point: here for the graph's own IRIs, else the IRI itself."""
    return local_path(iri) or iri


def iri_for_path(path: str) -> str:
    """The graph IRI a local path names (the inverse of :func:`local_path`, without a fragment)."""
    return BASE + path.lstrip("/")


def compact(iri: str) -> str:
    """``skos:prefLabel`` rather than the full IRI, when a known prefix fits."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, f"{prefix}:{iri[len(ns):]}"
    return name if best else iri
