"""The project's IRIs: one base, readable slugs, and the prefixes every query gets."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/nhskg/"
NHS = Namespace(BASE + "ontology#")          # terms
ID = Namespace(BASE + "id/")                  # named things: bodies, people, laws, documents...
FACT = Namespace(BASE + "fact/")              # statements
EVIDENCE = Namespace(BASE + "evidence/")      # evidence nodes and their selectors
GRAPH = Namespace(BASE + "graph/")            # named graphs
ONTOLOGY_IRI = BASE + "ontology"
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

ONTOLOGY_GRAPH = GRAPH["ontology"]
SOURCES_GRAPH = GRAPH["sources"]
DATASET_GRAPH = GRAPH["dataset"]


def curated_graph(source_id: str) -> str:
    return GRAPH[f"curated/{source_id}"]


def extracted_graph(source_id: str) -> str:
    return GRAPH[f"extracted/{source_id}"]


PREFIXES: dict[str, str] = {
    "nhs": str(NHS), "id": str(ID), "fact": str(FACT), "ev": str(EVIDENCE), "g": str(GRAPH),
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS),
    "dcterms": str(DCTERMS), "foaf": str(FOAF), "org": str(ORG), "prov": str(PROV), "oa": str(OA),
    "eli": str(ELI), "void": str(VOID), "dcat": str(DCAT),
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix above, prepended to queries that lack them."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
