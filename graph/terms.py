"""Conversion between rdflib terms (the API users see) and pyoxigraph terms (the store's)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


@lru_cache(maxsize=1 << 16)
def _named_node(iri: str) -> ox.NamedNode:
    # Predicates, classes, graphs and sources repeat in every record: build (and check) each IRI
    # once. pyoxigraph terms are immutable, so sharing one object is safe.
    return ox.NamedNode(iri)


def to_ox(term: Any) -> Any:
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Any) -> Any:
    """pyoxigraph term -> rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"not an RDF term: {term!r}")


def quad_to_ox(s: Any, p: Any, o: Any, g: Any) -> ox.Quad:
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if g is None else to_ox(g))
