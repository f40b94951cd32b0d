"""Options shared by several commands."""
from __future__ import annotations

from pathlib import Path

import click

corpus_option = click.option(
    "--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder with the source texts (default: $NHSKG_CORPUS, else ../shared/corpus if it exists).")
out_option = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Build folder holding the store and exports (default: $NHSKG_OUT, else ./nhskg-out).")
endpoint_option = click.option(
    "--endpoint", metavar="URL", default=None,
    help="Ask this SPARQL 1.1 endpoint instead of the embedded store (e.g. http://127.0.0.1:7878/query).")
timeout_option = click.option("--timeout", type=float, default=30.0, show_default=True,
                              help="Give up on a query after this many seconds.")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]),
                             default="table", show_default=True, help="Output format.")


def make_engine(out: Path | None, endpoint: str | None):
    """The embedded store under --out, or a remote endpoint when --endpoint is given."""
    from nhskg.graph.engine import EmbeddedEngine, RemoteEngine
    if endpoint:
        return RemoteEngine(endpoint)
    from nhskg.graph.store import open_store
    from nhskg.paths import default_out
    return EmbeddedEngine(open_store(out or default_out()))


def engine_options(fn):
    """--out, --endpoint and --timeout together, for every command that reads the graph."""
    return out_option(endpoint_option(timeout_option(fn)))
