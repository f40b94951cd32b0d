"""Where the nodes go: computed here for graphs up to several hundred entities, by the browser beyond.

Why two ways. Up to PRECOMPUTE_LIMIT connected entities the positions are computed in Python with
a seeded force layout, regimes pinned in a row in their own order (current law ... the 2022 Act):
the page then opens already laid out, identically every time and in every browser, the regimes
read left to right, and a figure in a paper can be regenerated exactly. The force layout is dense
NumPy, O(n^2) memory and time per iteration (NetworkX's spring_layout needs SciPy past 500 nodes
and cannot pin a row), so past the limit the page instead lets vis-network's Barnes-Hut physics
(O(n log n)) lay the graph out with a capped number of stabilisation iterations and then switches
physics off, which keeps the settling time bounded (figures in docs/viz.md). Entities without any
fact are set aside in rows under the drawing (the page hides them until asked).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

PRECOMPUTE_LIMIT = 800      # connected entities laid out in Python at most
SEED = 20210108             # fixed: same graph, same picture
SPREAD = 110.0              # the ideal distance between neighbours, in page pixels


@dataclass
class Layout:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    precomputed: bool = True            # False: the browser lays out with physics
    stabilisation_iterations: int = 0   # used when not precomputed


def browser_iterations(n: int) -> int:
    """Stabilisation iterations for vis-network's physics: fewer as graphs grow, so time stays bounded."""
    return int(max(60, min(400, 400_000 / max(n, 1))))


def compute(g: nx.MultiDiGraph, sizes: dict[str, float] | None = None, order: dict[str, int] | None = None,
            limit: int = PRECOMPUTE_LIMIT) -> Layout:
    """Positions in page pixels for ``g``'s entities, or a browser-physics plan past ``limit``.

    ``sizes`` are symbol radii (bigger symbols push harder); ``order`` ranks the regimes left to right.
    """
    connected = [n for n in g if g.degree(n) > 0]
    lone = sorted((n for n in g if g.degree(n) == 0), key=lambda n: (g.nodes[n].get("group", ""),
                                                                     g.nodes[n].get("label", n), n))
    if len(connected) > limit:
        return Layout({}, False, browser_iterations(len(connected)))
    pos = _force(g.subgraph(connected), sizes or {}, order or {}) if connected else {}
    pos.update(_rows(lone, pos))
    return Layout({n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}, True, 0)


def _force(g: nx.MultiDiGraph, sizes: dict[str, float], order: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Seeded start, regimes pinned in a row above the centre, then the force layout."""
    nodes = sorted(g, key=lambda n: (g.nodes[n].get("label", ""), n))
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    adj = np.zeros((n, n))
    for u, v in g.edges():
        if u != v:
            adj[index[u], index[v]] += 1
            adj[index[v], index[u]] += 1
    adj = np.minimum(adj, 3.0)              # several facts between two entities pull harder, within bounds
    rng = np.random.default_rng(SEED)
    radius = SPREAD * math.sqrt(n) * 0.5
    angle = rng.uniform(0, 2 * math.pi, n)
    dist = radius * np.sqrt(rng.uniform(0.02, 1, n))
    pos = np.column_stack([dist * np.cos(angle), dist * np.sin(angle)])
    fixed = np.zeros(n, dtype=bool)
    regimes = sorted((m for m in nodes if g.nodes[m].get("group") == "Regime"), key=lambda m: (order.get(m, 99), m))
    if len(regimes) > 1:
        span = max(radius * 1.5, SPREAD * 3.2 * (len(regimes) - 1))
        for i, m in enumerate(regimes):
            pos[index[m]] = (-span / 2 + span * i / (len(regimes) - 1), -radius * 0.75)
            fixed[index[m]] = True
    radii = np.array([sizes.get(m, 10.0) for m in nodes])
    out = fruchterman_reingold(adj, pos, fixed, radii, SPREAD)
    return {m: (float(x), float(y)) for m, (x, y) in zip(nodes, out)}


def fruchterman_reingold(adj: np.ndarray, pos: np.ndarray, fixed: np.ndarray, radii: np.ndarray,
                         k: float, iterations: int = 350) -> np.ndarray:
    """Force layout on a dense weight matrix, in the units of ``k`` (the ideal neighbour distance).

    Repulsion k^2/d between every pair (stronger between big symbols), attraction w*d^2/k along
    edges, a weak pull to the centre so small components stay near, and a cooling cap on each
    step. Rows of ``fixed`` never move. O(n^2) per iteration: meant for a few hundred nodes.
    """
    pos = pos.astype(float).copy()
    n = len(pos)
    free = ~fixed
    if n < 2 or not free.any():
        return pos
    weight = 1.0 + (radii[:, None] + radii[None, :]) / (2 * k)
    temp = k * math.sqrt(n) / 4
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        d = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 0.01)
        strength = weight * (k * k) / (d * d) - adj * d / k
        np.fill_diagonal(strength, 0.0)
        disp = np.einsum("ijk,ij->ik", delta, strength)
        disp -= 0.05 * pos * np.sqrt(np.hypot(pos[:, 0], pos[:, 1]) / k)[:, None]
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 0.01)
        step = disp * (np.minimum(length, temp) / length)[:, None]
        pos[free] += step[free]
        temp = max(temp - cool, k * 0.02)
    return pos


def _rows(lone: list[str], pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Entities without facts in tidy rows below the drawing, grouped by kind."""
    if not lone:
        return {}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    left, width, top = min(xs), max(max(xs) - min(xs), 1200.0), max(ys) + 2 * SPREAD
    per_row = max(1, int(width // 160))
    return {n: (left + (i % per_row) * 160.0, top + (i // per_row) * 110.0) for i, n in enumerate(lone)}
