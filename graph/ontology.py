"""The ontology as data: loading it and reading the entity kinds the fact files may use."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from nhskg.namespaces import NHS
from nhskg.paths import ONTOLOGY_FILE

# Classes that are abstract or are given by the build itself, never named in entities/*.yaml.
NOT_ENTITY_KINDS = {"Agent", "LegalPosition", "Legislation", "Statement", "Evidence", "Term", "SourceDocument",
                    "StanceKind", "ChangeAction", "AnswerStatus"}


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


def _subclasses_of(g: Graph, cls) -> set:
    found, todo = set(), [cls]
    while todo:
        for sub in g.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


@lru_cache(maxsize=1)
def entity_kinds() -> frozenset[str]:
    """Local names of the nhs: classes an entity may be typed with."""
    g = ontology_graph()
    statements = {str(c) for c in _subclasses_of(g, NHS.Statement)}
    kinds = set()
    for cls in g.subjects(RDF.type, OWL.Class):
        iri = str(cls)
        if iri.startswith(str(NHS)) and iri not in statements:
            name = iri[len(str(NHS)):]
            if name not in NOT_ENTITY_KINDS:
                kinds.add(name)
    return frozenset(kinds)
