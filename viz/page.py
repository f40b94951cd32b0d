"""One self-contained HTML page: vis-network inlined from the installed pyvis, our template, the data.

Offline by construction: the vis-network script and stylesheet are read from the pyvis wheel with
importlib.resources and inlined, the page's own CSS and JavaScript come from viz/templates/, and
nothing else is referenced (no CDN, no Bootstrap, no ../node_modules path). A Content-Security-
Policy in the page forbids every fetch and allows only the page's own scripts (by hash), so even a
label that slipped through as markup could not load or run anything.

Escaping: the data goes in as JSON inside a <script type="application/json"> block with <, > and &
written as \\u escapes, so no text in it can close the block; the page reads it with JSON.parse and
puts text into the document with textContent only. The title and subtitle, the only data written
as HTML, go through html.escape.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path

from pyvis.network import Network

from nhskg.viz import style
from nhskg.viz.layout import Layout
from nhskg.viz.view import View

VIS_VERSION = "vis-9.1.2"


def _template(name: str) -> str:
    return (resources.files("nhskg.viz") / "templates" / name).read_text(encoding="utf-8")


def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the installed pyvis package."""
    lib = resources.files("pyvis") / "lib" / VIS_VERSION
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def json_for_script(obj: object) -> str:
    """JSON that is safe inside a <script> element whatever strings it holds."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _inline_script(code: str) -> str:
    if re.search(r"</script", code, re.IGNORECASE):
        raise ValueError("a script to inline contains '</script'")
    return code


def _csp(scripts: list[str]) -> str:
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                      for s in scripts)
    return ("default-src 'none'; " f"script-src {hashes}; " "style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")


def page_data(view: View, net: Network, layout: Layout) -> dict:
    """Everything the page script needs, as plain data."""
    nodes, edges = net.nodes, net.edges
    kind_count: dict[str, int] = {}
    for n in nodes:
        kind_count[n["grp"]] = kind_count.get(n["grp"], 0) + 1
    cat_count: dict[str, int] = {}
    src_count: dict[str, int] = {}
    for e in edges:
        cat_count[e["cat"]] = cat_count.get(e["cat"], 0) + 1
        for s in e["srcs"]:
            src_count[s] = src_count.get(s, 0) + 1
    kinds = [{"key": k, "colour": style.kind_style(k).colour, "shape": style.kind_style(k).shape, "count": c}
             for k, c in sorted(kind_count.items(), key=lambda kc: (style.kind_style(kc[0]).order, kc[0]))]
    big = len(nodes) > 1500
    return {
        "title": view.title, "subtitle": view.subtitle, "categoryTitle": view.category_title,
        "nodes": nodes, "edges": edges, "kinds": kinds,
        "categories": [{"key": c.key, "label": c.label, "colour": c.colour, "count": cat_count.get(c.key, 0)}
                       for c in view.categories],
        "sources": [{"iri": s.iri, "title": s.title, "issued": s.issued, "url": s.url, "file": s.file,
                     "count": src_count.get(s.iri, 0)}
                    for s in sorted(view.sources.values(), key=lambda s: (-src_count.get(s.iri, 0), s.title))],
        "focus": view.focus,
        "layout": {"precomputed": layout.precomputed, "iterations": layout.stabilisation_iterations},
        "options": vis_options(layout, big),
    }


def vis_options(layout: Layout, big: bool) -> dict:
    """vis-network options: physics only when the browser must lay out, and then with a cap."""
    return {
        "autoResize": True,
        "nodes": {"font": {"face": "'DejaVu Sans', 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
                           "color": style.LABEL_COLOUR, "strokeWidth": 4, "strokeColor": style.LABEL_STROKE,
                           "multi": False},
                  "scaling": {"label": {"drawThreshold": 8}}},
        "edges": {"selectionWidth": 2.5, "hoverWidth": 1.5},
        "interaction": {"hover": not big, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": not layout.precomputed, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 110, "springConstant": 0.04,
                                  "damping": 0.35, "avoidOverlap": 0},
                    "stabilization": {"enabled": True, "iterations": max(layout.stabilisation_iterations, 100),
                                      "updateInterval": 50, "fit": True},
                    "minVelocity": 1.0},
    }


def render(view: View, net: Network, layout: Layout) -> str:
    """The page's HTML text."""
    vis_js, vis_css = vis_assets()
    app_js = _template("app.js")
    scripts = [_inline_script(vis_js), _inline_script(app_js)]
    parts = {
        "CSP": html.escape(_csp(scripts)),
        "TITLE": html.escape(view.title),
        "SUBTITLE": html.escape(view.subtitle),
        "VIS_CSS": vis_css,
        "PAGE_CSS": _template("page.css"),
        "DATA": json_for_script(page_data(view, net, layout)),
        "VIS_JS": scripts[0],
        "APP_JS": scripts[1],
    }
    # one pass: text substituted in is never scanned again for markers
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], _template("page.html"))


def write(view: View, path: Path) -> Path:
    """Lay out, build the network, render and write ``path``; returns the path."""
    from nhskg.viz.layout import compute
    from nhskg.viz.network import build_network, footprint
    g = view.graph
    sizes = {n: footprint(d.get("label", n), g.degree(n), d.get("group", "")) for n, d in g.nodes(data=True)}
    layout = compute(g, sizes, {iri: i for i, iri in enumerate(view.regime_colours)})
    text = render(view, build_network(view, layout), layout)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
