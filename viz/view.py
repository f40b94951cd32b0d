"""What one page shows: a graph whose edges each carry a *category* (what colours and filters them).

In the ordinary view an edge is one statement of the projection and its category is its regime
(or "none"). In the compare view an edge is a holder-position pair (or another regime-tied link)
and its category says where it holds: only in regime A, only in B, or in both. Keeping that
difference here lets the network and page code treat both views alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from nhskg.errors import QueryError
from nhskg.graph.engine import Engine
from nhskg.viz import catalog, select, style
from nhskg.viz.catalog import Regime, Source

NO_REGIME = "none"


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str


@dataclass
class View:
    graph: nx.MultiDiGraph
    categories: list[Category]
    sources: dict[str, Source]
    title: str
    subtitle: str = ""
    category_title: str = "Regime"
    focus: str | None = None
    regime_colours: dict[str, str] = field(default_factory=dict)   # regime IRI -> colour of its star


def _fact_entry(fact: str, d: dict) -> dict:
    """One statement as the page shows it; quoted evidence first (a cited web page may have no quote)."""
    evidence = d.get("evidence") or [{"source": s, "quote": q}
                                     for s, q in zip(d.get("sources", []), d.get("quotes", []))]
    return {"fact": fact, "type": d.get("type", ""), "relation": d.get("relation", ""), "regime": d.get("regime"),
            "evidence": sorted(evidence, key=lambda ev: (not ev["quote"], ev["source"], ev["quote"]))}


def regime_view(g: nx.MultiDiGraph, regimes: list[Regime], sources: dict[str, Source], title: str,
                subtitle: str = "", focus: str | None = None) -> View:
    """Edges are the projection's statements, one each, coloured by regime."""
    colours = {r.iri: style.regime_colour(i) for i, r in enumerate(regimes)}
    h = g.copy()
    used = set()
    for _, _, d in h.edges(data=True):
        cat = d.get("regime") or NO_REGIME
        d["category"] = cat
        d["facts"] = [_fact_entry(d.get("fact", ""), d)]
        used.add(cat)
    cats = [Category(r.iri, r.label, colours[r.iri]) for r in regimes if r.iri in used]
    if NO_REGIME in used:
        cats.append(Category(NO_REGIME, "not tied to a regime", style.NO_REGIME_COLOUR))
    return View(h, cats, _used_sources(h, sources), title, subtitle, "Regime", focus, colours)


def compare_view(g: nx.MultiDiGraph, a: Regime, b: Regime, sources: dict[str, Source], title: str,
                 subtitle: str = "") -> View:
    """One edge per link that holds in A or B: holder-position pairs for holdings, else type+relation+ends.

    Statements tied to neither regime are left out: the page is about the difference.
    """
    if a.iri == b.iri:
        raise QueryError("--compare needs two different regimes")
    merged: dict[tuple, dict] = {}
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        reg = d.get("regime")
        if reg not in (a.iri, b.iri):
            continue
        if d.get("type") == "holds":
            key = ("holds", u, v)
        elif d.get("type") == "under-regime":
            key = ("under-regime", u, v)
        else:
            key = (d.get("type"), d.get("relation"), u, v)
        entry = merged.setdefault(key, {"u": u, "v": v, "type": d.get("type"), "relation": d.get("relation"),
                                        "regimes": set(), "facts": []})
        entry["regimes"].add(reg)
        entry["facts"].append(_fact_entry(d.get("fact", ""), d))
    h = nx.MultiDiGraph()
    for key, e in merged.items():
        for n in (e["u"], e["v"]):
            if n not in h:
                h.add_node(n, **g.nodes[n])
        where = "both" if len(e["regimes"]) == 2 else ("a" if a.iri in e["regimes"] else "b")
        evidence = [ev for f in e["facts"] for ev in f["evidence"]]
        h.add_edge(e["u"], e["v"], key="|".join(f["fact"] for f in e["facts"]), type=e["type"],
                   relation=e["relation"], regime=None if where == "both" else (a.iri if where == "a" else b.iri),
                   category=where, facts=e["facts"], evidence=evidence,
                   sources=sorted({ev["source"] for ev in evidence}),
                   quotes=[ev["quote"] for ev in evidence if ev["quote"]])
    cats = [Category("a", f"only {a.label}", style.COMPARE_COLOURS["a"]),
            Category("b", f"only {b.label}", style.COMPARE_COLOURS["b"]),
            Category("both", "in both", style.COMPARE_COLOURS["both"])]
    colours = {a.iri: style.COMPARE_COLOURS["a"], b.iri: style.COMPARE_COLOURS["b"]}
    return View(h, cats, _used_sources(h, sources), title, subtitle, "Holds in", None, colours)


