"""Compact JSON-LD written directly from triples with the project's own @context.

rdflib's JSON-LD serialiser takes seconds on the real graph; this writer applies the context's
prefixes and term definitions itself (a term is used only where its coercion matches the value, so
the output always expands back to the same triples) and sorts everything, so output is stable.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Compactor:
    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes = sorted(((v, k) for k, v in context.items() if isinstance(v, str) and not k.startswith("@")),
                               key=lambda kv: -len(kv[0]))
        self.terms: dict[str, tuple[str, dict]] = {}
        for term, spec in context.items():
            if isinstance(spec, dict):
                self.terms[self.expand(spec["@id"])] = (term, spec)

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        for ns, p in self.prefixes:
            if p == prefix:
                return ns + local
        return curie

    def iri(self, iri: str) -> str:
        for ns, prefix in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def value(self, term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            return {"@id": self.iri(term.value)}
        if isinstance(term, ox.BlankNode):
            return {"@id": f"_:{term.value}"}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.iri(term.datatype.value)}

    def key_and_value(self, predicate: str, obj: Any) -> tuple[str, Any]:
        """Use a defined term when its coercion fits this value, else the compact IRI."""
        if predicate in self.terms:
            term, spec = self.terms[predicate]
            if spec.get("@type") == "@id" and isinstance(obj, ox.NamedNode):
                return term, self.iri(obj.value)
            if "@language" in spec and isinstance(obj, ox.Literal) and obj.language == spec["@language"]:
                return term, obj.value
            if set(spec) == {"@id"}:
                return term, self.value(obj)
        return self.iri(predicate), self.value(obj)


def to_jsonld(triples: list[ox.Triple], context: dict[str, Any]) -> bytes:
    c = Compactor(context)
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        sid = c.iri(t.subject.value) if isinstance(t.subject, ox.NamedNode) else f"_:{t.subject.value}"
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            nodes[sid]["@type"].append(c.iri(t.object.value))
        else:
            key, val = c.key_and_value(t.predicate.value, t.object)
            nodes[sid][key].append(val)
    graph = []
    for sid in sorted(nodes):
        node: dict[str, Any] = {"@id": sid}
        for key in sorted(nodes[sid]):
            vals = sorted(nodes[sid][key], key=lambda v: json.dumps(v, sort_keys=True))
            node[key] = vals[0] if len(vals) == 1 else vals
        graph.append(node)
    doc = {"@context": context, "@graph": graph}
    return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
