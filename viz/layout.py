"""Where the nodes go: a seeded force layout computed in Python, so the browser only has to draw.

Why precomputed. vis-network's own physics is the obvious alternative, but in headless Chromium on
these machines its stabilisation costs about 30 ms per iteration at 1,000 nodes (about 12 s for a
usable layout, far more at 5,000), and its result varies with the browser. Computing positions
here makes the page open already laid out, identically every time and in every browser, so a
figure in a paper can be regenerated exactly, and it lets the regimes be pinned in a row in their
own order (current law ... the 2022 Act) so they read left to right. Physics starts switched off
("Freeze layout" ticked); unticking it lets a reader relax the drawing by hand.

The force layout is Fruchterman-Reingold written for NumPy alone (NetworkX's spring_layout needs
SciPy past 500 nodes and cannot pin a row): exact all-pairs repulsion up to EXACT_LIMIT nodes,
and past it repulsion from a fresh random sample of nodes each iteration, which keeps a 5,000-node
graph to a few seconds (figures in docs/viz.md). Past BROWSER_LIMIT the page falls back to
vis-network's Barnes-Hut physics with a capped number of stabilisation iterations. Entities
without any fact are set aside in rows under the drawing (the page hides them until asked).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

EXACT_LIMIT = 800           # up to this many connected entities, exact all-pairs repulsion
BROWSER_LIMIT = 20_000      # past this, the browser lays out (and it will be slow)
SAMPLE = 200                # repulsion sample size past EXACT_LIMIT
SEED = 20210108             # fixed: same graph, same picture
SPREAD = 80.0               # the ideal distance between neighbours, in page pixels
STRETCH = 1.5               # labels are wide: widen the drawing to suit them and a landscape screen
ROW_SPAN, ROW_Y = 2.2, 0.75  # the regimes' row: its width and height, relative to the drawing's radius
GRAVITY = 0.25              # pull to the centre: keeps leaves and small components from straying
COLLIDE = 20.0              # strength of the push between overlapping symbols-with-labels


@dataclass
class Layout:
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    precomputed: bool = True            # False: the browser lays out with physics
    stabilisation_iterations: int = 0   # used when not precomputed


def browser_iterations(n: int) -> int:
    """Stabilisation iterations for vis-network's physics: fewer as graphs grow, so time stays bounded."""
    return int(max(50, min(300, 300_000 / max(n, 1))))


