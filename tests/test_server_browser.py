"""Entity pages in a real browser: Debian's Chromium driven by Playwright, against ``nhskg serve``
on loopback. The page renders, the evidence shows, a link to another entity works, nothing is
fetched from outside, and no script runs. A screenshot goes to test-artifacts/."""
from __future__ import annotations

import re
import shutil

import pytest

from nhskg.paths import PROJECT_ROOT

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright==1.65.2")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: apt-get install -y chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 1400})
    # no request may leave loopback, whatever the page asks for
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    pg = context.new_page()
    pg.failed = []  # type: ignore[attr-defined]
    pg.on("requestfailed", lambda req: pg.failed.append(req.url))  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_entity_page_renders_with_evidence_and_links(served, page):
    response = page.goto(served.url + "/id/nhs-england")  # 303 to the HTML document
    assert response is not None and response.ok
    assert page.url.endswith("/id/nhs-england.html")
    assert page.locator("h1#label").inner_text() == "NHS England"
    quotes = page.locator("blockquote.evidence")
    assert quotes.count() > 3
    assert quotes.first.is_visible() and len(quotes.first.inner_text()) > 10
    assert page.locator("#facts .fact").count() > 3
    assert page.locator("#sources li").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "entity-page.png"), full_page=False)

    # follow a link to another entity named in a fact
    link = page.locator("#facts .fact .muted a[href^='/id/']").first
    target_label, target_href = link.inner_text(), link.get_attribute("href")
    assert target_href != "/id/nhs-england"
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(target_href + ".html")
    assert page.locator("h1#label").inner_text() == target_label
    assert page.locator("#facts .fact").count() >= 1
    assert page.locator("a[href='/id/nhs-england']").count() >= 1  # and the way back is there
    assert page.failed == [] and page.errors == []
    assert page.evaluate("document.scripts.length") == 0


def test_search_from_the_home_page_to_an_entity(served, page):
    page.goto(served.url + "/")
    page.fill("#search input[name=q]", "Chris Ham")
    with page.expect_navigation():
        page.press("#search input[name=q]", "Enter")
    hit = page.locator("#hits a").first
    assert "Chris Ham" in hit.inner_text()
    with page.expect_navigation():
        hit.click()
    assert page.locator("h1#label").inner_text().startswith("Chris Ham")
    assert page.locator("blockquote.evidence").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "entity-page-search.png"))
    assert page.failed == [] and page.errors == []


def test_unknown_entity_page_offers_a_search(served, page):
    response = page.goto(served.url + "/id/nhs-scotland-board")
    assert response is not None and response.status == 404
    with page.expect_navigation():
        page.click("#search-link")
    assert "/search?q=nhs%20scotland%20board" in page.url
    assert page.locator("h1").inner_text() == "Search"


def test_named_query_runs_from_its_page(served, page):
    page.goto(served.url + "/queries/duty-matrix")
    page.fill("#params input[name=regime]", "Option 2")
    with page.expect_navigation():
        page.click("#params button")
    assert page.locator("table.results tbody tr").count() > 3
    assert page.locator("a", has_text="csv").first.get_attribute("href").startswith("/queries/duty-matrix.csv?")
    page.screenshot(path=str(ARTIFACTS / "named-query-page.png"))
