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
from nhskg.paths import ONTOLOGY_DIR

# Named-graph IRIs contain "/", which Turtle would have to escape: leave their prefix out of files.
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "g"}

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


def _data_triples(store: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Distinct triples of every graph but the ontology's, sorted for stable output."""
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in store if q.graph_name != onto}
    return sorted(seen, key=str)


def _canonical_lines(items: Iterable[ox.Quad] | Iterable[ox.Triple], *, triples: bool) -> bytes:
    """Sorted, distinct N-Triples (``triples``) or N-Quads lines with RDFC-1.0 blank-node labels."""
    # RDFC-1.0 relabels blank nodes from the quads that mention them and never looks at the others,
    # so only those go through the (costly) canonicalisation; the sorted set of lines below removes
    # any duplicates the Dataset would have merged.
    plain, blank = [], []
    bnode = ox.BlankNode
    for x in items:
        if isinstance(x.subject, bnode) or isinstance(x.object, bnode) or (
                not triples and isinstance(x.graph_name, bnode)):
            blank.append(x if not triples else ox.Quad(x.subject, x.predicate, x.object))
        else:
            plain.append(x)
    if blank:
        ds = ox.Dataset(blank)
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        plain.extend(ox.Triple(q.subject, q.predicate, q.object) for q in ds) if triples else plain.extend(ds)
    fmt = ox.RdfFormat.N_TRIPLES if triples else ox.RdfFormat.N_QUADS
    # Sorted as UTF-8 bytes, which is code-point order (the same order as sorting the decoded text)
    # at a fraction of the memory; and only "\n" ends a line (str.splitlines would also cut a literal
    # holding U+2028 or a form feed in two).
    lines = ox.serialize(plain, format=fmt).split(b"\n")
    return b"\n".join(sorted({ln for ln in lines if ln})) + b"\n"


def export(store: ox.Store | Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialise the store (or any quads) in one of FORMATS."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return _serialise(list(store), fmt)


def _serialise(quads: list[ox.Quad], fmt: str, data: list[ox.Triple] | None = None) -> bytes:
    """One format from the quads read once; ``data`` (the sorted data triples) is shared between formats."""
    if data is None and fmt not in DATASET_FORMATS:
        data = _data_triples(quads)
    if fmt == "nt":
        return _canonical_lines(data, triples=True)
    if fmt == "nquads":
        return _canonical_lines(quads, triples=False)
    if fmt == "jsonld":
        return _jsonld(data)
    if fmt == "trig":
        return ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.TRIG, prefixes=EXPORT_PREFIXES)
    return ox.serialize(data, format=_OX_FORMAT[fmt], prefixes=EXPORT_PREFIXES)


def _jsonld(triples: list[ox.Triple]) -> bytes:
    """Compact JSON-LD using the project's own @context (ontology/context.jsonld)."""
    from nhskg.graph.jsonld import to_jsonld
    return to_jsonld(triples, context()["@context"])


def write_exports(store: ox.Store | Iterable[ox.Quad], folder: Path, stem: str = "nhskg") -> dict[str, Path]:
    """Write every format into ``folder``; return format -> path.

    ``store`` may be the store or the quads just loaded into it (the build passes those: reading a
    million quads back from the on-disk store takes longer than writing all six formats). The
    quads are read once and the sorted data triples shared by the four triple formats.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    quads = list(store)
    data = _data_triples(quads)
    for fmt, (ext, _) in FORMATS.items():
        path = folder / f"{stem}.{ext}"
        path.write_bytes(_serialise(quads, fmt, data))
        written[fmt] = path
    (folder / "context.jsonld").write_text(json.dumps(context(), indent=2) + "\n", encoding="utf-8")
    return written
