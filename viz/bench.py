"""Timing the page at sizes the real graph does not reach yet: a synthetic graph shaped like the projection.

``generate_synthetic(n)`` builds an n-entity graph (scale-free, two facts per entity on average,
the projection's kinds, five regimes, a quarter of the facts tied to one, twenty sources, a quote
on every fact), writes its page and returns the timings; ``measure_settle(path)`` opens a page in
Chromium with the network blocked and reports how long the page took to be laid out and drawn.
Run ``python -m nhskg.viz.bench --nodes 5000`` for both at once.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from nhskg.viz.catalog import Regime, Source
from nhskg.viz.view import View, regime_view

GROUP_WEIGHTS = {"Body": 25, "Person": 15, "Proposal": 20, "Duty": 12, "Law": 8, "Document": 8, "Event": 6, "Place": 6}
TYPES = ["quote", "holds", "relation", "stance", "concern", "member", "event"]
WORDS = ("integrated care system board duty commissioning provider collaboration statutory footing "
         "accountability population health local authority section regulations procurement").split()


@dataclass
class BenchResult:
    nodes: int
    edges: int
    seconds: float          # view -> HTML file, layout included
    layout_seconds: float
    precomputed: bool       # True: positions computed in Python; False: browser physics
    bytes: int
    path: Path


def synthetic_view(n: int, seed: int = 1) -> View:
    """A View over a synthetic graph of ``n`` entities (``n`` >= 10)."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(max(n - 5, 6), 2, seed=seed)
    g = nx.MultiDiGraph()
    iri = "https://example.org/synthetic/{}".format
    regimes = [Regime(iri(f"regime-{i}"), f"Regime {i}", f"R{i}") for i in range(1, 6)]
    sources = {iri(f"source-{i}"): Source(iri(f"source-{i}"), f"Synthetic source document {i}", issued="2021")
               for i in range(20)}
    groups = list(GROUP_WEIGHTS)
    for r in regimes:
        g.add_node(r.iri, label=r.label, kinds=["Regime"], kind="Regime", group="Regime")
    for v in base.nodes:
        grp = rng.choices(groups, weights=list(GROUP_WEIGHTS.values()))[0]
        g.add_node(iri(v), label=f"{grp} {v} " + " ".join(rng.sample(WORDS, 2)), kinds=[grp], kind=grp, group=grp)
    src_keys = list(sources)
    for i, (u, v) in enumerate(base.edges):
        typ = rng.choice(TYPES)
        regime = rng.choice(regimes).iri if rng.random() < 0.25 else None
        src = rng.choice(src_keys)
        quote = " ".join(rng.choices(WORDS, k=rng.randint(5, 20)))
        ev = [{"source": src, "quote": quote}]
        fact = iri(f"fact-{i}")
        g.add_edge(iri(u), iri(v), key=fact, fact=fact, type=typ, relation=typ, regime=regime, sources=[src],
                   quotes=[quote], evidence=ev)
        if regime and typ == "holds":
            g.add_edge(regime, iri(u), key=fact + "#regime", fact=fact, type="under-regime", relation="under regime",
                       regime=regime, sources=[src], quotes=[quote], evidence=ev)
    return regime_view(g, regimes, sources, f"Synthetic graph of {n} entities")


def generate_synthetic(n: int = 5000, out: Path | None = None, seed: int = 1) -> BenchResult:
    """Write the page for a synthetic ``n``-entity graph and time it (layout, pyvis network, HTML)."""
    from nhskg.viz import page
    from nhskg.viz.layout import compute
    from nhskg.viz.network import build_network, footprint
    view = synthetic_view(n, seed)
    g = view.graph
    path = Path(out) if out else Path(tempfile.mkdtemp(prefix="nhskg-viz-bench-")) / f"synthetic-{n}.html"
    t0 = time.perf_counter()
    sizes = {v: footprint(d.get("label", v), g.degree(v), d.get("group", "")) for v, d in g.nodes(data=True)}
    layout = compute(g, sizes, {iri: i for i, iri in enumerate(view.regime_colours)})
    t1 = time.perf_counter()
    text = page.render(view, build_network(view, layout), layout)
    path.write_text(text, encoding="utf-8")
    t2 = time.perf_counter()
    return BenchResult(g.number_of_nodes(), g.number_of_edges(), t2 - t0, t1 - t0, layout.precomputed,
                       len(text.encode("utf-8")), path)


def measure_settle(path: Path, width: int = 1400, height: int = 900) -> dict:
    """Open ``path`` offline in Chromium; the page's own settle time and the wall time to get there."""
    from nhskg.viz.browser import offline_page
    t0 = time.perf_counter()
    with offline_page(path, width, height, timeout_ms=300_000) as s:
        wall = time.perf_counter() - t0
        settled_ms = s.page.evaluate("window.nhskg.settledMs")
        drawn = s.page.evaluate("window.nhskg.drawnCounts()")
        return {"settled_s": settled_ms / 1000, "wall_s": wall, "drawn": drawn,
                "failed_requests": s.failed_requests, "errors": s.errors}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Time the viz page on synthetic graphs.")
    ap.add_argument("--nodes", default="5000", help="comma-separated sizes (default 5000)")
    ap.add_argument("--browser", action="store_true", help="also open each page in Chromium and time settling")
    args = ap.parse_args(argv)
    for n in (int(x) for x in args.nodes.split(",")):
        r = generate_synthetic(n)
        line = (f"{r.nodes:>6} entities {r.edges:>6} edges: page {r.seconds:.2f} s (layout {r.layout_seconds:.2f} s, "
                f"{'precomputed' if r.precomputed else 'browser physics'}), {r.bytes / 1e6:.1f} MB")
        if args.browser:
            m = measure_settle(r.path)
            line += f"; browser settled in {m['settled_s']:.2f} s (wall {m['wall_s']:.2f} s), drew {m['drawn']}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
