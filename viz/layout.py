"""Where the nodes go: computed here for graphs up to a few hundred entities, by the browser beyond.

Why two ways. Up to PRECOMPUTE_LIMIT connected entities the positions are computed in Python
(NetworkX's ForceAtlas2 with a fixed seed and node sizes, so symbols do not overlap): the page
then opens already laid out, identically every time and in every browser, and the figure in a
paper can be regenerated exactly. ForceAtlas2 here is dense NumPy, O(n^2) memory and time per
iteration, so past the limit the page instead lets vis-network's Barnes-Hut physics (O(n log n))
lay the graph out with a capped number of stabilisation iterations and then switches physics off,
which keeps the settling time bounded (figures in docs/viz.md). Entities without any fact are
set aside in rows under the drawing (the page hides them until asked).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

PRECOMPUTE_LIMIT = 600      # connected entities laid out in Python at most
SEED = 20210108             # fixed: same graph, same picture
SPREAD = 95.0               # pixels per unit of layout distance, roughly one edge length


@dataclass
class Layout:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    precomputed: bool = True            # False: the browser lays out with physics
    stabilisation_iterations: int = 0   # used when not precomputed


def browser_iterations(n: int) -> int:
    """Stabilisation iterations for vis-network's physics: fewer as graphs grow, so time stays bounded."""
    return int(max(60, min(400, 400_000 / max(n, 1))))


def compute(g: nx.MultiDiGraph, sizes: dict[str, float] | None = None, limit: int = PRECOMPUTE_LIMIT) -> Layout:
    """Positions in page pixels for ``g``'s connected entities, or a browser-physics plan past ``limit``."""
    connected = [n for n in g if g.degree(n) > 0]
    lone = sorted((n for n in g if g.degree(n) == 0), key=lambda n: (g.nodes[n].get("group", ""),
                                                                     g.nodes[n].get("label", n)))
    if len(connected) > limit:
        return Layout({}, False, browser_iterations(len(connected)))
    pos = _force(g.subgraph(connected), sizes or {}) if connected else {}
    pos.update(_rows(lone, pos))
    return Layout(pos, True, 0)


def _force(g: nx.MultiDiGraph, sizes: dict[str, float]) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 on the simple undirected graph, started from a seeded spiral, scaled to pixels."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    for u, v in g.edges():
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + 1)
    nodes = list(simple)
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(nodes))
    start = {nodes[j]: np.array([math.sqrt(i + 1) * math.cos(i * 2.4), math.sqrt(i + 1) * math.sin(i * 2.4)])
             for i, j in enumerate(order)}
    node_size = {n: sizes.get(n, 10.0) / SPREAD * 1.6 for n in nodes}
    raw = nx.forceatlas2_layout(simple, pos=start, max_iter=300, scaling_ratio=2.0, gravity=1.0,
                                node_size=node_size, seed=SEED, dim=2)
    return _to_pixels(raw)


def _to_pixels(raw: dict) -> dict[str, tuple[float, float]]:
    """Scale so the median edge-free neighbour distance is about SPREAD pixels, centred on 0."""
    if not raw:
        return {}
    arr = np.array([raw[n] for n in raw], dtype=float)
    arr -= arr.mean(axis=0)
    if len(arr) > 1:
        d = np.sqrt(((arr[:, None, :] - arr[None, :, :]) ** 2).sum(-1)) if len(arr) <= 3000 else None
        if d is not None:
            np.fill_diagonal(d, np.inf)
            nearest = float(np.median(d.min(axis=1)))
            if nearest > 0:
                arr *= (SPREAD * 0.9) / nearest
    return {n: (float(x), float(y)) for n, (x, y) in zip(raw, arr)}


def _rows(lone: list[str], pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Entities without facts in tidy rows below the drawing, grouped by kind."""
    if not lone:
        return {}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    left, width, top = min(xs), max(max(xs) - min(xs), 1200.0), max(ys) + 3 * SPREAD
    per_row = max(1, int(width // 150))
    return {n: (left + (i % per_row) * 150.0, top + (i // per_row) * 110.0) for i, n in enumerate(lone)}
