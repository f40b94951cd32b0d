"""Colours and shapes of the page.

Kinds are told apart by shape *and* colour, so the legend still works in greyscale print and for
colour-blind readers (Okabe-Ito colours). Regimes get their own colours, used both for their star
and for the edges of the facts that hold under them, so a reader can follow one regime across the
picture; facts tied to no regime stay grey and recede.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    colour: str
    shape: str       # a vis-network shape whose label is drawn below it
    order: int       # legend order


# The coarse groups of nhskg.graph.projection.group_of, in legend order.
KINDS: dict[str, KindStyle] = {
    "Regime": KindStyle("#222222", "star", 0),
    "Body": KindStyle("#0072B2", "dot", 1),
    "Person": KindStyle("#E69F00", "triangle", 2),
    "Duty": KindStyle("#009E73", "triangleDown", 3),
    "Law": KindStyle("#D55E00", "square", 4),
    "Proposal": KindStyle("#CC79A7", "diamond", 5),
    "Place": KindStyle("#56B4E9", "hexagon", 6),
    "Event": KindStyle("#A08A00", "diamond", 7),
    "Document": KindStyle("#8C8C8C", "square", 8),
}
FALLBACK_KIND = KindStyle("#666666", "dot", 99)

# One colour per regime, in the regimes' own order (their skos:notation R1, R2...).
REGIME_COLOURS = ["#3B6FB6", "#2E9E5B", "#D4772B", "#B23A8E", "#C23B3B", "#6B5BB5", "#8A7A2A", "#2A8A8A"]
NO_REGIME_COLOUR = "#A3A9B0"

# Compare mode: only in regime A, only in regime B, in both.
COMPARE_COLOURS = {"a": "#D55E00", "b": "#0072B2", "both": "#3A3A3A"}

BACKGROUND = "#FFFFFF"
LABEL_COLOUR = "#1F2328"
LABEL_STROKE = "#FFFFFF"   # a white halo keeps labels legible where they cross edges


def kind_style(group: str) -> KindStyle:
    return KINDS.get(group, FALLBACK_KIND)


def regime_colour(index: int) -> str:
    return REGIME_COLOURS[index % len(REGIME_COLOURS)]
