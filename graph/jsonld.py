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
        self._iris: dict[str, str] = {}
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
        # Memoised: the same predicates, classes and objects come back on every node.
        hit = self._iris.get(iri)
        if hit is None:
            hit = self._iris[iri] = self._compact(iri)
        return hit

    def _compact(self, iri: str) -> str:
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
            vals = nodes[sid][key]
            if len(vals) > 1:
                vals = sorted(vals, key=lambda v: json.dumps(v, sort_keys=True))
            node[key] = vals[0] if len(vals) == 1 else vals
        graph.append(node)
    doc = {"@context": context, "@graph": graph}
    return (dumps_indent1(doc) + "\n").encode("utf-8")


def dumps_indent1(obj: Any) -> str:
    """Exactly ``json.dumps(obj, indent=1, ensure_ascii=False)``, several times faster.

    With ``indent`` set, the standard library falls back to its pure-Python generator encoder,
    which took most of the JSON-LD export's time at a million triples; this writes the same text
    with a plain recursive function (strings and numbers still go through the json module).
    """
    out: list[str] = []
    _emit(obj, 0, out)
    return "".join(out)


_encode_str = json.encoder.encode_basestring  # the C version when available, as json.dumps uses
_encode_other = json.JSONEncoder(ensure_ascii=False).encode


def _emit(obj: Any, level: int, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(_encode_str(obj))
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        pad = "\n" + " " * (level + 1)
        first = True
        for key, value in obj.items():
            out.append("{" + pad if first else "," + pad)
            first = False
            out.append(_encode_str(key) if isinstance(key, str) else _encode_str(_encode_other(key)))
            out.append(": ")
            _emit(value, level + 1, out)
        out.append("\n" + " " * level + "}")
    elif isinstance(obj, (list, tuple)):
        if not obj:
            out.append("[]")
            return
        pad = "\n" + " " * (level + 1)
        first = True
        for value in obj:
            out.append("[" + pad if first else "," + pad)
            first = False
            _emit(value, level + 1, out)
        out.append("\n" + " " * level + "]")
    else:
        out.append(_encode_other(obj))
