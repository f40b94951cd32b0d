"""Cutting the projection down to what a page shows: kinds, one source, the neighbourhood of one entity.

These work on the NetworkX projection (not SPARQL) so every option combines with every other and
with ``--regime`` (which the projection itself applies) in any order.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from nhskg.errors import QueryError
from nhskg.graph.projection import KIND_PRIORITY, group_of

GROUPS = sorted({group_of(k) for k in KIND_PRIORITY})


def parse_kinds(spec: str | Iterable[str]) -> set[str]:
    """"Body,Person" -> {"Body", "Person"}; groups (Body, Law...) and fine kinds (Regulator...) both count.

    Names are matched without regard to case; an unknown name is an error listing the valid ones.
    """
    names = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    valid = {n.casefold(): n for n in [*GROUPS, *KIND_PRIORITY]}
    out = set()
    for name in names:
        if name.casefold() not in valid:
            raise QueryError(f"unknown kind '{name}'. Kinds: {', '.join(GROUPS)} "
                             f"(or a finer one: {', '.join(sorted(set(KIND_PRIORITY) - set(GROUPS)))})")
        out.add(valid[name.casefold()])
    if not out:
        raise QueryError("--kinds needs at least one kind, e.g. --kinds Body,Person")
    return out


def restrict_kinds(g: nx.MultiDiGraph, kinds: set[str], keep: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Only entities of these kinds (matching their group, main kind or any of their kinds)."""
    keep = set(keep)
    chosen = [n for n, d in g.nodes(data=True)
              if n in keep or d.get("group") in kinds or d.get("kind") in kinds or kinds & set(d.get("kinds", ()))]
    return g.subgraph(chosen).copy()


def restrict_source(g: nx.MultiDiGraph, source: str) -> nx.MultiDiGraph:
    """Only the facts with evidence in ``source`` (an IRI), and the entities they connect."""
    h = nx.MultiDiGraph()
    for u, v, k, d in g.edges(keys=True, data=True):
        if source in d.get("sources", ()):
            for n in (u, v):
                if n not in h:
                    h.add_node(n, **g.nodes[n])
            h.add_edge(u, v, key=k, **d)
    return h


def neighbourhood(g: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """Entities within ``depth`` hops of ``centre`` whatever the edge direction, with the edges among them."""
    if centre not in g:
        raise QueryError("the focus entity has no facts in this view (try without --regime/--source/--kinds)")
    if depth < 0:
        raise QueryError("--depth must be 0 or more")
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), centre, cutoff=depth)
    return g.subgraph(near).copy()