def _used_sources(g: nx.MultiDiGraph, sources: dict[str, Source]) -> dict[str, Source]:
    used = {s for _, _, d in g.edges(data=True) for f in d["facts"] for s in (ev["source"] for ev in f["evidence"])}
    # a source missing from the catalogue still gets an entry, named by its IRI
    return {s: sources.get(s, Source(s, s.rsplit("/", 1)[-1])) for s in sorted(used)}


def resolve_regime(engine: Engine, text: str, regimes: list[Regime]) -> Regime:
    """A regime by label, alt label, slug or IRI; anything else is an error naming the regimes."""
    from nhskg.graph.resolve import Resolver
    names = ", ".join(f'"{r.label}"' for r in regimes)
    try:
        iri = str(Resolver(engine).resolve(text))
    except QueryError as exc:
        raise QueryError(f"{exc} Regimes: {names}") from None
    for r in regimes:
        if r.iri == iri:
            return r
    raise QueryError(f"'{text}' is not a regime. Regimes: {names}")


def build_view(engine: Engine, *, regime: str | None = None, focus: str | None = None, depth: int = 1,
               kinds: str | None = None, source: str | None = None) -> View:
    """The ordinary page's view, from the options of ``nhskg viz``."""
    from nhskg.graph.projection import project
    from nhskg.graph.resolve import Resolver
    regs = catalog.regimes(engine)
    srcs = catalog.sources(engine)
    chosen = resolve_regime(engine, regime, regs) if regime else None
    g = project(engine, chosen.iri if chosen else None)
    bits = []
    if chosen:
        bits.append(f"regime: {chosen.label}")
        # statements of other regimes are gone; drop the other regimes' stars too
        g.remove_nodes_from([r.iri for r in regs if r.iri != chosen.iri and r.iri in g and g.degree(r.iri) == 0])
    if source:
        src = catalog.resolve_source(source, srcs)
        g = select.restrict_source(g, src)
        bits.append(f"source: {srcs[src].title}")
    centre = None
    if focus:
        centre = str(Resolver(engine).resolve(focus))
        g = select.neighbourhood(g, centre, depth)
        bits.append(f"within {depth} step{'s' if depth != 1 else ''} of {g.nodes[centre]['label']}")
    if kinds:
        wanted = select.parse_kinds(kinds)
        g = select.restrict_kinds(g, wanted, keep=[centre] if centre else [])
        bits.append("kinds: " + ", ".join(sorted(wanted)))
    title = "NHS reform knowledge graph"
    return regime_view(g, regs, srcs, title, "; ".join(bits), centre)


def build_compare(engine: Engine, a: str, b: str) -> View:
    """The compare page's view for ``nhskg viz --compare A B``."""
    from nhskg.graph.projection import project
    regs = catalog.regimes(engine)
    ra, rb = resolve_regime(engine, a, regs), resolve_regime(engine, b, regs)
    g = project(engine)
    title = f"{ra.label} compared with {rb.label}"
    return compare_view(g, ra, rb, catalog.sources(engine), title,
                        "edges: who holds what, and other links tied to either regime")
