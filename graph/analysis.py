"""Network measures over the NetworkX projection of the graph (graph/projection.py), as tables.

The projection is a directed multigraph: one edge per statement, from its actor to what it is
about. The measures here use its **undirected simple** form (one edge per connected pair, weighted
by how many statements link them), because "who is central" and "who bridges" are about being
connected at all, whichever way a statement points. Entities that no statement links are left out,
and so are regime nodes: every holder would otherwise be one hop from every other through
"Option 2" and the like. Choose a regime with ``regime=`` instead, which keeps only statements true
under it (or under no particular regime).

Community detection (Louvain) uses a fixed seed, so the same graph always gives the same
communities. Every result is an engine :class:`Result`, so the CLI renders it in any format.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from nhskg.errors import QueryError
from nhskg.graph.engine import Engine, Result
from nhskg.graph.projection import BODY_KINDS, project
from nhskg.namespaces import BASE

SEED = 20210108  # the date of the consultation response: any fixed number would do
ACTOR_KINDS = BODY_KINDS | {"Person", "Office"}
SPEAKING = {"stance", "concern", "quote"}
MEASURES = ("centrality", "communities", "bridges", "articulation", "speakers", "comentions")


def _term(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(round(value, 4), datatype=XSD.decimal)
    return Literal(str(value))


def table(columns: list[str], rows: list[list[Any]]) -> Result:
    """Plain Python rows as a SELECT-style result (ints, floats and strings become literals)."""
    return Result("select", columns, [{c: _term(v) for c, v in zip(columns, row)} for row in rows])


def short(iri: str) -> str:
    return str(iri).replace(BASE, "", 1)


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected, one edge per pair (weight = number of statements); regimes and unlinked nodes left out."""
    keep = sorted(n for n, d in g.nodes(data=True) if d.get("kind") != "Regime")
    s = nx.Graph()
    s.add_nodes_from((n, g.nodes[n]) for n in keep)
    weights: Counter = Counter()
    facts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if u == v or u not in s or v not in s:
            continue
        pair = tuple(sorted((u, v)))
        weights[pair] += 1
        facts[pair].add(d["fact"])
    for (u, v), w in sorted(weights.items()):
        s.add_edge(u, v, weight=w, facts=sorted(facts[(u, v)]))
    s.remove_nodes_from([n for n in keep if s.degree(n) == 0])
    return s


