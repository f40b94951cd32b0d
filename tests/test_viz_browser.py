"""The viz page in a real browser: Debian's Chromium driven by Playwright, with the network cut off.

Every request that is not to a file or to loopback is aborted (nhskg.viz.browser), and the tests
assert that no request failed and no script error happened, so a page that needed a CDN would
fail here. Counts are read from the vis network object itself (the node and edge indices it
draws), not from our own bookkeeping.
"""
from __future__ import annotations

import shutil
import time

import networkx as nx
import pytest

from nhskg.graph.projection import project
from nhskg.paths import PROJECT_ROOT
from nhskg.viz import page as viz_page
from nhskg.viz.catalog import Regime, Source
from nhskg.viz.view import build_view, regime_view

# playwright is a declared test dependency: its absence is an error, not a reason to skip
if not shutil.which("chromium"):
    pytest.skip("Debian's chromium is not installed (run 'make browser'); the real-browser tests need it",
                allow_module_level=True)

from nhskg.viz.browser import chromium_browser, open_offline  # noqa: E402

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
NHSE = "https://w3id.org/nhskg/id/nhs-england"
EVIL = '<img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_browser() as b:
        yield b


@pytest.fixture(scope="module")
def session(browser, engine, tmp_path_factory):
    """The default page of the real graph, open for all the tests of this module."""
    path = viz_page.write(build_view(engine), tmp_path_factory.mktemp("viz-browser") / "graph.html")
    s = open_offline(browser, path, 1400, 900)
    yield s
    s.page.context.close()


@pytest.fixture(scope="module")
def projection(engine) -> nx.MultiDiGraph:
    return project(engine)


def wait_until(check, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


def drawn(s) -> dict:
    return s.page.evaluate("window.nhskg.drawnCounts()")


def test_page_runs_offline_and_draws_every_fact(session, projection):
    s = session
    assert s.page.evaluate("typeof vis") == "object"
    assert s.failed_requests == [] and s.blocked == [] and s.errors == []
    g = projection
    assert s.page.evaluate("window.nhskg.nodes.length") == g.number_of_nodes()
    assert s.page.evaluate("window.nhskg.edges.length") == g.number_of_edges()
    # entities without facts are hidden until asked; everything else is drawn
    assert drawn(s) == {"nodes": sum(1 for n in g if g.degree(n)), "edges": g.number_of_edges()}
    assert s.page.locator("#counts").inner_text().startswith(f"Showing {drawn(s)['nodes']} of {g.number_of_nodes()}")


def test_screenshot_is_saved(session):
    target = ARTIFACTS / "viz-graph.png"
    session.page.screenshot(path=str(target))
    assert target.stat().st_size > 20_000


def test_search_selects_and_focuses_the_entity(session, projection):
    p = session.page
    p.fill("#search", "nhs england")
    p.press("#search", "Enter")
    assert p.evaluate("window.nhskg.network.getSelectedNodes()") == [NHSE]
    pos = p.evaluate(f"window.nhskg.network.getPositions([{NHSE!r}])[{NHSE!r}]")

    def centred() -> bool:                       # the focus animation is time-based: poll until it ends
        c = p.evaluate("window.nhskg.network.getViewPosition()")
        return abs(c["x"] - pos["x"]) < 2 and abs(c["y"] - pos["y"]) < 2
    assert wait_until(centred, 5.0), "the view did not centre on the entity found"
    assert p.locator("#details").is_visible()
    assert p.locator("#details h3").inner_text() == "NHS England"
    assert p.locator("#details li.fact").count() == projection.degree(NHSE)
    p.fill("#search", "no such entity at all")
    p.press("#search", "Enter")
    assert "No entity matches" in p.locator("#search-status").inner_text()
    p.click("#details-close")


def test_kind_filter_hides_that_kind_and_its_edges(session, projection):
    p, g = session.page, projection
    before = drawn(session)
    people = {n for n, d in g.nodes(data=True) if d["group"] == "Person" and g.degree(n)}
    touching = sum(1 for u, v in g.edges() if u in people or v in people)
    p.click("input[data-kind=Person]")
    after = drawn(session)
    assert after == {"nodes": before["nodes"] - len(people), "edges": before["edges"] - touching}
    visible = set(p.evaluate("window.nhskg.visibleNodeIds()"))
    assert not visible & people
    p.fill("#search", "Chris Ham")
    p.press("#search", "Enter")
    assert "hidden by the filters" in p.locator("#search-status").inner_text()
    p.click("input[data-kind=Person]")
    assert drawn(session) == before
    session.page.screenshot(path=str(ARTIFACTS / "viz-graph-search.png"))


def test_regime_and_source_filters(session, projection):
    p, g = session.page, projection
    before = drawn(session)
    opt2 = "https://w3id.org/nhskg/id/regime-option-2"
    n_opt2 = sum(1 for *_, d in g.edges(data=True) if d["regime"] == opt2)
    p.click(f"input[data-category='{opt2}']")
    assert drawn(session)["edges"] == before["edges"] - n_opt2
    p.click(f"input[data-category='{opt2}']")
    assert drawn(session) == before
    p.click("#sources-none")
    assert drawn(session) == {"nodes": 0, "edges": 0}
    one = "https://w3id.org/nhskg/id/hsj-ham-exit-interview"
    p.click(f"input[data-source='{one}']")
    assert drawn(session)["edges"] == sum(1 for *_, d in g.edges(data=True) if one in d["sources"])
    p.click("#sources-all")
    assert drawn(session) == before


def test_edge_hover_and_click_show_the_evidence(session):
    p = session.page
    p.evaluate("window.nhskg.network.fit({animation: false})")
    # the midpoint of a straight edge with no node and no other edge within 12 px of it
    found = p.evaluate("""() => {
      const net = window.nhskg.network, edges = window.nhskg.data.edges, pairs = {};
      const rect = document.getElementById('graph').getBoundingClientRect();
      const pair = e => [e.from, e.to].sort().join(' ');
      for (const e of edges) pairs[pair(e)] = (pairs[pair(e)] || 0) + 1;
      const ends = e => [net.getPositions([e.from])[e.from], net.getPositions([e.to])[e.to]].map(q => net.canvasToDOM(q));
      const segs = edges.map(e => ends(e));
      const dist = (p, a, b) => {
        const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy || 1;
        const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
        return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
      };
      for (let i = 0; i < edges.length; i++) {
        const e = edges[i];
        if (pairs[pair(e)] > 1 || !e.facts[0].evidence[0].quote) continue;
        const [a, b] = segs[i], m = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
        if (m.x < 30 || m.y < 30 || m.x > rect.width - 30 || m.y > rect.height - 30) continue;
        if (Math.hypot(b.x - a.x, b.y - a.y) < 60) continue;
        if (segs.some((s, j) => j !== i && dist(m, s[0], s[1]) < 12)) continue;
        if (net.getNodeAt(m) !== undefined || net.getEdgeAt(m) !== e.id) continue;
        return {id: e.id, x: m.x + rect.left, y: m.y + rect.top, quote: e.facts[0].evidence[0].quote, rel: e.rel};
      }
      return null;
    }""")
    assert found, "no edge on screen clear of nodes and other edges"
    p.mouse.move(found["x"], found["y"])
    tip = p.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=3000)
    assert found["rel"] in tip.inner_text()
    assert found["quote"][:40] in tip.inner_text().replace("\n", " ")
    p.mouse.click(found["x"], found["y"])
    assert p.locator("#details").is_visible()
    assert found["quote"][:40] in p.locator("#details blockquote").first.inner_text().replace("\n", " ")
    p.click("#details-close")


