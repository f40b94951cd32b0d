"""Parameters for the named queries, picked from the generated data by reading each ``# param:`` line.

New queries appear in queries/ all the time, so nothing here names a query: a parameter's name and
description say what it wants ("regime", "a duty, power or function", "the second person...") and a
keyword table maps that to a pool of generated entities (see generate.World.pools). Required
parameters are bound; optional ones are left out, so each query is timed at its widest (the whole
table), which is the case a researcher waits for.
"""
from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from nhskg.namespaces import FACT, ID

# (keyword in "name description", pool); first match wins, so specific words come first.
POOLS: list[tuple[str, str]] = [
    ("regime", "regime"), ("paragraph", "paragraph"), ("speaker", "person"), ("person", "person"),
    ("position", "position"), ("duty", "position"), ("place", "place"), ("footprint", "place"),
    ("proposal", "proposal"), ("about", "proposal"), ("board", "body"), ("holder", "body"),
    ("law", "law"), ("act", "law"), ("event", "event"), ("document", "document"), ("target", "target"),
    ("subject", "target"), ("object", "body"), ("organisation", "body"), ("body", "body"),
]
STRINGS: dict[str, str] = {"answered": "no", "action": "amends", "stance": "opposes", "kind": "Duty",
                           "type": "holds", "origin": "curated"}
DEFAULT_STRING = "integrated"


def _entity(name: str, description: str, manifest: dict[str, Any], used: dict[str, int]) -> URIRef:
    text = f"{name} {description}".lower()
    if name == "source":
        return URIRef(str(ID) + manifest["sources"][0])
    pool = next((p for word, p in POOLS if word in text), None)
    if pool is None:
        pool = "person" if name == "a" else "body"
    samples = manifest["samples"][pool]
    n = used.get(pool, 0)          # a second parameter from the same pool gets the next sample
    used[pool] = n + 1
    return URIRef(str(ID) + samples[n % len(samples)])


def bindings_for(query: Any, manifest: dict[str, Any]) -> dict[str, Any]:
    """name -> rdflib term for every required parameter of ``query`` (a library.NamedQuery)."""
    out: dict[str, Any] = {}
    used: dict[str, int] = {}
    for p in query.params:
        if p.optional:
            continue
        if p.type == "entity":
            out[p.name] = _entity(p.name, p.description, manifest, used)
        elif p.type == "fact":
            out[p.name] = URIRef(str(FACT) + manifest["facts"].get("holds", next(iter(manifest["facts"].values()))))
        elif p.type == "integer":
            out[p.name] = Literal(2021, datatype=XSD.integer)
        else:
            out[p.name] = Literal(STRINGS.get(p.name, DEFAULT_STRING))
    return out