@dataclass
class Analysis:
    """The projection and its simple form, with one method per measure."""

    graph: nx.MultiDiGraph
    simple: nx.Graph

    def label(self, node: str) -> str:
        return self.graph.nodes[node].get("label", short(node)) if node in self.graph else short(node)

    def is_actor(self, node: str) -> bool:
        return self.graph.nodes[node].get("kind") in ACTOR_KINDS

    # -- who is central
    def centrality(self, actors_only: bool = True, top: int | None = None) -> Result:
        """Degree (distinct neighbours), statements, degree centrality and betweenness, most between first."""
        s = self.simple
        degree = nx.degree_centrality(s) if len(s) > 1 else {n: 0.0 for n in s}
        between = nx.betweenness_centrality(s, normalized=True) if len(s) > 2 else {n: 0.0 for n in s}
        community = self.community_of()
        rows = []
        for n in s:
            if actors_only and not self.is_actor(n):
                continue
            statements = sum(d["weight"] for _, _, d in s.edges(n, data=True))
            rows.append([self.label(n), s.nodes[n].get("kind", ""), s.degree(n), statements, degree[n],
                         between[n], community.get(n), short(n)])
        rows.sort(key=lambda r: (-r[5], -r[2], r[0]))
        rows = [[i] + r for i, r in enumerate(rows[:top] if top else rows, start=1)]
        return table(["rank", "label", "kind", "neighbours", "statements", "degreeCentrality", "betweenness",
                      "community", "node"], rows)

    # -- groups
    def communities(self) -> list[list[str]]:
        """Louvain communities of the simple graph (weighted), largest first, with a fixed seed."""
        if self.simple.number_of_edges() == 0:
            return [[n] for n in sorted(self.simple)]
        found = nx.community.louvain_communities(self.simple, weight="weight", seed=SEED)
        return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))

    def community_of(self) -> dict[str, int]:
        return {n: i for i, members in enumerate(self.communities(), start=1) for n in members}

    def communities_table(self, show: int = 8) -> Result:
        rows = []
        s = self.simple
        for i, members in enumerate(self.communities(), start=1):
            by_degree = sorted(members, key=lambda n: (-s.degree(n), self.label(n)))
            actors = [n for n in by_degree if self.is_actor(n)]
            kinds = Counter(s.nodes[n].get("group", "") for n in members)
            rows.append([i, len(members), len(actors), "; ".join(self.label(n) for n in actors[:show]),
                         "; ".join(self.label(n) for n in by_degree[:show]),
                         ", ".join(f"{k} {c}" for k, c in sorted(kinds.items(), key=lambda kc: (-kc[1], kc[0])))])
        return table(["community", "size", "actors", "leadingActors", "leadingMembers", "kinds"], rows)

    # -- who bridges
    def bridges(self, include_leaves: bool = False) -> Result:
        """Edges whose removal disconnects the graph; ``cutOff`` is the size of the smaller side."""
        work, rows = self.simple.copy(), []
        size = {n: len(c) for c in nx.connected_components(work) for n in c}
        for u, v in sorted(nx.bridges(work)):
            work.remove_edge(u, v)
            side = len(nx.node_connected_component(work, u))
            work.add_edge(u, v)
            cut = min(side, size[u] - side)
            if cut < 2 and not include_leaves:
                continue
            a, b = sorted((u, v), key=self.label)
            rows.append([self.label(a), self.label(b), cut, self._relations(a, b), " ".join(self._facts(a, b))])
        rows.sort(key=lambda r: (-r[2], r[0], r[1]))
        return table(["from", "to", "cutOff", "relations", "facts"], rows)

    def articulation(self) -> Result:
        """Nodes whose removal splits their component, with how many pieces and the nodes cut off."""
        s, rows = self.simple, []
        for n in sorted(nx.articulation_points(s)):
            rest = s.subgraph(c for c in nx.node_connected_component(s, n) if c != n)
            parts = sorted((len(p) for p in nx.connected_components(rest)), reverse=True)
            rows.append([self.label(n), s.nodes[n].get("kind", ""), len(parts), sum(parts[1:]), s.degree(n), short(n)])
        rows.sort(key=lambda r: (-r[3], -r[2], r[0]))
        return table(["label", "kind", "pieces", "cutOff", "neighbours", "node"], rows)

    # -- who speaks about what
    def speakers(self) -> Result:
        """For each proposal, the actors who take a stance on it, raise a concern about it or are quoted on it."""
        by_proposal: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for u, v, d in self.graph.edges(data=True):
            if d["type"] in SPEAKING and self.graph.nodes[v].get("kind") == "Proposal":
                by_proposal[v][u].add(d["relation"])
        rows = []
        for p, actors in by_proposal.items():
            who = sorted(actors, key=self.label)
            rows.append([self.label(p), len(who),
                         "; ".join(f"{self.label(a)} ({', '.join(sorted(actors[a]))})" for a in who), short(p)])
        rows.sort(key=lambda r: (-r[1], r[0]))
        return table(["proposal", "actors", "who", "node"], rows)

    def co_mentions(self) -> Result:
        """One network per source: entities linked by statements that source evidences, and who is central in it."""
        per_source: dict[str, nx.Graph] = defaultdict(nx.Graph)
        for u, v, d in self.graph.edges(data=True):
            if u == v or "Regime" in (self.graph.nodes[u].get("kind"), self.graph.nodes[v].get("kind")):
                continue
            for src in d.get("sources", []):
                g = per_source[src]
                w = g.get_edge_data(u, v, default={}).get("weight", 0)
                g.add_edge(u, v, weight=w + 1)
        rows = []
        for src in sorted(per_source):
            g = per_source[src]
            top = sorted(g, key=lambda n: (-g.degree(n), self.label(n)))[:5]
            rows.append([short(src), g.number_of_nodes(), g.number_of_edges(), nx.number_connected_components(g),
                         nx.density(g), "; ".join(f"{self.label(n)} ({g.degree(n)})" for n in top)])
        rows.sort(key=lambda r: (-r[2], r[0]))
        return table(["source", "entities", "links", "components", "density", "mostConnected"], rows)

    def measure(self, name: str) -> Result:
        if name == "communities":
            return self.communities_table()
        if name not in MEASURES:
            raise QueryError(f"no measure '{name}' (measures: {', '.join(MEASURES)})")
        return getattr(self, {"comentions": "co_mentions"}.get(name, name))()

    # -- how two entities connect
    def path(self, a: str, b: str) -> list[dict[str, str]]:
        """The shortest chain of statements from ``a`` to ``b`` (IRIs), one hop per row with its evidence."""
        for n in (a, b):
            if n not in self.simple:
                raise QueryError(f"{self.label(n)} is not linked to anything in the network"
                                 + (" (regimes are not part of it)" if n in self.graph else ""))
        try:
            nodes = nx.shortest_path(self.simple, a, b)
        except nx.NetworkXNoPath:
            raise QueryError(f"no chain of statements connects {self.label(a)} and {self.label(b)}") from None
        hops = []
        for step, (u, v) in enumerate(zip(nodes, nodes[1:]), start=1):
            edge = self._best_edge(u, v)
            forward = edge[0] == u
            hops.append({"step": str(step), "from": self.label(u), "relation": edge[2]["relation"],
                         "direction": "→" if forward else "←", "to": self.label(v),
                         "fact": short(edge[2]["fact"]), "quote": (edge[2].get("quotes") or [""])[0],
                         "source": ", ".join(short(s) for s in edge[2].get("sources", [])),
                         "statements": str(self.simple.edges[u, v]["weight"])})
        return hops

    # -- helpers
    def _edges(self, u: str, v: str) -> list[tuple[str, str, dict]]:
        out = [(u, v, d) for d in self.graph.get_edge_data(u, v, default={}).values()]
        out += [(v, u, d) for d in self.graph.get_edge_data(v, u, default={}).values()]
        return sorted(out, key=lambda e: e[2]["fact"])

    def _facts(self, u: str, v: str) -> list[str]:
        return sorted({short(d["fact"]).removeprefix("fact/") for _, _, d in self._edges(u, v)})

    def _relations(self, u: str, v: str) -> str:
        return ", ".join(sorted({d["relation"] for _, _, d in self._edges(u, v)}))

    def _best_edge(self, u: str, v: str) -> tuple[str, str, dict]:
        """Prefer an edge with a verbatim quote, then the first by fact id, so paths read the same each time."""
        edges = self._edges(u, v)
        return next((e for e in edges if e[2].get("quotes")), edges[0])


def analyse(engine: Engine, regime: URIRef | str | None = None) -> Analysis:
    g = project(engine, str(regime) if regime else None)
    return Analysis(g, simple_graph(g))

