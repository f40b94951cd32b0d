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

from pyvis.network import Network

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
        size, font = max(size, 26), max(font, 22)
    return min(size, 44), int(min(font, 34))


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
        net.add_node(
            n, label=display_label(d.get("label", n)), shape=ks.shape, size=round(size, 1),
            color={"background": colour, "border": "#FFFFFF" if group != "Regime" else "#111111",
                   "highlight": {"background": colour, "border": "#000000"},
                   "hover": {"background": colour, "border": "#000000"}},
            borderWidth=1.5 if group == "Regime" else 1,
            font={"size": font, "bold": group == "Regime" or font >= 20},
            # page data (not vis options): full name, kind, fine kinds, facts count, no-facts flag
            name=d.get("label", n), grp=group, kind=d.get("kind", ""), kinds=list(d.get("kinds", [])),
            deg=degree[n], lone=degree[n] == 0, **extra)
    # parallel edges between the same two entities are bent apart so each can be hovered
    seen: Counter = Counter()
    for i, (u, v, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))):
        pair = tuple(sorted((u, v)))
        nth = seen[pair]
        seen[pair] += 1
        smooth = ({"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW", "roundness": 0.18 * ((nth + 1) // 2)}
                  if nth else {"enabled": False})
        colour = colours.get(d.get("category"), style.NO_REGIME_COLOUR)
        structural = d.get("type") == "under-regime"
        net.add_edge(
            u, v, id=f"e{i}", color={"color": colour, "highlight": colour, "hover": colour,
                                     "opacity": 0.55 if structural else 0.85},
            width=1 if structural else 1.6, dashes=structural, smooth=smooth,
            arrows={"to": {"enabled": True, "scaleFactor": 0.5}},
            # page data
            key=str(k), cat=d.get("category"), typ=d.get("type", ""), rel=d.get("relation", ""),
            facts=d.get("facts", []), srcs=sorted(set(d.get("sources", []))))
    return net