def test_entities_without_facts_appear_when_asked(session, projection):
    p = session.page
    before = drawn(session)
    p.click("#show-lone")
    assert drawn(session) == {"nodes": projection.number_of_nodes(), "edges": before["edges"]}
    p.click("#show-lone")
    assert drawn(session) == before


def test_compare_page_draws_both_regimes(browser, engine, tmp_path):
    from nhskg.viz.view import build_compare
    view = build_compare(engine, "Option 1", "Option 2")
    s = open_offline(browser, viz_page.write(view, tmp_path / "compare.html"), 1200, 800)
    g = view.graph
    assert drawn(s) == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    s.page.screenshot(path=str(ARTIFACTS / "viz-compare.png"))
    only_b = sum(1 for *_, d in g.edges(data=True) if d["category"] == "b")
    s.page.click("input[data-category='b']")
    assert drawn(s)["edges"] == g.number_of_edges() - only_b
    assert s.errors == [] and s.failed_requests == [] and s.blocked == []
    s.page.context.close()


def test_freeze_toggle_switches_physics(session):
    p = session.page
    assert p.evaluate("window.nhskg.network.physics.options.enabled") is False
    p.click("#freeze")
    assert p.evaluate("window.nhskg.network.physics.options.enabled") is True
    p.click("#freeze")
    assert p.evaluate("window.nhskg.network.physics.options.enabled") is False
    assert session.errors == [] and session.failed_requests == []


def test_markup_in_data_stays_text_in_the_browser(browser, tmp_path):
    g = nx.MultiDiGraph()
    r = Regime("https://example.org/r1", "Regime " + EVIL, "R1")
    src = Source("https://example.org/s1", "Source " + EVIL, url="javascript:alert(3)")
    g.add_node("https://example.org/a", label=EVIL, kinds=["Person"], kind="Person", group="Person")
    g.add_node("https://example.org/b", label="plain body", kinds=["NHSBody"], kind="NHSBody", group="Body")
    quote = "quoted </script><script>alert(2)</script>"
    g.add_edge("https://example.org/a", "https://example.org/b", key="f1", fact="f1", type="quote", relation="says",
               regime=r.iri, sources=[src.iri], quotes=[quote], evidence=[{"source": src.iri, "quote": quote}])
    path = viz_page.write(regime_view(g, [r], {src.iri: src}, "Title " + EVIL), tmp_path / "evil.html")
    s = open_offline(browser, path, 1000, 700)
    p = s.page
    p.fill("#search", "<img")
    p.press("#search", "Enter")
    assert p.locator("#details h3").inner_text() == EVIL
    assert quote in p.locator("#details blockquote").inner_text()
    assert p.evaluate("document.querySelectorAll('img, script[src], a[href^=\"javascript\"]').length") == 0
    assert p.title() == "Title " + EVIL
    p.wait_for_timeout(300)                      # an injected onerror would have fired by now
    assert s.dialogs == [] and s.errors == [] and s.failed_requests == []
    p.context.close()
