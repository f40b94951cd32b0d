"""The README figure: the default page of the real graph, photographed in Chromium with the network cut off.

``python -m nhskg.viz.screenshot --out BUILD -o docs/img/graph.png`` regenerates it. The page is
opened with ``#figure`` in its address, which hides the controls (search, source list, toggles)
and keeps the title and the legends, so the picture reads as a figure rather than as a screen.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from nhskg.viz.browser import chromium_browser, open_offline


def photograph(html: Path, png: Path, width: int = 1600, height: int = 1000, scale: float = 2.0,
               figure: bool = True) -> Path:
    """Screenshot of ``html`` at ``width`` x ``height`` CSS pixels (times ``scale`` device pixels)."""
    with chromium_browser() as browser:
        s = open_offline(browser, html, width, height, scale, fragment="figure" if figure else "")
        if s.failed_requests or s.errors:
            raise RuntimeError(f"the page did not load cleanly: {s.failed_requests + s.errors}")
        png.parent.mkdir(parents=True, exist_ok=True)
        s.page.screenshot(path=str(png))
    return png


def main(argv: list[str] | None = None) -> None:
    from nhskg.cli.options import make_engine
    from nhskg.viz import page
    from nhskg.viz.view import build_view
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="build folder (default: $NHSKG_OUT, else ./nhskg-out)")
    ap.add_argument("-o", "--output", type=Path, default=Path("docs/img/graph.png"))
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=1000)
    args = ap.parse_args(argv)
    html = page.write(build_view(make_engine(args.out, None)), Path(tempfile.mkdtemp()) / "graph.html")
    print(photograph(html, args.output, args.width, args.height))


if __name__ == "__main__":
    main()