def compute(g: nx.MultiDiGraph, sizes: dict[str, float] | None = None, order: dict[str, int] | None = None,
            limit: int = BROWSER_LIMIT) -> Layout:
    """Positions in page pixels for ``g``'s entities, or a browser-physics plan past ``limit``.

    ``sizes`` are half-widths in pixels of each symbol with its label (overlaps are pushed apart);
    ``order`` ranks the regimes left to right.
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
    """Seeded start, regimes pinned in a row (two regimes: far left and far right), then the force layout."""
    nodes = sorted(g, key=lambda n: (g.nodes[n].get("label", ""), n))
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    weights: dict[tuple[int, int], float] = {}
    for u, v in g.edges():
        if u != v:
            key = (min(index[u], index[v]), max(index[u], index[v]))
            weights[key] = min(weights.get(key, 0.0) + 1.0, 3.0)   # several facts pull harder, within bounds
    pairs = np.array(sorted(weights), dtype=np.int64).reshape(-1, 2)
    w = np.array([weights[tuple(p)] for p in pairs.tolist()], dtype=float)
    rng = np.random.default_rng(SEED)
    radius = SPREAD * math.sqrt(n) * 0.5
    angle = rng.uniform(0, 2 * math.pi, n)
    dist = radius * np.sqrt(rng.uniform(0.02, 1, n))
    pos = np.column_stack([dist * np.cos(angle), dist * np.sin(angle)])
    fixed = np.zeros(n, dtype=bool)
    regimes = sorted((m for m in nodes if g.nodes[m].get("group") == "Regime"), key=lambda m: (order.get(m, 99), m))
    if len(regimes) == 2:
        for i, m in enumerate(regimes):
            pos[index[m]] = ((-1 if i == 0 else 1) * max(radius * 0.8, SPREAD * 2.5) / STRETCH, 0.0)
            fixed[index[m]] = True
    if len(regimes) > 2:
        # a row across the upper part of the drawing, the regimes in their own order
        span = max(radius * ROW_SPAN, SPREAD * 3.2 * (len(regimes) - 1))
        for i, m in enumerate(regimes):
            pos[index[m]] = ((-span / 2 + span * i / (len(regimes) - 1)) / STRETCH, -radius * ROW_Y)
            fixed[index[m]] = True
    radii = np.array([sizes.get(m, 10.0) for m in nodes]) / STRETCH   # half-widths, in layout units
    out = fruchterman_reingold(pairs, w, pos, fixed, radii, SPREAD, rng=rng)
    return {m: (float(x) * STRETCH, float(y)) for m, (x, y) in zip(nodes, out)}


def fruchterman_reingold(pairs: np.ndarray, w: np.ndarray, pos: np.ndarray, fixed: np.ndarray, radii: np.ndarray,
                         k: float, iterations: int | None = None, rng: np.random.Generator | None = None,
                         collide: float = COLLIDE) -> np.ndarray:
    """Force layout in the units of ``k`` (the ideal neighbour distance).

    ``pairs`` (m x 2 indices) with weights ``w`` attract as w*d^2/k; every node repels every other
    as k^2/d (exactly up to EXACT_LIMIT nodes, else from a random sample scaled up to stand for
    all); in exact mode, two nodes closer than the sum of their ``radii`` (symbol and label) are
    pushed apart in proportion to the overlap and to their degrees, since hubs sharing many
    neighbours are otherwise pulled onto one spot with their labels on top of each other; a weak
    pull to the centre keeps small components near; each step is capped by a cooling temperature.
    Rows of ``fixed`` never move.
    """
    rng = rng or np.random.default_rng(SEED)
    x, y = pos[:, 0].astype(float).copy(), pos[:, 1].astype(float).copy()
    n = len(x)
    free = ~fixed
    if n < 2 or not free.any():
        return np.column_stack([x, y])
    exact = n <= EXACT_LIMIT
    if iterations is None:
        iterations = int(min(350, max(80, 4.5e7 / (n * n)))) if exact else 100
    u, v = (pairs[:, 0], pairs[:, 1]) if len(pairs) else (np.zeros(0, int), np.zeros(0, int))
    degree = np.bincount(u, w, n) + np.bincount(v, w, n)
    temp = k * math.sqrt(n) / 4
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        if exact:
            others, scale = np.arange(n), 1.0
        else:
            others, scale = rng.choice(n, size=SAMPLE, replace=False), n / SAMPLE
        dx = x[:, None] - x[others][None, :]
        dy = y[:, None] - y[others][None, :]
        d2 = np.maximum(dx * dx + dy * dy, 1e-4)     # a node and itself: dx = dy = 0, so no force
        strength = (k * k * scale) / d2
        if collide and exact:          # a sample holds too few near pairs for collisions to matter
            d = np.sqrt(d2)
            overlap = np.maximum(radii[:, None] + radii[others][None, :] - d, 0.0)
            strength += collide * scale * overlap / d * (1.0 + 0.5 * (degree[:, None] + degree[others][None, :]))
        fx = (dx * strength).sum(axis=1)
        fy = (dy * strength).sum(axis=1)
        if len(u):
            ex, ey = x[u] - x[v], y[u] - y[v]
            pull = w * np.hypot(ex, ey) / k
            fx += np.bincount(v, ex * pull, n) - np.bincount(u, ex * pull, n)
            fy += np.bincount(v, ey * pull, n) - np.bincount(u, ey * pull, n)
        r = np.sqrt(np.hypot(x, y) / k)
        fx -= GRAVITY * x * r
        fy -= GRAVITY * y * r
        length = np.maximum(np.hypot(fx, fy), 0.01)
        step = np.where(free, np.minimum(length, temp) / length, 0.0)
        x += fx * step
        y += fy * step
        temp = max(temp - cool, k * 0.02)
    return np.column_stack([x, y])


def _rows(lone: list[str], pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Entities without facts in tidy rows below the drawing, grouped by kind."""
    if not lone:
        return {}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    left, width, top = min(xs), max(max(xs) - min(xs), 1200.0), max(ys) + 2 * SPREAD
    per_row = max(1, int(width // 160))
    return {n: (left + (i % per_row) * 160.0, top + (i // per_row) * 110.0) for i, n in enumerate(lone)}
