"""Writing the graph in the standard formats.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the data graphs merged, without the
ontology (``nhskg ontology`` writes that); dataset formats (TriG, N-Quads) keep every named graph,
the ontology's included, so provenance by source survives.

The build writes one file, the sorted canonical N-Quads (``exports/nhskg.nq``: RDFC-1.0 blank-node
labels, so two builds of the same inputs are byte-identical). Every other format is made from it
when first asked for (``nhskg export``, the server's downloads) and kept beside it: at a million
triples the six formats together took half the build, and most users want one of them.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from nhskg.errors import InputError
from nhskg.graph.terms import NtQuad, ox_quad, to_ox_quads
from nhskg.namespaces import ONTOLOGY_GRAPH, PREFIXES
from nhskg.paths import ONTOLOGY_DIR, ONTOLOGY_FILE

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
_OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML}
EXPORTS = "exports"
STEM = "nhskg"


def context() -> dict:
    return json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def has_blank(q: NtQuad) -> bool:
    return q[0][0] == "_" or q[2][0] == "_" or q[3][0] == "_"


def canonical(quads: list[NtQuad]) -> tuple[list[NtQuad], list[NtQuad]]:
    """(the quads without blank nodes, the quads with them relabelled by RDFC-1.0).

    RDFC-1.0 relabels blank nodes from the quads that mention them and never looks at the others,
    so only those (the ontology's axioms) go through the costly canonicalisation.
    """
    blank = [q for q in quads if has_blank(q)]
    if not blank:
        return quads, []
    ds = ox.Dataset(to_ox_quads(blank))
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    relabelled = set(blank)
    return [q for q in quads if q not in relabelled], [ox_quad(q) for q in ds]


def sorted_nquads(quads: Iterable[NtQuad]) -> bytes:
    """N-Quads lines sorted (code-point order) of distinct quads, already canonical."""
    return "".join(sorted(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads)).encode("utf-8")


def store_nquads(store: ox.Store | Iterable[ox.Quad]) -> bytes:
    """The canonical sorted N-Quads of a store (or of any pyoxigraph quads)."""
    if not isinstance(store, ox.Store):
        plain, blank = canonical(list(dict.fromkeys(ox_quad(q) for q in store)))
        return sorted_nquads(plain + blank)
    # Oxigraph writes the lines itself (the same text as the build's); only lines that may hold a
    # blank node are parsed, to give those their canonical labels. Sorting bytes sorts code points.
    lines = store.dump(format=ox.RdfFormat.N_QUADS).split(b"\n")
    maybe = [ln for ln in lines if b"_:" in ln]
    plain = [ln for ln in lines if ln and b"_:" not in ln]
    if maybe:
        parsed = [ox_quad(q) for q in ox.parse(b"\n".join(maybe), format=ox.RdfFormat.N_QUADS)]
        plain_q, blank = canonical(parsed)
        plain += [f"{s} {p} {o} {g} .".encode("utf-8") for s, p, o, g in plain_q + blank]
    return b"\n".join(sorted(set(plain))) + b"\n"


def derive(nq: bytes, fmt: str) -> bytes:
    """One format from the sorted canonical N-Quads (order and blank-node labels carry over)."""
    _check(fmt)
    if fmt == "nquads":
        return nq
    quads = list(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=EXPORT_PREFIXES)
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    # Lines sorted by "s p o g" list each triple first where "s p o" sorts it, so the distinct
    # triples in first-seen order are sorted too: no second sort.
    data = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name != onto))
    del quads
    if fmt == "nt":
        return ox.serialize(data, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        from nhskg.graph.jsonld import to_jsonld
        return to_jsonld(data, context()["@context"])
    return ox.serialize(data, format=_OX_FORMAT[fmt], prefixes=EXPORT_PREFIXES)


def export(store: ox.Store | Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialise a store (or any quads) in one of FORMATS."""
    _check(fmt)
    return derive(store_nquads(store), fmt)


def file_name(fmt: str) -> str:
    return f"{STEM}.{FORMATS[fmt][0]}"


def export_path(build_dir: Path, fmt: str) -> Path:
    """The build's file in ``fmt``, made from its N-Quads (or its store) the first time it is asked for.

    Builds never change once published, so a file made once stays right; it is written under a
    temporary name and renamed, so two processes asking at once cannot see half a file.
    """
    _check(fmt)
    path = build_dir / EXPORTS / file_name(fmt)
    if path.is_file():
        return path
    nq_path = build_dir / EXPORTS / file_name("nquads")
    if nq_path.is_file():
        nq = nq_path.read_bytes()
    else:  # a build made with --exports none
        nq = store_nquads(ox.Store.read_only(str(build_dir / "store")))
    _atomic_write(path, derive(nq, fmt))
    return path


def write_nquads(path: Path, quads: Iterable[NtQuad]) -> None:
    """Write distinct, canonical quads as sorted N-Quads, a chunk at a time: at a million quads,
    joining the text first would hold two more copies of 200 MB."""
    lines = [f"{s} {p} {o} {g} .\n" for s, p, o, g in quads]
    lines.sort()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        for i in range(0, len(lines), 50_000):
            f.write("".join(lines[i:i + 50_000]).encode("utf-8"))
    os.replace(tmp, path)


def write_exports(build_dir: Path, formats: Iterable[str] = ()) -> dict[str, Path]:
    """Beside the build's N-Quads (written already): the context, the ontology, and ``formats`` made from them."""
    folder = build_dir / EXPORTS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "context.jsonld").write_text(json.dumps(context(), indent=2) + "\n", encoding="utf-8")
    (folder / f"{STEM}-ontology.ttl").write_bytes(ONTOLOGY_FILE.read_bytes())
    return {fmt: export_path(build_dir, fmt) for fmt in formats}


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
