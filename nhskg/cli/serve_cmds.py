"""Commands for the linked-data service: serve (a read-only SPARQL endpoint and entity pages)
and push (load the graph into an external triple store)."""
from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click

from nhskg.cli.options import out_option


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the endpoint to your network.")
@click.option("--port", type=int, default=8000, show_default=True)
@out_option
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds a SPARQL query may run before its worker is stopped.")
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) per answer; longer answers are cut and say so in a header.")
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Processes that run user-written SPARQL (each can be killed on timeout).")
@click.option("--memory", is_flag=True,
              help="Query copies of the graph held in memory: 2-5x faster queries on large graphs, for "
                   "a load at start of about 3 s and 0.65 GB per million triples in each of the "
                   "server's processes (1 + --workers).")
@click.option("--access-log/--no-access-log", default=False, help="Log every request.")
def serve(host: str, port: int, out: Path | None, timeout: float, max_results: int, workers: int,
          memory: bool, access_log: bool) -> None:
    """Serve the built graph read-only: SPARQL endpoint, entity pages, named queries, downloads.

    \b
    URLs (the graph's https://w3id.org/nhskg/... IRIs map onto the same paths here):
      /                      home: search, named queries, SPARQL query box, downloads
      /sparql                SPARQL 1.1 Protocol endpoint (GET/POST; JSON, XML, CSV, TSV, Turtle...)
      /id/nhs-england        303 See Other to .html, .ttl, .jsonld, .nt or .rdf by Accept header
      /queries/duty-matrix   a named query as a form and a table (.csv, .tsv, .json for files)
      /download/nhskg.ttl    the exports and the ontology

    \b
    Examples:
      nhskg serve                              # http://127.0.0.1:8000/
      nhskg serve --port 8080 --timeout 10 --max-results 5000
      nhskg serve --memory                     # a large graph, many queries: answer from memory
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {?s ?p ?o} LIMIT 5' \\
           http://127.0.0.1:8000/sparql
    """
    import uvicorn

    from nhskg.paths import default_out
    from nhskg.server.app import create_app
    from nhskg.server.context import Settings

    if timeout <= 0:
        raise click.BadParameter("must be more than 0", param_hint="--timeout")
    settings = Settings(out or default_out(), timeout, max_results, workers, memory)
    app = create_app(settings)  # opens the build now: a missing build is a one-line error
    snap = app.state.ctx.graph.snapshot()
    if not _is_loopback(host):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine can query the graph.",
                   err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {snap.build_dir} at http://{shown}:{port}/  (SPARQL endpoint http://{shown}:{port}/sparql)",
               err=True)
    click.echo(f"Read-only{', in memory' if memory else ''}; timeout {timeout:g} s, at most {max_results} rows "
               "per answer. Ctrl-C stops.", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=access_log, timeout_graceful_shutdown=5)


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL query endpoint, e.g. http://127.0.0.1:7878/query (Oxigraph) "
                   "or http://localhost:3030/ds/sparql (Fuseki).")
@click.option("--graph", "graph", metavar="IRI", default=None,
              help="Put every triple into this one named graph (default: one named graph per source, as built).")
@click.option("--store", "store_url", metavar="URL", default=None,
              help="Graph Store Protocol endpoint (default: <base>/store, then <base>/data).")
@click.option("--update", "update_url", metavar="URL", default=None,
              help="SPARQL Update endpoint for stores without the Graph Store Protocol (default: <base>/update).")
@click.option("--method", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True,
              help="Graph Store Protocol PUTs, one SPARQL Update request, or the first that works.")
@click.option("--user", default=None, help="User name for HTTP basic authentication.")
@click.option("--password-env", metavar="VAR", default=None,
              help="Name of the environment variable holding the password (never the password itself).")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds per HTTP request.")
@out_option
def push(endpoint: str, graph: str | None, store_url: str | None, update_url: str | None, method: str,
         user: str | None, password_env: str | None, timeout: float, out: Path | None) -> None:
    """Load the built graph into an external SPARQL store, replacing what an earlier push put there.

    Each named graph is replaced with a Graph Store Protocol PUT (atomic per graph), or all at once
    with one SPARQL Update request where that is all the store offers; graphs of an earlier push
    that this build no longer has are dropped. The triples of every graph are then counted on the
    server and must match.

    \b
    Examples:
      oxigraph serve --location kg-db --union-default-graph &
      nhskg push --endpoint http://127.0.0.1:7878/query
      nhskg duties --endpoint http://127.0.0.1:7878/query --regime "Option 2"
      FUSEKI_PW=... nhskg push --endpoint http://localhost:3030/nhskg/sparql --user admin --password-env FUSEKI_PW
    """
    from nhskg.errors import InputError
    from nhskg.graph.store import open_store
    from nhskg.paths import default_out
    from nhskg.server.push import Target, push as do_push

    password = None
    if password_env:
        if not user:
            raise InputError("--password-env needs --user too")
        password = os.environ.get(password_env)
        if password is None:
            raise InputError(f"the environment variable {password_env} (named by --password-env) is not set")
    elif user:
        raise InputError("--user needs --password-env VAR: the password is read from that environment variable")
    target = Target(endpoint, store_url, update_url, user, password, timeout)
    report = do_push(open_store(out or default_out()), target, graph, method,
                     progress=lambda msg: click.echo(f"… {msg}", err=True))
    how = "Graph Store Protocol PUT" if report.method == "gsp" else "SPARQL Update"
    click.echo(f"Pushed {sum(report.graphs.values())} triples in {len(report.graphs)} graph"
               f"{'s' if len(report.graphs) != 1 else ''} to {report.write_url} by {how} "
               f"in {report.seconds:.2f} s; verified: every graph's triple count matches.")
    if report.dropped:
        click.echo(f"Dropped {len(report.dropped)} graph(s) an earlier push left: {', '.join(report.dropped)}")
    if not report.union_default_graph:
        click.echo("Note: queries without GRAPH do not see the data on this store, so the named queries "
                   "(nhskg ... --endpoint) will find nothing. Make the default graph the union of the named "
                   "graphs: 'oxigraph serve --union-default-graph', Fuseki 'tdb2:unionDefaultGraph true'.",
                   err=True)


def register(cli: click.Group) -> None:
    cli.add_command(serve)
    cli.add_command(push)
