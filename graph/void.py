"""A VoID and DCAT description of the dataset, counted from the graph itself (never by hand)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from nhskg.graph.export import FORMATS
from nhskg.namespaces import BASE, DATASET_GRAPH, DCAT, ID, ONTOLOGY_IRI, VOID
from nhskg.graph.mapping import Quad

DATASET = URIRef(BASE + "dataset")


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def describe(quads: list[ox.Quad], version: str,
             triples: set[tuple[Any, Any, Any]] | None = None) -> Iterator[Quad]:
    """Quads (in the dataset graph) describing ``quads``: sizes, classes, properties, subsets, dumps.

    ``triples``, the distinct (s, p, o) of ``quads``, may be given by a caller that has it already
    (the build does: at a million quads the set takes seconds to make).
    """
    g = URIRef(str(DATASET_GRAPH))
    if triples is None:
        triples = {(q.subject, q.predicate, q.object) for q in quads}
    rdf_type = ox.NamedNode(str(RDF.type))
    classes = Counter(o.value for s, p, o in triples if p == rdf_type and isinstance(o, ox.NamedNode))
    props = Counter(p.value for _, p, _ in triples)
    subjects = {s for s, _, _ in triples}
    entities = {s for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(str(ID))}
    per_graph = Counter(q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode))

    yield DATASET, RDF.type, VOID.Dataset, g
    yield DATASET, RDF.type, DCAT.Dataset, g
    yield DATASET, DCTERMS.title, Literal("nhskg: NHS reform actors and proposals", lang="en"), g
    yield DATASET, RDFS.label, Literal("nhskg dataset", lang="en"), g
    yield DATASET, DCTERMS.description, Literal(
        "Bodies, people, duties, legislation, proposals, regimes and stances in England's NHS reforms, "
        "each fact with verbatim evidence from its source.", lang="en"), g
    yield DATASET, DCTERMS.hasVersion, Literal(version), g
    yield DATASET, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI), g
    yield DATASET, VOID.uriSpace, Literal(str(ID)), g
    yield DATASET, VOID.triples, _int(len(triples)), g
    yield DATASET, VOID.entities, _int(len(entities)), g
    yield DATASET, VOID.distinctSubjects, _int(len(subjects)), g
    yield DATASET, VOID.properties, _int(len(props)), g
    yield DATASET, VOID.classes, _int(len(classes)), g
    for vocab in ("http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
                  "http://purl.org/dc/terms/", "http://www.w3.org/2004/02/skos/core#", ONTOLOGY_IRI + "#"):
        yield DATASET, VOID.vocabulary, URIRef(vocab), g
    for cls, n in sorted(classes.items()):
        part = URIRef(f"{DATASET}/class/{_slug(cls)}")
        yield DATASET, VOID.classPartition, part, g
        yield part, VOID["class"], URIRef(cls), g
        yield part, VOID.entities, _int(n), g
    for prop, n in sorted(props.items()):
        part = URIRef(f"{DATASET}/property/{_slug(prop)}")
        yield DATASET, VOID.propertyPartition, part, g
        yield part, VOID.property, URIRef(prop), g
        yield part, VOID.triples, _int(n), g
    for graph, n in sorted(per_graph.items()):
        sub = URIRef(f"{DATASET}/graph/{_slug(graph)}")
        yield DATASET, VOID.subset, sub, g
        yield sub, RDF.type, VOID.Dataset, g
        yield sub, VOID.triples, _int(n), g
        yield sub, DCTERMS.source, URIRef(graph), g
    for fmt, (ext, media) in sorted(FORMATS.items()):
        dist = URIRef(f"{DATASET}/distribution/{fmt}")
        yield DATASET, DCAT.distribution, dist, g
        yield DATASET, VOID.dataDump, URIRef(f"{BASE}download/nhskg.{ext}"), g
        yield dist, RDF.type, DCAT.Distribution, g
        yield dist, DCAT.mediaType, Literal(media), g
        yield dist, DCAT.downloadURL, URIRef(f"{BASE}download/nhskg.{ext}"), g


def _slug(iri: str) -> str:
    tail = iri.removeprefix(BASE)
    return "".join(c if c.isalnum() else "-" for c in tail).strip("-")
