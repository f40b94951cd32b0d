"""What an entity page shows, read from the graph with a few fixed queries.

The page is generic (any subject of the graph gets one: entities, statements, evidence,
sources, the dataset), with two sections that make it useful for this graph in particular:
the statements that mention the resource, each with the other entities involved and its
verbatim evidence, and the sources those quotes come from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from nhskg.graph.engine import Engine
from nhskg.namespaces import NHS
from nhskg.server.urls import compact, href

LABEL_PROPS = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
Q_OUT = """
SELECT DISTINCT ?this ?p ?o ?pLabel ?oLabel WHERE {
  ?this ?p ?o .
  OPTIONAL { ?p rdfs:label ?pLabel }
  OPTIONAL { ?o skos:prefLabel ?l1 } OPTIONAL { ?o rdfs:label ?l2 } OPTIONAL { ?o dcterms:title ?l3 }
  BIND(COALESCE(?l1, ?l2, ?l3) AS ?oLabel)
}"""
Q_IN = """
SELECT DISTINCT ?this ?s ?p ?sLabel ?pLabel WHERE {
  ?s ?p ?this .
  FILTER NOT EXISTS { ?s a ?c . ?c rdfs:subClassOf nhs:Statement }
  FILTER NOT EXISTS { ?s a nhs:Evidence }
  OPTIONAL { ?p rdfs:label ?pLabel }
  OPTIONAL { ?s skos:prefLabel ?l1 } OPTIONAL { ?s rdfs:label ?l2 } OPTIONAL { ?s dcterms:title ?l3 }
  BIND(COALESCE(?l1, ?l2, ?l3) AS ?sLabel)
} LIMIT 2000"""
Q_FACTS = """
SELECT DISTINCT ?this ?fact ?factLabel ?type ?role ?other ?otherLabel ?otherRole WHERE {
  ?fact ?p ?this .
  ?fact a ?cls . ?cls rdfs:subClassOf nhs:Statement ; rdfs:label ?type .
  OPTIONAL { ?fact rdfs:label ?factLabel }
  OPTIONAL { ?p rdfs:label ?role }
  OPTIONAL { ?fact ?p2 ?other . FILTER(?other != ?this) ?other skos:prefLabel ?otherLabel .
             OPTIONAL { ?p2 rdfs:label ?otherRole } }
}"""
Q_EVIDENCE = """
SELECT DISTINCT ?this ?fact ?ev ?quote ?src ?srcLabel ?file ?url ?start ?end ?note WHERE {
  { SELECT ?this ?fact ?ev WHERE {   # a subquery, so the store finds the few evidence nodes first
      { ?this nhs:evidence ?ev . BIND(?this AS ?fact) }
      UNION { ?fact ?p ?this . ?fact a ?cls . ?cls rdfs:subClassOf nhs:Statement . ?fact nhs:evidence ?ev } } }
  ?ev oa:hasSource ?src .
  OPTIONAL { ?src rdfs:label ?srcLabel }
  OPTIONAL { ?src nhs:fileName ?file }
  OPTIONAL { ?src foaf:page ?url }
  OPTIONAL { ?ev nhs:quote ?quote }
  OPTIONAL { ?ev rdfs:comment ?note }
  OPTIONAL { ?ev oa:hasSelector ?sel . ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
}"""
Q_CITED = """
SELECT DISTINCT ?this ?fact ?factLabel WHERE {
  ?ev oa:hasSource ?this . ?fact nhs:evidence ?ev ; rdfs:label ?factLabel .
} ORDER BY ?factLabel LIMIT 2000"""


@dataclass
class Value:
    text: str
    href: str | None = None
    note: str = ""        # language tag or datatype of a literal, compact IRI of a link


@dataclass
class Row:
    label: str
    iri: str
    values: list[Value] = field(default_factory=list)


@dataclass
class EvidenceItem:
    quote: str | None
    source: Value
    where: str            # "file.txt@1234-1290" or ""
    note: str = ""


@dataclass
class FactItem:
    iri: str
    href: str
    label: str
    type: str
    role: str
    others: dict[str, list[Value]] = field(default_factory=dict)   # role -> the other entities
    evidence: list[EvidenceItem] = field(default_factory=list)


@dataclass
class Page:
    iri: str
    label: str
    kinds: list[Value]
    alt: list[str]
    definition: str
    notes: list[str]
    own_evidence: list[EvidenceItem]
    facts: list[FactItem]
    properties: list[Row]
    inbound: list[Row]
    cited_by: list[Value]
    sources: list[Value]


def _value(term, label=None) -> Value:
    if isinstance(term, URIRef):
        iri = str(term)
        return Value(str(label) if label is not None else compact(iri), href(iri), compact(iri))
    if isinstance(term, Literal):
        note = f"@{term.language}" if term.language else (compact(str(term.datatype)) if term.datatype else "")
        return Value(str(term), None, note)
    return Value(str(term))


def _rows(engine: Engine, query: str, iri: URIRef, timeout: float) -> list[dict]:
    return engine.run(query, {"this": iri}, timeout).rows


def describe(engine: Engine, iri: str, timeout: float = 10.0) -> Page:
    """Everything the entity page of ``iri`` shows (the caller checked that it exists)."""
    this = URIRef(iri)
    out = _rows(engine, Q_OUT, this, timeout)
    props: dict[str, Row] = {}
    seen: set[tuple[str, str]] = set()
    first: dict[str, str] = {}
    kinds: list[Value] = []
    alt, notes, definition = [], [], ""
    for r in out:
        p, o = r["p"], r["o"]
        if (str(p), o.n3()) in seen:
            continue
        seen.add((str(p), o.n3()))
        if p in LABEL_PROPS and p not in first and isinstance(o, Literal):
            first[p] = str(o)
        if p == RDF.type and str(o).startswith(str(NHS)):
            kinds.append(_value(o, r.get("oLabel")))
        elif p == SKOS.altLabel:
            alt.append(str(o))
        elif p == SKOS.definition:
            definition = str(o)
        elif p in (SKOS.scopeNote, RDFS.comment):
            notes.append(str(o))
        row = props.setdefault(str(p), Row(str(r["pLabel"]) if r.get("pLabel") else compact(str(p)), str(p)))
        row.values.append(_value(o, r.get("oLabel")))
    label = next((first[p] for p in LABEL_PROPS if p in first), compact(iri))

    evidence: dict[str, list[EvidenceItem]] = {}
    sources: dict[str, Value] = {}
    seen_ev: set[tuple[str, str]] = set()
    for r in _rows(engine, Q_EVIDENCE, this, timeout):
        key = (str(r["fact"]), str(r["ev"]))
        if key in seen_ev:
            continue
        seen_ev.add(key)
        src = _value(r["src"], r.get("srcLabel"))
        where = ""
        if r.get("file") is not None:
            where = str(r["file"]) + (f"@{r['start']}-{r['end']}" if r.get("start") is not None else "")
        item = EvidenceItem(str(r["quote"]) if r.get("quote") is not None else None, src, where,
                            str(r["note"]) if r.get("note") is not None else "")
        evidence.setdefault(str(r["fact"]), []).append(item)
        if str(r["src"]) not in sources:
            ext = f" · {r['url']}" if r.get("url") is not None else ""
            sources[str(r["src"])] = Value(src.text, src.href, (str(r["file"]) if r.get("file") else "") + ext)
    for items in evidence.values():
        items.sort(key=lambda e: (e.source.text, e.where))

    facts: dict[str, FactItem] = {}
    for r in _rows(engine, Q_FACTS, this, timeout):
        f = str(r["fact"])
        item = facts.get(f)
        if item is None:
            item = facts[f] = FactItem(f, href(f), str(r.get("factLabel") or compact(f)), str(r["type"]),
                                       str(r["role"]) if r.get("role") is not None else "",
                                       evidence=evidence.get(f, []))
        if r.get("other") is not None:
            role = str(r["otherRole"]) if r.get("otherRole") is not None else "linked"
            group = item.others.setdefault(role, [])
            other = _value(r["other"], r["otherLabel"])
            if all(other.href != o.href for o in group):
                group.append(other)
    fact_list = sorted(facts.values(), key=lambda f: (f.type, f.label))

    inbound: dict[str, Row] = {}
    seen_in: set[tuple[str, str]] = set()
    for r in _rows(engine, Q_IN, this, timeout):
        if (str(r["p"]), str(r["s"])) in seen_in:
            continue
        seen_in.add((str(r["p"]), str(r["s"])))
        row = inbound.setdefault(str(r["p"]), Row(str(r["pLabel"]) if r.get("pLabel") else compact(str(r["p"])),
                                                  str(r["p"])))
        row.values.append(_value(r["s"], r.get("sLabel")))
    cited = []
    seen_cited: set[str] = set()
    for r in _rows(engine, Q_CITED, this, timeout):
        if str(r["fact"]) not in seen_cited:
            seen_cited.add(str(r["fact"]))
            cited.append(_value(r["fact"], r["factLabel"]))

    for row in list(props.values()) + list(inbound.values()):
        row.values.sort(key=lambda v: v.text.casefold())
    return Page(iri, label, kinds, sorted(set(alt)), definition, notes, evidence.get(iri, []), fact_list,
                sorted(props.values(), key=lambda r: r.label.casefold()),
                sorted(inbound.values(), key=lambda r: r.label.casefold()), cited,
                sorted(sources.values(), key=lambda v: v.text.casefold()))
