"""A view -> a pyvis Network: one vis node per entity, one vis edge per fact (or compared pair).

pyvis collects the nodes and edges with their drawing options; the page template (viz/page.py)
takes them from there, because pyvis's own HTML is not offline and puts titles in as HTML. No
HTML is made here: labels, quotes and sources travel as plain data and the page builds tooltips
and panels from them with textContent, so nothing in the data can become markup.
"""
from __future__ import annotations

import math
import textwrap
from collections import Counter

from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from nhskg.viz import style
from nhskg.viz.layout import Layout
from nhskg.viz.view import View

LABEL_WIDTH = 20     # characters per line of a drawn label
LABEL_LINES = 3


def display_label(label: str) -> str:
    """Wrap a long label on a few short lines (the full label is in the tooltip and the facts panel)."""
    lines = textwrap.wrap(" ".join(label.split()), LABEL_WIDTH, break_long_words=True) or [label]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1].rstrip() + "…"
    return "\n".join(lines)


def node_size(degree: int, group: str) -> tuple[float, int]:
    """Symbol size and label size grow with the number of facts, so the main actors stand out."""
    size = 9 + 4.2 * math.sqrt(degree)
    font = 13 + 2.4 * math.sqrt(degree)
    if group == "Regime":
        size, font = max(size, 34), max(font, 30)
    return min(size, 44), int(min(font, 34))


def footprint(label: str, degree: int, group: str) -> float:
    """Half the width in pixels of a node's symbol or of its drawn label, whichever is wider."""
    size, font = node_size(degree, group)
    widest = max((len(line) for line in display_label(label).split("\n")), default=0)
    half = max(size, 0.5 * widest * font * 0.56)
    return half * 1.5 if group == "Regime" else half     # room around the regimes' stars and labels


def _add_node(net: Network, n: str, *, label: str, shape: str, **options) -> None:
    """Network.add_node without its check for a duplicate id, a scan of a list (quadratic at 5,000
    nodes); ids here are graph nodes, unique by construction."""
    node = Node(n, shape, label=label, **options)
    net.nodes.append(node.options)
    net.node_ids.append(n)
    net.node_map[n] = node.options


def _add_edge(net: Network, u: str, v: str, **options) -> None:
    """Network.add_edge without its check that both ends exist (a list scan per edge); they do."""
    net.edges.append(Edge(u, v, directed=net.directed, **options).options)


def build_network(view: View, layout: Layout) -> Network:
    """The pyvis Network for ``view``, with positions from ``layout`` when it precomputed them."""
    g = view.graph
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    degree = dict(g.degree())
    colours = {c.key: c.colour for c in view.categories}
    for n, d in sorted(g.nodes(data=True), key=lambda nd: (-degree[nd[0]], nd[1].get("label", ""), nd[0])):
        group = d.get("group", "Thing")
        ks = style.kind_style(group)
        colour = view.regime_colours.get(n, ks.colour) if group == "Regime" else ks.colour
        size, font = node_size(degree[n], group)
        extra = {}
        if n in layout.positions:
            x, y = layout.positions[n]
            extra.update(x=round(x, 1), y=round(y, 1))
        _add_node(
            net, n, label=display_label(d.get("label", n)), shape=ks.shape, size=round(size, 1),
            color={"background": colour, "border": "#FFFFFF" if group != "Regime" else "#111111",
                   "highlight": {"background": colour, "border": "#000000"},
                   "hover": {"background": colour, "border": "#000000"}},
            borderWidth=1.5 if group == "Regime" else 1,
            font={"size": font},
            # page data (not vis options): full name, kind, fine kinds, facts count, no-facts flag
            name=d.get("label", n), grp=group, kind=d.get("kind", ""), kinds=list(d.get("kinds", [])),
            deg=degree[n], lone=degree[n] == 0, **extra)
    # parallel edges between the same two entities are bent apart so each can be hovered
    seen: Counter = Counter()
    for i, (u, v, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))):
        pair = tuple(sorted((u, v)))
        nth = seen[pair]
        seen[pair] += 1
        smooth = ({"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                   "roundness": 0.18 * ((nth + 1) // 2)} if nth else {"enabled": False})
        colour = colours.get(d.get("category"), style.NO_REGIME_COLOUR)
        structural = d.get("type") == "under-regime"
        # facts tied to no regime recede; regime-coloured ones carry the picture
        plain = d.get("category") == "none"
        _add_edge(
            net, u, v, id=f"e{i}", color={"color": colour, "highlight": "#000000" if plain else colour, "hover": colour,
                                     "opacity": 0.5 if plain or structural else 0.9},
            width=1 if plain or structural else 1.8, dashes=structural, smooth=smooth,
            arrows={"to": {"enabled": True, "scaleFactor": 0.5}},
            # page data
            key=str(k), cat=d.get("category"), typ=d.get("type", ""), rel=d.get("relation", ""),
            facts=d.get("facts", []), srcs=sorted(set(d.get("sources", []))))
    return net
