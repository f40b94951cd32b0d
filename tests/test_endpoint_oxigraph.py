"""A real Oxigraph server: push the graph into it, then every named query and the commands that
take ``--endpoint`` must answer as the embedded store does.

The server is the ``oxigraph`` binary from PyPI, started on a free loopback port with its
database in a temporary folder, and stopped by its process id when the module ends.
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import Literal

from nhskg.cli import cli
from nhskg.graph.engine import RemoteEngine
from nhskg.graph.store import open_store
from nhskg.namespaces import GRAPH
from nhskg.queries.library import load_library
from nhskg.queries.run import run_named
from nhskg.server.launch import start_oxigraph
from nhskg.server.loadtest import example_params
from nhskg.server.push import Target, collect, push


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-db"))
    yield server
    server.stop()
    assert server.proc.poll() is not None, "the Oxigraph server is still running"


@pytest.fixture(scope="module")
def pushed(oxigraph, out_dir):
    return push(open_store(out_dir), Target(oxigraph.url + "/query"))


@pytest.fixture(scope="module")
def remote(oxigraph, pushed):
    return RemoteEngine(oxigraph.url + "/query")


def canonical(term):
    """A term as a comparable value: numbers by value (a store may rewrite 1.60 as 1.6)."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype is not None:
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return ("number", Decimal(str(value)))
    return term


def rows(result) -> Counter:
    """The answer as a multiset of rows (order of equal-ranked rows is up to the store)."""
    if result.kind == "ask":
        return Counter([result.boolean])
    if result.kind == "graph":
        return Counter(result.graph)
    return Counter(tuple(canonical(r.get(v)) for v in result.variables) for r in result.rows)


def test_push_puts_every_graph_and_verifies(pushed, out_dir):
    local = {g: len(ts) for g, ts in collect(open_store(out_dir), None).items()}
    assert pushed.method == "gsp"
    assert pushed.graphs == local and pushed.remote == local and pushed.verified
    assert pushed.union_default_graph


def test_every_named_query_answers_as_the_embedded_store(remote, engine):
    compared = []
    for nq in load_library().values():
        for params in example_params(nq):
            here = run_named(engine, nq.name, params)
            there = run_named(remote, nq.name, params)
            assert there.kind == here.kind
            if here.kind == "select":
                assert there.variables == here.variables, nq.name
            assert rows(there) == rows(here), f"{nq.name} {params}"
            compared.append(nq.name)
    assert len(set(compared)) >= len(load_library()) * 3 // 4, "most named queries have runnable examples"


@pytest.mark.parametrize("args", [
    ["describe", "NHS England"],
    ["describe", "Chris Ham", "--format", "csv"],
    ["duties", "--regime", "Option 2", "--evidence"],
    ["stats"],
    ["query", "duty-matrix", "--param", "regime=Option 2", "--format", "csv"],
    ["compare", "Option 1", "Option 2", "--format", "csv"],
    ["analyse", "--measure", "centrality", "--format", "csv"],
    ["analyse", "--measure", "communities", "--format", "csv"],
])
def test_commands_with_endpoint_print_what_the_embedded_store_prints(remote, oxigraph, out_dir, args):
    if args[0] not in cli.commands:
        pytest.skip(f"no '{args[0]}' command in this build")
    runner = CliRunner()
    local = runner.invoke(cli, args + ["--out", str(out_dir)], catch_exceptions=False)
    there = runner.invoke(cli, args + ["--endpoint", oxigraph.url + "/query"], catch_exceptions=False)
    assert local.exit_code == 0, local.output
    assert there.exit_code == 0, there.output
    # lines as a multiset: rows that tie under ORDER BY may come in another order
    assert sorted(there.output.splitlines()) == sorted(local.output.splitlines())


def test_push_again_by_sparql_update_drops_graphs_that_went_away(oxigraph, pushed, out_dir, remote):
    stale = str(GRAPH) + "curated/a-source-that-was-removed"
    status, _, _ = oxigraph.request("PUT", "/store?graph=" + stale,
                                    "<https://w3id.org/nhskg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n",
                                    {"Content-Type": "application/n-triples"})
    assert status in (200, 201, 204)
    report = push(open_store(out_dir), Target(oxigraph.url + "/query"), method="update")
    assert report.method == "update" and report.verified
    assert report.dropped == [stale]
    assert not remote.run(f"ASK {{ GRAPH <{stale}> {{ ?s ?p ?o }} }}").boolean
    assert report.graphs == pushed.graphs


def test_push_into_one_graph_and_the_union_default_graph_note(tmp_path, out_dir):
    """A store without a union default graph: the data lands, and the user is told why the named
    queries would see nothing there."""
    with start_oxigraph(tmp_path / "db", union_default_graph=False) as server:
        target = "https://example.org/graphs/nhskg"
        result = CliRunner().invoke(cli, ["push", "--endpoint", server.url + "/query", "--graph", target,
                                          "--out", str(out_dir)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "verified" in result.output and "1 graph " in result.output
        assert "--union-default-graph" in result.output
        distinct = {t for ts in collect(open_store(out_dir), None).values() for t in ts}
        count = RemoteEngine(server.url + "/query").run(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}").rows[0]["n"]
        assert int(count) == len(distinct)
    assert server.proc.poll() is not None
