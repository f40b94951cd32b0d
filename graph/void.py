"""A VoID and DCAT description of the dataset, counted from the graph itself (never by hand)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from operator import itemgetter

from rdflib import namespace as rdflib_ns

from nhskg import namespaces as ns
from nhskg.graph.export import FORMATS
from nhskg.graph.terms import NtNamespace, NtQuad, nt_literal

DCAT, DCTERMS, RDF, RDFS, VOID = (NtNamespace(n) for n in (
    ns.DCAT, rdflib_ns.DCTERMS, rdflib_ns.RDF, rdflib_ns.RDFS, ns.VOID))
BASE = NtNamespace(ns.BASE)
DATASET = BASE["dataset"]
_INTEGER = str(rdflib_ns.XSD.integer)


def _int(n: int) -> str:
    return nt_literal(n, datatype=_INTEGER)


def _iris(counts: Counter[str]) -> Counter[str]:
    """Keep the IRIs (not blank nodes or literals), without their angle brackets."""
    return Counter({k[1:-1]: n for k, n in counts.items() if k[0] == "<"})


def _iri(value: str) -> str:
    return f"<{value}>"


def describe(quads: Iterable[NtQuad], version: str,
             triples: set[tuple[str, str, str]] | None = None) -> Iterator[NtQuad]:
    """Quads (in the dataset graph) describing ``quads``: sizes, classes, properties, subsets, dumps.

    ``triples``, the distinct (s, p, o) of ``quads``, may be given by a caller that has it already
    (the build does: at a million quads the set takes a second to make).
    """
    g = _iri(str(ns.DATASET_GRAPH))
    if triples is None:
        quads = list(quads)
        triples = {q[:3] for q in quads}
    rdf_type, id_prefix = RDF.type, _iri(str(ns.ID))[:-1]
    # Counted on the N-Triples strings (C-level loops), then "<iri>" -> "iri" on the few keys.
    classes = _iris(Counter(o for _, p, o in triples if p == rdf_type))
    props = _iris(Counter(map(itemgetter(1), triples)))
    subjects = set(map(itemgetter(0), triples))
    entities = sum(1 for s in subjects if s.startswith(id_prefix))
    per_graph = _iris(Counter(map(itemgetter(3), quads)))

    yield DATASET, RDF.type, VOID.Dataset, g
    yield DATASET, RDF.type, DCAT.Dataset, g
    yield DATASET, DCTERMS.title, nt_literal("nhskg: NHS reform actors and proposals", lang="en"), g
    yield DATASET, RDFS.label, nt_literal("nhskg dataset", lang="en"), g
    yield DATASET, DCTERMS.description, nt_literal(
        "Bodies, people, duties, legislation, proposals, regimes and stances in England's NHS reforms, "
        "each fact with verbatim evidence from its source.", lang="en"), g
    yield DATASET, DCTERMS.hasVersion, nt_literal(version), g
    yield DATASET, DCTERMS.conformsTo, _iri(ns.ONTOLOGY_IRI), g
    yield DATASET, VOID.uriSpace, nt_literal(str(ns.ID)), g
    yield DATASET, VOID.triples, _int(len(triples)), g
    yield DATASET, VOID.entities, _int(entities), g
    yield DATASET, VOID.distinctSubjects, _int(len(subjects)), g
    yield DATASET, VOID.properties, _int(len(props)), g
    yield DATASET, VOID.classes, _int(len(classes)), g
    for vocab in ("http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
                  "http://purl.org/dc/terms/", "http://www.w3.org/2004/02/skos/core#", ns.ONTOLOGY_IRI + "#"):
        yield DATASET, VOID.vocabulary, _iri(vocab), g
    for cls, n in sorted(classes.items()):
        part = BASE[f"dataset/class/{_slug(cls)}"]
        yield DATASET, VOID.classPartition, part, g
        yield part, VOID["class"], _iri(cls), g
        yield part, VOID.entities, _int(n), g
    for prop, n in sorted(props.items()):
        part = BASE[f"dataset/property/{_slug(prop)}"]
        yield DATASET, VOID.propertyPartition, part, g
        yield part, VOID.property, _iri(prop), g
        yield part, VOID.triples, _int(n), g
    for graph, n in sorted(per_graph.items()):
        sub = BASE[f"dataset/graph/{_slug(graph)}"]
        yield DATASET, VOID.subset, sub, g
        yield sub, RDF.type, VOID.Dataset, g
        yield sub, VOID.triples, _int(n), g
        yield sub, DCTERMS.source, _iri(graph), g
    for fmt, (ext, media) in sorted(FORMATS.items()):
        dist = BASE[f"dataset/distribution/{fmt}"]
        yield DATASET, DCAT.distribution, dist, g
        yield DATASET, VOID.dataDump, BASE[f"download/nhskg.{ext}"], g
        yield dist, RDF.type, DCAT.Distribution, g
        yield dist, DCAT.mediaType, nt_literal(media), g
        yield dist, DCAT.downloadURL, BASE[f"download/nhskg.{ext}"], g


def _slug(iri: str) -> str:
    tail = iri.removeprefix(ns.BASE)
    return "".join(c if c.isalnum() else "-" for c in tail).strip("-")
