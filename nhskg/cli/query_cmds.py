"""Commands that ask the graph questions: queries, query, sparql, compare, analyse, path.

The SPARQL lives in queries/*.rq, the comparison in graph/compare.py and the network measures in
graph/analysis.py; these commands only parse options and print results.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from nhskg.cli.options import engine_options, format_option, make_engine
from nhskg.errors import QueryError


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``key=value`` strings -> dict; the value may itself contain '=' and any quotes."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param needs KEY=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


def _echo_result(result, fmt: str, columns: list[str] | None = None) -> None:
    from nhskg.cli.render import render
    click.echo(render(result, fmt, columns))


# ---------------------------------------------------------------- queries
@click.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table", show_default=True,
              help="Output format.")
def queries_cmd(fmt: str) -> None:
    """List the named queries: name, parameters and the question each answers.

    \b
    Examples:
      nhskg queries
      nhskg queries --format md > docs/query-list.md
    """
    from nhskg.cli.render import table
    from nhskg.queries.library import load_library
    library = load_library()
    if fmt == "json":
        click.echo(json.dumps([{"name": q.name, "question": q.question, "examples": list(q.examples),
                                "params": [{"name": p.name, "type": p.type, "optional": p.optional,
                                            "description": p.description} for p in q.params]}
                               for q in library.values()], indent=2, ensure_ascii=False))
        return
    rows = [[q.name, ", ".join(p.name + ("?" if p.optional else "") for p in q.params), q.question]
            for q in library.values()]
    if fmt == "md":
        click.echo("| query | parameters | question |\n|---|---|---|")
        for r in rows:
            click.echo("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        return
    click.echo(table(["query", "parameters", "question"], rows))
    click.echo("Parameters marked ? are optional. Run one: nhskg query NAME --param key=value "
               "(nhskg query NAME --help-params for details).")


# ---------------------------------------------------------------- query
@click.command("query")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter (repeatable). Entities may be given by label, alternative label, slug or IRI.")
@click.option("--show", is_flag=True,
              help="Print the SPARQL instead of running it (with --param: as sent to an endpoint, values bound).")
@click.option("--help-params", is_flag=True, help="Describe the query's parameters and examples, then stop.")
@click.option("--columns", "-c", default=None, metavar="A,B,...", help="Only these result columns, in this order.")
@engine_options
@format_option
def query_cmd(name: str, params: tuple[str, ...], show: bool, help_params: bool, columns: str | None,
              out: Path | None, endpoint: str | None, timeout: float, fmt: str) -> None:
    """Run the named query NAME ('nhskg queries' lists them).

    Parameters are bound as RDF terms, never pasted into the query text.

    \b
    Examples:
      nhskg query duty-matrix --param regime="Option 2"
      nhskg query stances --param target="Option 2 (statutory ICS body)" --format md
      nhskg query populations --format csv > populations.csv
      nhskg query regime-diff -p a="Option 1" -p b="Option 2" --format json
      nhskg query timeline --show            # the SPARQL, to adapt with 'nhskg sparql -f'
    """
    from nhskg.queries.library import get_query
    from nhskg.queries.run import bind_params

    q = get_query(name)
    given = parse_params(params)
    for key in given:
        q.param(key)  # unknown parameter names fail before anything is opened
    if help_params:
        click.echo(f"{q.name}: {q.question}")
        for p in q.params:
            click.echo(f"  --param {p.name}=...  ({p.type}{', optional' if p.optional else ''}) {p.description}")
        if not q.params:
            click.echo("  (no parameters)")
        for ex in q.examples:
            click.echo(f"  example: {ex}")
        return
    if show and not given:
        click.echo(q.text.rstrip("\n"))
        return
    engine = make_engine(out, endpoint)
    bindings = bind_params(q, given, engine)
    if show:
        from nhskg.graph.engine import inject_values
        click.echo(inject_values(q.text, bindings).rstrip("\n"))
        return
    result = engine.run(q.text, bindings, timeout)
    cols = _columns(columns, result.variables)
    _echo_result(result, fmt, cols)


def _columns(spec: str | None, available: list[str]) -> list[str] | None:
    if not spec:
        return None
    cols = [c.strip() for c in spec.split(",") if c.strip()]
    unknown = [c for c in cols if c not in available]
    if unknown:
        raise QueryError(f"no column {', '.join(unknown)} in the result (columns: {', '.join(available)})")
    return cols


# ---------------------------------------------------------------- sparql
@click.command("sparql")
@click.argument("query", required=False)
@click.option("-f", "--file", "file", type=click.Path(dir_okay=False, exists=True, allow_dash=True, path_type=Path), default=None,
              help="Read the query from this file ('-' for standard input).")
@engine_options
@format_option
def sparql_cmd(query: str | None, file: Path | None, out: Path | None, endpoint: str | None, timeout: float,
               fmt: str) -> None:
    """Run an ad-hoc SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE.

    The project's prefixes (nhs:, id:, fact:, ev:, g:, skos:, org:, prov:, oa:, eli:, dcterms:...)
    are predeclared. The default graph is the union of all named graphs; use GRAPH ?g { } to see
    which source a triple comes from. CONSTRUCT and DESCRIBE print Turtle.

    \b
    Examples:
      nhskg sparql 'SELECT ?body WHERE { ?body a nhs:Regulator }'
      nhskg sparql 'ASK { id:ics-body a nhs:NHSBody }'
      nhskg sparql 'DESCRIBE id:chris-ham'
      nhskg sparql -f my-question.rq --format csv
    """
    if (query is None) == (file is None):
        raise QueryError("give the query as an argument or with -f FILE (not both)")
    text = _read_query(query, file)
    engine = make_engine(out, endpoint)
    try:
        result = engine.run(text, None, timeout)
    except QueryError as exc:
        raise QueryError(_explain_prefix(str(exc), text)) from exc
    _echo_result(result, fmt)


def _read_query(query: str | None, file: Path | None) -> str:
    if query == "-" or (file is not None and str(file) == "-"):
        return sys.stdin.read()
    if file is not None:
        return file.read_text(encoding="utf-8")
    return query or ""


def _explain_prefix(message: str, text: str) -> str:
    """Oxigraph reports an undeclared prefix as a long 'expected one of' list: name the prefix instead."""
    if "Prefix not found" not in message:
        return message
    from nhskg.namespaces import PREFIXES
    declared = set(PREFIXES) | set(re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text))
    used = re.findall(r"(?<![\w<\"'?$])([A-Za-z][\w-]*):[A-Za-z_]", re.sub(r"<[^>]*>|\"[^\"]*\"", "", text))
    unknown = sorted({u for u in used if u not in declared})
    if not unknown:
        return message
    return (f"SPARQL syntax error: unknown prefix {', '.join(u + ':' for u in unknown)} "
            f"(declare it with PREFIX, or use one of: {', '.join(sorted(PREFIXES))})")


# ---------------------------------------------------------------- compare
@click.command("compare")
@click.argument("regime_a")
@click.argument("regime_b")
@click.option("--aspect", type=click.Choice(["all", "duties", "bodies", "boards", "changes"]), default="all",
              show_default=True, help="Only this aspect of the comparison.")
@click.option("--all", "show_all", is_flag=True, help="Also list what both regimes share (marked same=yes).")
@click.option("--evidence/--no-evidence", default=False, help="Show evidence quotes and fact ids in the table.")
@engine_options
@format_option
def compare_cmd(regime_a: str, regime_b: str, aspect: str, show_all: bool, evidence: bool, out: Path | None,
                endpoint: str | None, timeout: float, fmt: str) -> None:
    """Compare two regimes side by side: duties, bodies, boards and legal changes that differ.

    REGIME_A and REGIME_B are regimes by label or slug: "Current law (Health and Social Care Act
    2012)", "ICSs before legislation (2021/22)", "Option 1", "Option 2", "Health and Care Act 2022
    as enacted" ('nhskg query regimes' lists them). Every row carries its evidence: the quotes and
    fact ids behind it (see them with --evidence, or in csv/json output; 'nhskg query fact-evidence
    --param fact=ID' shows one fact's sources in full).

    \b
    Examples:
      nhskg compare "Option 1" "Option 2"
      nhskg compare "Option 2" "Health and Care Act 2022 as enacted" --aspect duties --evidence
      nhskg compare regime-2012-act regime-hca-2022 --all --format csv > diff.csv
    """
    from nhskg.graph.compare import compare
    engine = make_engine(out, endpoint)
    cmp = compare(engine, regime_a, regime_b, timeout)
    result = cmp.to_result(include_shared=show_all)
    if aspect != "all":
        result.rows = [r for r in result.rows if str(r["aspect"]) == aspect]
    if fmt not in ("table", "md"):
        _echo_result(result, fmt)
        return
    click.echo(f"A = {cmp.a_label}    B = {cmp.b_label}")
    cols = ["aspect", "item", "kind", "underA", "underB"] + (["same"] if show_all else [])
    cols += ["evidence", "facts"] if evidence else []
    _echo_result(result, fmt, cols)
    shared = [r for r in cmp.shared() if aspect in ("all", r.aspect)]
    if shared and not show_all:
        click.echo(f"Same under both ({len(shared)}; --all lists them with evidence):")
        for r in shared:
            click.echo(f"  = {r.aspect}: {r.item}: {r.under_a}")


# ---------------------------------------------------------------- analyse
@click.command("analyse")
@click.option("--regime", default=None, help="Keep only statements true under this regime (or under none).")
@click.option("--measure", type=click.Choice(["all", "centrality", "communities", "bridges", "articulation",
                                              "speakers", "comentions"]), default="all", show_default=True,
              help="Which measure to show.")
@click.option("--top", type=int, default=None, help="Centrality: only the first N rows (default: all in csv/json, 20 in a table).")
@click.option("--all-nodes", is_flag=True, help="Centrality: rank every entity, not just people, bodies and offices.")
@engine_options
@format_option
def analyse_cmd(regime: str | None, measure: str, top: int | None, all_nodes: bool, out: Path | None,
                endpoint: str | None, timeout: float, fmt: str) -> None:
    """Network analysis of who is central, who bridges groups and who speaks about what.

    The graph is projected onto a network: nodes are entities, one edge per statement from its
    actor to what it is about (holder -> duty, critic -> proposal, member -> board...). The measures
    use its undirected simple form (one edge per linked pair, weighted by the number of statements)
    without regime nodes. Measures:

    \b
      centrality    neighbours, degree centrality and betweenness of people, bodies and offices
      communities   Louvain communities (fixed seed: the same graph always gives the same groups)
      bridges       links whose removal cuts off a group of two or more entities
      articulation  entities whose removal splits the network, and how much they cut off
      speakers      for each proposal, the actors who take a stance, raise a concern or are quoted
      comentions    per source, the network of entities its statements link

    \b
    Examples:
      nhskg analyse
      nhskg analyse --measure centrality --top 10
      nhskg analyse --regime "Option 2" --measure communities --format md
      nhskg analyse --measure speakers --format csv > speakers.csv
    """
    from nhskg.graph.analysis import MEASURES, analyse
    from nhskg.graph.resolve import Resolver
    engine = make_engine(out, endpoint)
    regime_iri = None
    if regime:
        from nhskg.graph.compare import resolve_regime
        regime_iri = resolve_regime(engine, Resolver(engine), regime)
    result = analyse(engine, regime_iri)
    names = list(MEASURES) if measure == "all" else [measure]
    if fmt in ("csv", "tsv") and len(names) > 1:
        raise QueryError(f"{fmt.upper()} holds one table: choose one with --measure ({', '.join(MEASURES)})")
    tables = {}
    for name in names:
        if name == "centrality":
            limit = top if top is not None else (20 if fmt in ("table", "md") else None)
            tables[name] = result.centrality(actors_only=not all_nodes, top=limit)
        else:
            tables[name] = result.measure(name)
    if fmt == "json":
        from nhskg.cli.render import sparql_json
        payload = {k: sparql_json(v) for k, v in tables.items()}
        click.echo(json.dumps(payload if len(names) > 1 else payload[names[0]], indent=2, ensure_ascii=False))
        return
    g = result.simple
    if fmt in ("table", "md"):
        click.echo(f"Network{' under ' + regime if regime else ''}: {g.number_of_nodes()} entities, "
                   f"{g.number_of_edges()} linked pairs, {result.graph.number_of_edges()} statement edges")
    for name, res in tables.items():
        if len(names) > 1:
            click.echo(f"\n{'## ' if fmt == 'md' else ''}{name.upper() if fmt == 'table' else name}")
        _echo_result(res, fmt, [c for c in res.variables if c != "node"] if fmt in ("table", "md") else None)


# ---------------------------------------------------------------- path
@click.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--regime", default=None, help="Only statements true under this regime (or under none).")
@engine_options
@format_option
def path_cmd(source: str, target: str, regime: str | None, out: Path | None, endpoint: str | None,
             timeout: float, fmt: str) -> None:
    """How two entities connect: the shortest chain of statements, each hop with its evidence.

    SOURCE and TARGET are labels, alternative labels, slugs or IRIs. The arrow shows which way the
    statement points (→: the left entity is its actor).

    \b
    Examples:
      nhskg path "Chris Ham" "NHS England"
      nhskg path "Allyson Pollock" "integrated care boards" --format md
    """
    from nhskg.graph.analysis import analyse, table
    from nhskg.graph.resolve import Resolver
    engine = make_engine(out, endpoint)
    resolver = Resolver(engine)
    a, b = resolver.resolve(source), resolver.resolve(target)
    if a == b:
        raise QueryError(f"'{source}' and '{target}' are the same entity")
    regime_iri = None
    if regime:
        from nhskg.graph.compare import resolve_regime
        regime_iri = resolve_regime(engine, resolver, regime)
    hops = analyse(engine, regime_iri).path(str(a), str(b))
    cols = ["step", "from", "direction", "relation", "to", "quote", "source", "fact", "statements"]
    res = table(cols, [[h[c] for c in cols] for h in hops])
    if fmt in ("table", "md"):
        click.echo(f"{resolver.label(a)} to {resolver.label(b)}: {len(hops)} hop{'s' if len(hops) != 1 else ''}")
    _echo_result(res, fmt)


def register(cli: click.Group) -> None:
    for cmd in (queries_cmd, query_cmd, sparql_cmd, compare_cmd, analyse_cmd, path_cmd):
        cli.add_command(cmd)
