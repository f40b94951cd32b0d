"""Writing the graph in the standard formats.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the data graphs merged, without the
ontology (``nhskg ontology`` writes that); dataset formats (TriG, N-Quads) keep every named graph,
the ontology's included, so provenance by source survives. N-Triples and N-Quads are written
sorted and canonical (RDFC-1.0 blank-node labels), so two builds of the same inputs are byte-identical.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from nhskg.errors import InputError
from nhskg.namespaces import ONTOLOGY_GRAPH, PREFIXES

# Named-graph IRIs contain "/", which Turtle would have to escape: leave their prefix out of files.
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "g"}
from nhskg.paths import ONTOLOGY_DIR

FORMATS: dict[str, tuple[str, str]] = {
    # name: (file extension, media type)
    "ttl": ("ttl", "text/turtle"),
    "nt": ("nt", "application/n-triples"),
    "jsonld": ("jsonld", "application/ld+json"),
    "rdfxml": ("rdf", "application/rdf+xml"),
    "trig": ("trig", "application/trig"),
    "nquads": ("nq", "application/n-quads"),
}
DATASET_FORMATS = {"trig", "nquads"}
_OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG}


def context() -> dict:
    return json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))


def _data_triples(store: ox.Store) -> list[ox.Triple]:
    """Distinct triples of every graph but the ontology's, sorted for stable output."""
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in store if q.graph_name != onto}
    return sorted(seen, key=str)


def _canonical_lines(quads: Iterable[ox.Quad], *, triples: bool) -> bytes:
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    fmt = ox.RdfFormat.N_TRIPLES if triples else ox.RdfFormat.N_QUADS
    items = [ox.Triple(q.subject, q.predicate, q.object) for q in ds] if triples else list(ds)
    lines = ox.serialize(items, format=fmt).decode("utf-8").splitlines()
    return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")


def export(store: ox.Store, fmt: str) -> bytes:
    """Serialise the store in one of FORMATS."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "nt":
        return _canonical_lines((ox.Quad(t.subject, t.predicate, t.object) for t in _data_triples(store)),
                                triples=True)
    if fmt == "nquads":
        return _canonical_lines(store, triples=False)
    if fmt == "jsonld":
        return _jsonld(_data_triples(store))
    if fmt == "trig":
        quads = sorted(store, key=str)
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=EXPORT_PREFIXES)
    return ox.serialize(_data_triples(store), format=_OX_FORMAT[fmt], prefixes=EXPORT_PREFIXES)


def _jsonld(triples: list[ox.Triple]) -> bytes:
    """Compact JSON-LD using the project's own @context (ontology/context.jsonld)."""
    from nhskg.graph.jsonld import to_jsonld
    return to_jsonld(triples, context()["@context"])


def write_exports(store: ox.Store, folder: Path, stem: str = "nhskg") -> dict[str, Path]:
    """Write every format into ``folder``; return format -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt, (ext, _) in FORMATS.items():
        path = folder / f"{stem}.{ext}"
        path.write_bytes(export(store, fmt))
        written[fmt] = path
    (folder / "context.jsonld").write_text(json.dumps(context(), indent=2) + "\n", encoding="utf-8")
    return written
