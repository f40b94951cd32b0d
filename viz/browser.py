"""Opening a page in Debian's Chromium through Playwright with the network cut off.

Shared by the browser test, the benchmark's settle-time measurement and the README screenshot,
so all three see the page the same way: the system Chromium (Playwright's own browser download
does not work on these machines), every request that is not to a file or to loopback aborted,
and every failed request, page error and console error recorded for the caller to check.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
_LOCAL = re.compile(r"^(file:|data:|about:|blob:|https?://(127\.0\.0\.1|localhost|\[::1\])([:/]|$))", re.IGNORECASE)


def chromium() -> str | None:
    """The system Chromium launcher, or None when it is not installed."""
    return shutil.which("chromium")


def is_local(url: str) -> bool:
    return bool(_LOCAL.match(url))


@dataclass
class Session:
    page: Any
    failed_requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)     # uncaught exceptions and console errors
    dialogs: list[str] = field(default_factory=list)    # alert()/confirm() the page tried to show


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright
    exe = chromium()
    if not exe:
        raise RuntimeError("chromium is not installed (make browser installs Debian's package)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_offline(browser: Any, path: Path, width: int = 1400, height: int = 900, scale: float = 1.0,
                 timeout_ms: int = 60_000, fragment: str = "") -> Session:
    """Open ``path`` (a local HTML file) in a fresh context with the network blocked; wait until it settles.

    ``fragment`` is appended to the address after a '#' (the page reads "#figure")."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    session = Session(page=None)

    def block(route: Any) -> None:
        session.blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: not is_local(url), block)
    page = context.new_page()
    session.page = page
    page.on("requestfailed", lambda r: session.failed_requests.append(r.url))
    page.on("pageerror", lambda exc: session.errors.append(f"page error: {exc}"))
    page.on("console", lambda m: session.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)

    def on_dialog(d: Any) -> None:
        session.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    # a selector, not wait_for_function: the page's CSP forbids the eval that the latter uses
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=timeout_ms)
    return session


@contextmanager
def offline_page(path: Path, width: int = 1400, height: int = 900, scale: float = 1.0,
                 timeout_ms: int = 60_000) -> Iterator[Session]:
    """Launch Chromium, open ``path`` offline and wait until the page says its layout has settled."""
    with chromium_browser() as browser:
        yield open_offline(browser, path, width, height, scale, timeout_ms)
