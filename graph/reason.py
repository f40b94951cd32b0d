"""OWL reasoning over the ontology plus the data, with HermiT through owlready2.

owlready2 cannot read Turtle, so the ontology and the data are handed to it as N-Triples. Literals
whose datatypes are outside the OWL 2 datatype map (xsd:gYear, xsd:gYearMonth) are left out: they
carry dates, which no axiom constrains, and HermiT would reject them.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from nhskg.errors import NhskgError

NOT_OWL2_DATATYPES = {"http://www.w3.org/2001/XMLSchema#gYear", "http://www.w3.org/2001/XMLSchema#gYearMonth",
                      "http://www.w3.org/2001/XMLSchema#date"}


class InconsistentGraph(NhskgError):
    """The reasoner found a contradiction between the data and the ontology's axioms."""


@dataclass
class ReasonReport:
    consistent: bool
    triples: int
    individuals: int
    message: str


def _owl_safe(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    out = []
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and o.datatype.value in NOT_OWL2_DATATYPES:
            continue
        out.append(t)
    return out


def reason(triples: Iterable[ox.Triple]) -> ReasonReport:
    """Run HermiT on ``triples`` (ontology and data together); raise InconsistentGraph if they clash."""
    import owlready2

    safe = _owl_safe(triples)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "nhskg-reasoning.nt"
        path.write_bytes(ox.serialize(safe, format=ox.RdfFormat.N_TRIPLES))
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        individuals = len(list(onto.individuals()))
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            raise InconsistentGraph(explain(world, safe, str(exc))) from exc
        inconsistent = list(world.inconsistent_classes())
        world.close()
    if inconsistent:
        names = ", ".join(sorted(str(c) for c in inconsistent)[:10])
        raise InconsistentGraph(f"unsatisfiable classes (no individual could belong to them): {names}")
    return ReasonReport(True, len(safe), individuals, "consistent")


def explain(world, triples: list[ox.Triple], raw: str) -> str:
    """A readable message: which individuals are typed with disjoint classes, when that is the cause."""
    from collections import defaultdict

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    types: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        if t.predicate.value == rdf_type and isinstance(t.object, ox.NamedNode):
            types[t.subject.value].add(t.object.value)
    disjoint = _disjoint_pairs(triples)
    ancestors = _ancestors(triples)
    clashes = []
    for ind, direct in sorted(types.items()):
        closure = set().union(*(ancestors.get(c, {c}) for c in direct))
        for a, b in disjoint:
            if a in closure and b in closure:
                clashes.append(f"{_short(ind)} is both {_short(a)} and {_short(b)}, which are disjoint")
                break
    clashes += _range_clashes(triples, types, ancestors, disjoint)
    clashes += _datatype_clashes(triples)
    if clashes:
        return "the graph is inconsistent: " + "; ".join(clashes[:5])
    return "the graph is inconsistent (HermiT): " + re.sub(r"\s+", " ", raw)[:400] + \
        " (an individual may be inferred, through a property's domain or range, into two disjoint classes)"


def _range_clashes(triples: list[ox.Triple], types: dict[str, set[str]], ancestors: dict[str, set[str]],
                   disjoint: list[tuple[str, str]]) -> list[str]:
    """Uses of a property whose domain or range (a class or a union) the value cannot belong to."""
    dom, rng = "http://www.w3.org/2000/01/rdf-schema#domain", "http://www.w3.org/2000/01/rdf-schema#range"
    union = "http://www.w3.org/2002/07/owl#unionOf"
    first, rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first", "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
    val = {t.subject: t.object for t in triples if t.predicate.value == first}
    nxt = {t.subject: t.object for t in triples if t.predicate.value == rest}
    unions = {t.subject: t.object for t in triples if t.predicate.value == union}

    def allowed(cls: ox.NamedNode | ox.BlankNode) -> list[str]:
        if isinstance(cls, ox.NamedNode):
            return [cls.value]
        items, node = [], unions.get(cls)
        while node in val:
            items.append(val[node].value)
            node = nxt.get(node)
        return items

    limits: dict[tuple[str, str], list[str]] = {}
    for t in triples:
        if t.predicate.value in (dom, rng):
            limits[(t.subject.value, t.predicate.value)] = allowed(t.object)
    clash_with = {(a, b) for a, b in disjoint} | {(b, a) for a, b in disjoint}
    out = []
    for t in triples:
        for end, node in ((dom, t.subject), (rng, t.object)):
            classes = limits.get((t.predicate.value, end))
            if not classes or not isinstance(node, ox.NamedNode) or node.value not in types:
                continue
            closure = set().union(*(ancestors.get(c, {c}) for c in types[node.value]))
            if all(any((k, a) in clash_with for k in closure for a in ancestors.get(c, {c})) for c in classes):
                role = "subject" if end == dom else "value"
                out.append(f"{_short(node.value)} ({', '.join(sorted(_short(c) for c in types[node.value]))}) is the "
                           f"{role} of {_short(t.predicate.value)} in {_short(t.subject.value if end == rng else t.object.value)}, "
                           f"which must be {' or '.join(_short(c) for c in classes)}")
    return out


def _datatype_clashes(triples: list[ox.Triple]) -> list[str]:
    """Literals whose datatype differs from their datatype property's declared range."""
    rng = "http://www.w3.org/2000/01/rdf-schema#range"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    ranges = {t.subject.value: t.object.value for t in triples
              if t.predicate.value == rng and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(xsd)}
    out = []
    for t in triples:
        want = ranges.get(t.predicate.value)
        if want and isinstance(t.object, ox.Literal):
            got = "rdf:langString" if t.object.language else t.object.datatype.value
            if got != want:
                out.append(f"{_short(t.subject.value)} has {_short(t.predicate.value)} {t.object.value[:40]!r} "
                           f"typed {_short(got)}, but the property's range is {_short(want)}")
    return out


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _ancestors(triples: list[ox.Triple]) -> dict[str, set[str]]:
    sub = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
    parents: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate.value == sub and isinstance(t.object, ox.NamedNode):
            parents.setdefault(t.subject.value, set()).add(t.object.value)
    closure: dict[str, set[str]] = {}

    def up(c: str) -> set[str]:
        if c not in closure:
            closure[c] = {c}
            for p in parents.get(c, ()):
                closure[c] |= up(p)
        return closure[c]

    for c in list(parents):
        up(c)
    return closure


def _disjoint_pairs(triples: list[ox.Triple]) -> list[tuple[str, str]]:
    """Pairs of classes declared disjoint through owl:AllDisjointClasses member lists."""
    first, rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first", "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
    members = "http://www.w3.org/2002/07/owl#members"
    nxt = {t.subject: t.object for t in triples if t.predicate.value == rest}
    val = {t.subject: t.object for t in triples if t.predicate.value == first}
    pairs = []
    for t in triples:
        if t.predicate.value != members:
            continue
        items, node = [], t.object
        while node in val:
            items.append(val[node].value)
            node = nxt.get(node)
        pairs += [(a, b) for i, a in enumerate(items) for b in items[i + 1:]]
    return pairs


def store_triples(store: ox.Store) -> list[ox.Triple]:
    """Every distinct triple of a built store (ontology graph included)."""
    return list({ox.Triple(q.subject, q.predicate, q.object) for q in store})
