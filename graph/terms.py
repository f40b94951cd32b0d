"""RDF terms in the three forms the project uses, and the conversions between them.

- rdflib terms: the API users see (query results, ``open_dataset``).
- pyoxigraph terms: the store's.
- N-Triples strings (``"<iri>"``, ``'"text"@en'``): what the build makes. A million quads as tuples
  of strings cost a fraction of the time and memory of either kind of term object, hash fast for
  the distinct set and the VoID counts, and join straight into the N-Quads the store bulk-loads.
  Literals are written by pyoxigraph itself (``str(ox.Literal(...))``), so their escaping is the
  store's own and an export is byte-identical whichever path made it.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)
_XSD = str(XSD)

#: A quad of N-Triples terms: subject, predicate, object, graph name (always a named graph here).
NtQuad = tuple[str, str, str, str]


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


# -- N-Triples strings ------------------------------------------------------------------------

class NtNamespace:
    """Like an rdflib Namespace, but ``NS.term`` and ``NS["term"]`` are N-Triples IRI strings.

    Only for names the code itself writes or slugs the fact loader has checked: such IRIs need no
    validation. IRIs from the data (source URLs, ``same_as``) go through :func:`nt_iri`.
    """

    def __init__(self, base: str) -> None:
        self._base = str(base)
        self._cache: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        iri = self._cache.get(name)
        if iri is None:  # one shared string per IRI: a million quads repeat a few thousand names
            iri = self._cache[name] = f"<{self._base}{name}>"
        return iri

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __str__(self) -> str:
        return self._base


def nt_iri(iri: str) -> str:
    """An IRI from the data, checked: ValueError if it is not a valid absolute IRI."""
    return str(_named_node(str(iri)))


def nt_literal(value: Any, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal as N-Triples; Python bools and ints get xsd:boolean / xsd:integer as rdflib gives them."""
    if lang:
        return str(ox.Literal(value, language=lang))
    if datatype is None:
        if isinstance(value, bool):
            value, datatype = ("true" if value else "false"), _XSD + "boolean"
        elif isinstance(value, int):
            value, datatype = str(value), _XSD + "integer"
        else:
            return str(ox.Literal(value))
    return str(ox.Literal(str(value), datatype=_named_node(datatype)))


def nt(term: Any) -> str:
    """rdflib term -> N-Triples string."""
    if isinstance(term, URIRef):
        return nt_iri(term)
    return str(to_ox(term))


def nt_quad(s: Any, p: Any, o: Any, g: Any) -> NtQuad:
    """An rdflib quad (as the extractors and extra stages yield) -> a quad of N-Triples strings."""
    return nt(s), nt(p), nt(o), nt(g)


def ox_quad(q: ox.Quad) -> NtQuad:
    return str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)


def nquads(quads: Iterable[NtQuad]) -> bytes:
    """The quads as N-Quads text, in the order given."""
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads).encode("utf-8")


def to_ox_quads(quads: Iterable[NtQuad]) -> list[ox.Quad]:
    """N-Triples-string quads -> pyoxigraph quads, blank-node labels kept as they are."""
    return list(ox.parse(nquads(quads), format=ox.RdfFormat.N_QUADS))
