"""Interactive, offline HTML pages of the graph (``nhskg viz``).

view.py chooses what a page shows (and the compare view), layout.py places the nodes, network.py
turns them into a pyvis network, page.py writes one self-contained HTML file from templates/,
browser.py opens pages in Debian's Chromium for tests, the benchmark and the README figure.
"""
