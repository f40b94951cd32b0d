"""Projection of the RDF graph onto a NetworkX multigraph of named things.

Nodes are entities (bodies, people, places, laws, proposals, regimes, duties, documents, events),
with their label and kinds. Each statement becomes one directed edge from its actor to what it is
about (holder -> duty, speaker -> proposal, subject -> repealed law, member -> body...), carrying
the statement IRI, its type, relation, regime, sources and quotes (and ``evidence``: each quote
with its own source). Holdings also add an edge from the regime to the holder, so regimes sit at
the centre of who-holds-what.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from nhskg.graph.engine import Engine
from nhskg.queries.run import run_named

NODES_QUERY = """
SELECT ?node ?label (GROUP_CONCAT(DISTINCT ?kindName; SEPARATOR=",") AS ?kinds) WHERE {
  ?node skos:prefLabel ?label ; a ?kind .
  FILTER(STRSTARTS(STR(?node), "https://w3id.org/nhskg/id/"))
  FILTER(STRSTARTS(STR(?kind), STR(nhs:)))
  BIND(STRAFTER(STR(?kind), "#") AS ?kindName)
}
GROUP BY ?node ?label
"""

# The most specific kind wins when an entity has several (for colour and filtering).
KIND_PRIORITY = ["Person", "Office", "Role", "Regime", "Proposal", "Duty", "Power", "Function", "Provision", "Act",
                 "StatutoryInstrument", "Bill", "Footprint", "Place", "Paragraph", "Event", "Document",
                 "Regulator", "Commissioner", "Provider", "Partnership", "Committee", "NHSBody",
                 "GovernmentDepartment", "LocalGovernment", "ThinkTank", "MembershipBody", "MediaOrganisation",
                 "ParliamentaryBody", "AcademicInstitution", "Company", "Body"]
BODY_KINDS = set(KIND_PRIORITY[KIND_PRIORITY.index("Regulator"):])


def main_kind(kinds: list[str]) -> str:
    for k in KIND_PRIORITY:
        if k in kinds:
            return k
    return kinds[0] if kinds else "Thing"


def group_of(kind: str) -> str:
    """Coarse group for display and analysis: Body, Person, Place, Law, Proposal, Regime, Duty, Document, Event."""
    if kind in BODY_KINDS:
        return "Body"
    return {"Office": "Person", "Role": "Person", "Footprint": "Place", "Provision": "Law", "Act": "Law",
            "StatutoryInstrument": "Law", "Bill": "Law", "Power": "Duty", "Function": "Duty",
            "Paragraph": "Document"}.get(kind, kind)


def project(engine: Engine, regime: str | None = None) -> nx.MultiDiGraph:
    """The multigraph; with ``regime`` (an IRI), statements tied to another regime are left out."""
    g = nx.MultiDiGraph()
    for row in engine.run(NODES_QUERY).rows:
        kinds = sorted(str(row["kinds"]).split(","))
        kind = main_kind(kinds)
        g.add_node(str(row["node"]), label=str(row["label"]), kinds=kinds, kind=kind, group=group_of(kind))
    edges: dict[tuple[str, str, str], dict] = {}
    evidence: dict[tuple[str, str, str], set] = defaultdict(set)
    for row in run_named(engine, "network-edges").rows:
        fact, src, dst = str(row["fact"]), str(row["from"]), str(row["to"])
        reg = str(row["regime"]) if row.get("regime") is not None else None
        if regime and reg and reg != regime:
            continue
        if src not in g or dst not in g:
            continue
        key = (fact, src, dst)
        edges.setdefault(key, {"fact": fact, "type": str(row["type"]), "relation": str(row["relation"]),
                               "regime": reg})
        if row.get("source") is not None:
            evidence[key].add((str(row["source"]), str(row["quote"]) if row.get("quote") is not None else ""))
    for (fact, src, dst), attrs in sorted(edges.items()):
        ev = sorted(evidence[(fact, src, dst)])
        # ``evidence`` keeps each quote with its own source (``sources``/``quotes`` are flat lists).
        pairs = [{"source": s, "quote": q} for s, q in ev]
        g.add_edge(src, dst, key=fact, **attrs, sources=sorted({s for s, _ in ev}),
                   quotes=[q for _, q in ev if q], evidence=pairs)
        if attrs["type"] == "holds" and attrs["regime"] in g:
            g.add_edge(attrs["regime"], src, key=fact + "#regime", fact=fact, type="under-regime",
                       relation="under regime", regime=attrs["regime"], sources=sorted({s for s, _ in ev}),
                       quotes=[q for _, q in ev if q], evidence=pairs)
    return g
