"""The viz page without a browser: offline, escaped, complete, and the CLI options that shape it."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from nhskg.cli import cli
from nhskg.errors import NhskgError
from nhskg.graph.projection import project
from nhskg.viz import layout, page
from nhskg.viz.catalog import Regime, Source
from nhskg.viz.view import build_view, regime_view

EVIL = '<img src=x onerror=alert(1)>'
EVIL_QUOTE = 'said </script><script>alert(2)</script> & "more"'


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(text: str) -> _Tags:
    p = _Tags()
    p.feed(text)
    return p


def page_data(text: str) -> dict:
    scripts = [body for attrs, body in parse(text).scripts if attrs.get("id") == "nhskg-data"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture(scope="module")
def default_page(engine, tmp_path_factory) -> str:
    path = page.write(build_view(engine), tmp_path_factory.mktemp("viz") / "graph.html")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def evil_page(tmp_path_factory) -> str:
    """A tiny graph whose label, quote, source title and regime name all try to inject markup."""
    g = nx.MultiDiGraph()
    r = Regime("https://example.org/r1", EVIL + " regime", "R1")
    src = Source("https://example.org/s1", "Title " + EVIL, url="javascript:alert(3)")
    g.add_node("https://example.org/a", label=EVIL, kinds=["Person"], kind="Person", group="Person")
    g.add_node("https://example.org/b", label="plain body", kinds=["NHSBody"], kind="NHSBody", group="Body")
    g.add_node(r.iri, label=r.label, kinds=["Regime"], kind="Regime", group="Regime")
    ev = [{"source": src.iri, "quote": EVIL_QUOTE}]
    g.add_edge("https://example.org/a", "https://example.org/b", key="f1", fact="f1", type="quote",
               relation="says " + EVIL, regime=r.iri, sources=[src.iri], quotes=[EVIL_QUOTE], evidence=ev)
    view = regime_view(g, [r], {src.iri: src}, "Title " + EVIL, "sub " + EVIL)
    return page.write(view, tmp_path_factory.mktemp("evil") / "evil.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- offline


def test_page_loads_nothing_from_the_network(default_page):
    tags = parse(default_page).tags
    for tag, attrs in tags:
        for attr in ("src", "href", "data", "srcset", "poster", "action"):
            assert attr not in attrs or not attrs[attr], f"<{tag} {attr}={attrs.get(attr)!r}> would fetch something"
    assert not [t for t, _ in tags if t in {"link", "iframe", "img", "object", "embed", "base"}]
    assert "node_modules" not in default_page
    # the only web addresses are identifiers (IRIs), the cited sources' pages (shown as links in the
    # facts panel) and those in vis-network's licence comment: nothing a browser would load
    data = page_data(default_page)
    cited = {re.match(r"https?://([^/]+)", s["url"]).group(1) for s in data["sources"] if s["url"]}
    licence = {"visjs.github.io", "github.com", "almende.com", "www.apache.org", "opensource.org", "www.w3.org"}
    hosts = set(re.findall(r"https?://([^/\s\"'<>)\\]+)", default_page))
    assert hosts <= {"w3id.org"} | cited | licence, hosts - ({"w3id.org"} | cited | licence)
    assert not re.search(r"cdn|unpkg|bootstrap", " ".join(hosts), re.I)
    assert not re.search(r"@import|url\((?!\"?data:)", default_page), "CSS fetches a resource"
    assert "vis-network" in default_page and "new vis.Network" in default_page   # vis inlined, used


def test_csp_forbids_fetches_and_allows_only_the_inlined_scripts(default_page):
    parsed = parse(default_page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline'" not in csp.split("style-src")[0]
    code = [body for attrs, body in parsed.scripts if "type" not in attrs]
    assert len(code) == 2
    for body in code:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


# ---------------------------------------------------------------- completeness


def test_page_holds_every_node_and_edge_of_the_projection(default_page, engine):
    data = page_data(default_page)
    g = project(engine)
    assert len(data["nodes"]) == g.number_of_nodes()
    assert len(data["edges"]) == g.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    assert sorted(e["key"] for e in data["edges"]) == sorted(str(k) for _, _, k in g.edges(keys=True))
    # every edge carries its evidence: quote and source, and the source is named
    names = {s["iri"] for s in data["sources"]}
    for e in data["edges"]:
        assert e["facts"] and all(f["evidence"] for f in e["facts"]), e["key"]
        assert set(e["srcs"]) <= names
    assert sum(1 for n in data["nodes"] if n["lone"]) == sum(1 for n in g if g.degree(n) == 0)


def test_filters_and_controls_are_in_the_page(default_page, engine):
    ids = {a.get("id") for _, a in parse(default_page).tags}
    assert {"search", "kind-filters", "category-filters", "source-filters", "freeze", "show-lone", "details",
            "graph"} <= ids
    data = page_data(default_page)
    g = project(engine)
    assert {k["key"] for k in data["kinds"]} == {d["group"] for _, d in g.nodes(data=True)}
    regimes_used = {d["regime"] for *_, d in g.edges(data=True) if d["regime"]}
    assert regimes_used <= {c["key"] for c in data["categories"]}
    assert data["layout"]["precomputed"] and all("x" in n and "y" in n for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False          # opens frozen: nothing to settle


# ---------------------------------------------------------------- escaping


def test_markup_in_the_data_is_never_markup_in_the_page(evil_page):
    assert EVIL not in evil_page
    assert "<script>alert(2)" not in evil_page
    assert evil_page.count("</script>") == 3           # the three script elements' own end tags
    tags = parse(evil_page).tags
    assert not [t for t, _ in tags if t == "img"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in evil_page   # the HTML title, escaped
    # the data itself arrives intact, for the page to show as text
    data = page_data(evil_page)
    assert data["nodes"][0]["name"] == EVIL or any(n["name"] == EVIL for n in data["nodes"])
    assert data["edges"][0]["facts"][0]["evidence"][0]["quote"] == EVIL_QUOTE


def test_json_for_script_cannot_close_its_element():
    text = page.json_for_script({"a": "</script><!-- \u2028 &amp;"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 &amp;"}


# ---------------------------------------------------------------- layout


def test_layout_is_deterministic_and_reads_regimes_left_to_right(engine):
    view = build_view(engine)
    g = view.graph
    order = {iri: i for i, iri in enumerate(view.regime_colours)}
    a = layout.compute(g, None, order)
    b = layout.compute(g, None, order)
    assert a.positions == b.positions and a.precomputed
    regimes = sorted((n for n, d in g.nodes(data=True) if d["group"] == "Regime" and g.degree(n)), key=order.get)
    xs = [a.positions[r][0] for r in regimes]
    assert xs == sorted(xs)
    lone_y = [a.positions[n][1] for n in g if g.degree(n) == 0]
    placed_y = [a.positions[n][1] for n in g if g.degree(n)]
    assert not lone_y or min(lone_y) > max(placed_y)       # entities without facts set aside below


def test_past_the_limit_the_browser_lays_out_with_capped_iterations():
    g = nx.path_graph(50, create_using=nx.MultiDiGraph)
    plan = layout.compute(g, limit=10)
    assert not plan.precomputed and plan.positions == {}
    assert 50 <= plan.stabilisation_iterations <= 300
    assert layout.browser_iterations(100_000) == 50


def test_synthetic_benchmark_page(tmp_path):
    from nhskg.viz.bench import generate_synthetic
    r = generate_synthetic(300, tmp_path / "s.html")
    assert r.path.exists() and r.nodes == 300 and r.edges > 500 and r.precomputed
    data = page_data(r.path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == r.nodes and len(data["edges"]) == r.edges


# ---------------------------------------------------------------- the command


def run(args: list[str]):
    return CliRunner().invoke(cli, args, catch_exceptions=True)


def test_cli_writes_the_default_page(out_dir, tmp_path, engine):
    target = tmp_path / "g.html"
    res = run(["viz", "--out", str(out_dir), "-o", str(target)])
    assert res.exit_code == 0, res.output
    g = project(engine)
    facts = len({d["fact"] for *_, d in g.edges(data=True)})
    assert f"Wrote {target} ({g.number_of_nodes()} entities, {g.number_of_edges()} links from {facts} facts" in res.output
    assert len(page_data(target.read_text(encoding="utf-8"))["edges"]) == g.number_of_edges()


def _data(out_dir: Path, tmp_path: Path, *args: str) -> dict:
    target = tmp_path / "p.html"
    res = run(["viz", "--out", str(out_dir), "-o", str(target), *args])
    assert res.exit_code == 0, (res.output, res.exception)
    return page_data(target.read_text(encoding="utf-8"))


def test_cli_regime_keeps_that_regime_and_the_regime_free_facts(out_dir, tmp_path, engine):
    data = _data(out_dir, tmp_path, "--regime", "Option 2")
    regimes = {f["regime"] for e in data["edges"] for f in e["facts"]}
    assert regimes <= {"https://w3id.org/nhskg/id/regime-option-2", None}
    g = project(engine, "https://w3id.org/nhskg/id/regime-option-2")
    assert len(data["edges"]) == g.number_of_edges()


def test_cli_focus_depth_is_a_neighbourhood(out_dir, tmp_path, engine):
    data = _data(out_dir, tmp_path, "--focus", "NHS England", "--depth", "1")
    centre = "https://w3id.org/nhskg/id/nhs-england"
    assert data["focus"] == centre
    ids = {n["id"] for n in data["nodes"]}
    g = project(engine).to_undirected()
    assert ids == {centre} | set(g.neighbors(centre))


def test_cli_kinds_and_source(out_dir, tmp_path):
    data = _data(out_dir, tmp_path, "--kinds", "Body,Person")
    assert {n["grp"] for n in data["nodes"]} <= {"Body", "Person"}
    data = _data(out_dir, tmp_path, "--source", "pollock-roderick-price-response-2021")
    src = "https://w3id.org/nhskg/id/pollock-roderick-price-response-2021"
    assert data["edges"] and all(src in e["srcs"] for e in data["edges"])


def test_cli_compare_colours_holder_position_pairs_by_regime(out_dir, tmp_path, engine):
    data = _data(out_dir, tmp_path, "--compare", "Option 1", "Option 2")
    assert [c["key"] for c in data["categories"]] == ["a", "b", "both"]
    a, b = "https://w3id.org/nhskg/id/regime-option-1", "https://w3id.org/nhskg/id/regime-option-2"
    held: dict[tuple, set] = {}
    for u, v, d in project(engine).edges(data=True):
        if d["type"] == "holds" and d["regime"] in (a, b):
            held.setdefault((u, v), set()).add(d["regime"])
    shown = {(e["from"], e["to"]): e["cat"] for e in data["edges"] if e["typ"] == "holds"}
    assert set(shown) == set(held)
    for pair, regs in held.items():
        assert shown[pair] == ("both" if regs == {a, b} else "a" if regs == {a} else "b")


@pytest.mark.parametrize("args, message", [
    (["--regime", "Option 9"], "Regimes:"),
    (["--regime", "NHS England"], "is not a regime"),
    (["--kinds", "Bodies"], "unknown kind 'Bodies'"),
    (["--source", "no-such-source"], "no source document"),
    (["--depth", "2"], "--depth needs --focus"),
    (["--compare", "Option 1", "Option 1"], "two different regimes"),
])
def test_cli_errors_are_one_clear_line(out_dir, tmp_path, args, message):
    res = run(["viz", "--out", str(out_dir), "-o", str(tmp_path / "x.html"), *args])
    assert isinstance(res.exception, NhskgError), res.output
    assert message in str(res.exception)
    assert not (tmp_path / "x.html").exists()
