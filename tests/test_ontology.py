"""The ontology is a first-class artefact: versioned, documented, aligned, and strong enough to catch wrong facts."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from nhskg.graph.ontology import entity_kinds, ontology_graph
from nhskg.graph.reason import InconsistentGraph, reason, store_triples
from nhskg.graph.store import open_store
from nhskg.namespaces import NHS

ONTOLOGY = URIRef("https://w3id.org/nhskg/ontology")


def _own_terms(g: Graph, kinds) -> set:
    return {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(NHS))}


def test_ontology_is_versioned() -> None:
    g = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY, OWL.versionInfo) is not None
    assert str(g.value(ONTOLOGY, OWL.versionIRI)).endswith(str(g.value(ONTOLOGY, OWL.versionInfo)))


def test_every_class_and_property_has_label_and_comment() -> None:
    g = ontology_graph()
    terms = _own_terms(g, [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
    assert len(terms) > 80
    missing = sorted(str(t) for t in terms if g.value(t, RDFS.label) is None or g.value(t, RDFS.comment) is None)
    assert missing == []


def test_aligned_with_standard_vocabularies() -> None:
    g = ontology_graph()
    parents = {str(o) for s in _own_terms(g, [OWL.Class]) for o in g.objects(s, RDFS.subClassOf)}
    for ns in ("http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://xmlns.com/foaf/0.1/",
               "http://data.europa.eu/eli/ontology#", "http://www.w3.org/ns/oa#", "http://purl.org/dc/terms/",
               "http://www.w3.org/2004/02/skos/core#"):
        assert any(p.startswith(ns) for p in parents), f"no class aligned to {ns}"


def test_kinds_cover_the_domain() -> None:
    kinds = entity_kinds()
    for k in ("Body", "NHSBody", "Commissioner", "Provider", "Regulator", "Person", "Role", "Place", "Footprint",
              "Duty", "Power", "Function", "Act", "Provision", "StatutoryInstrument", "Proposal", "Regime",
              "Document", "Event", "ThinkTank", "MembershipBody", "MediaOrganisation", "ParliamentaryBody"):
        assert k in kinds
    assert "Statement" not in kinds and "Holding" not in kinds


def test_real_graph_is_consistent_under_hermit(built) -> None:
    report = reason(store_triples(open_store(built.out)))
    assert report.consistent


def _with(built, *extra: tuple[str, str, str]) -> list[ox.Triple]:
    triples = store_triples(open_store(built.out))
    return triples + [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in extra]


def test_body_typed_as_person_is_caught_with_a_readable_message(built) -> None:
    bad = _with(built, ("https://w3id.org/nhskg/id/nhs-england", str(RDF.type), str(NHS.Person)))
    with pytest.raises(InconsistentGraph, match=r"nhs-england is both .*Person.*disjoint|nhs-england is both"):
        reason(bad)


def test_document_as_duty_holder_is_caught_through_the_range(built) -> None:
    fact = "https://w3id.org/nhskg/fact/bad-holding"
    bad = _with(built, (fact, str(RDF.type), str(NHS.Holding)),
                (fact, str(NHS.holder), "https://w3id.org/nhskg/id/long-term-plan"))
    with pytest.raises(InconsistentGraph, match="long-term-plan .* holder .* must be Body or Office"):
        reason(bad)
