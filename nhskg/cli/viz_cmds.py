"""``nhskg viz``: write the graph as one interactive HTML page that works offline."""
from __future__ import annotations

from pathlib import Path

import click

from nhskg.cli.options import engine_options, make_engine


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("nhskg-graph.html"),
              show_default=True, help="HTML file to write.")
@click.option("--regime", metavar="REGIME", default=None,
              help='Only facts that hold under this regime or under none (e.g. "Option 2").')
@click.option("--focus", metavar="ENTITY", default=None, help="Only the neighbourhood of this entity.")
@click.option("--depth", type=click.IntRange(0, 10), default=1, show_default=True,
              help="Steps from the --focus entity.")
@click.option("--kinds", metavar="KIND,...", default=None,
              help="Only entities of these kinds (Body, Person, Place, Law, Proposal, Regime, Duty, Document, "
                   "Event, or a finer kind such as Regulator).")
@click.option("--source", metavar="SOURCE", default=None,
              help="Only facts with evidence in this source (its id, corpus file name or title).")
@click.option("--compare", nargs=2, metavar="REGIME_A REGIME_B", default=None,
              help="One page of both regimes, edges coloured by where they hold: only A, only B, both.")
@click.option("--open", "open_", is_flag=True, help="Open the page in the default browser.")
@engine_options
def viz(output: Path, regime: str | None, focus: str | None, depth: int, kinds: str | None, source: str | None,
        compare: tuple[str, str] | None, open_: bool, out: Path | None, endpoint: str | None, timeout: float) -> None:
    """Write an interactive page of the graph: one HTML file, no network needed to open it.

    Entities are coloured and shaped by kind; edges are facts, coloured by regime, with the
    evidence quote and source on hover. In the page: search box, filters by kind, regime and
    source, a facts panel on click, and a layout freeze toggle.

    \b
    Examples:
      nhskg viz -o graph.html --open
      nhskg viz --regime "Option 2" --kinds Body,Duty
      nhskg viz --focus "NHS England" --depth 2
      nhskg viz --source pollock-roderick-price-response-2021
      nhskg viz --compare "Option 1" "Option 2" -o options.html
    """
    from nhskg.errors import NhskgError
    from nhskg.viz import page
    from nhskg.viz.view import build_compare, build_view

    if compare and (regime or focus or kinds or source):
        raise NhskgError("--compare cannot be combined with --regime, --focus, --kinds or --source")
    if depth != 1 and not focus:
        raise NhskgError("--depth needs --focus ENTITY")
    engine = make_engine(out, endpoint)
    if timeout:
        engine = _Timed(engine, timeout)
    view = build_compare(engine, *compare) if compare else build_view(
        engine, regime=regime, focus=focus, depth=depth, kinds=kinds, source=source)
    path = page.write(view, output)
    g = view.graph
    lone = sum(1 for n in g if g.degree(n) == 0)
    facts = len({f["fact"] for _, _, d in g.edges(data=True) for f in d["facts"]})
    # a fact can make several links (an event with three participants), hence both counts
    click.echo(f"Wrote {path} ({g.number_of_nodes()} entities, {g.number_of_edges()} links from {facts} facts"
               + (f"; {lone} entities without facts hidden until asked" if lone else "") + ")")
    if open_:
        import webbrowser
        webbrowser.open(path.resolve().as_uri())


class _Timed:
    """Passes --timeout on to every query the view makes."""

    def __init__(self, engine, timeout: float) -> None:
        self.engine, self.timeout = engine, timeout

    def run(self, query, bindings=None, timeout=None):
        return self.engine.run(query, bindings, timeout=self.timeout)


def register(cli: click.Group) -> None:
    cli.add_command(viz)
