"""Commands that build the graph and read it: build, export, ontology, describe, stats, duties."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from nhskg.cli.options import (corpus_option, engine_options, format_option, make_engine, out_option)

# The keys of nhskg.graph.export.FORMATS (kept here so --help needs no RDF library; a test checks).
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "rdfxml", "trig", "nquads")


@click.command()
@corpus_option
@out_option
@click.option("--facts", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Facts folder (default: the project's facts/).")
@click.option("--exports", "export_list", default="nquads", show_default=True, metavar="FORMATS",
              help="Export files to write now, comma-separated (" + ", ".join(EXPORT_FORMATS)
                   + "), 'all' or 'none'. The N-Quads are always written unless 'none'; "
                     "'nhskg export' makes any other format from them when asked.")
@click.option("--no-exports", is_flag=True, hidden=True, help="Same as --exports none.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
def build(corpus: Path | None, out: Path | None, facts: Path | None, export_list: str, no_exports: bool,
          quiet: bool) -> None:
    """Build the graph: check every quote, load the embedded store, write the N-Quads.

    The new graph replaces the old one only when everything succeeded.

    \b
    Examples:
      nhskg build                              # corpus from ../shared/corpus if present
      nhskg build --corpus ../shared/corpus --out /tmp/kg
      nhskg build --exports all                # every format now, not on first use
    """
    from nhskg.graph.build import build as run_build
    from nhskg.paths import default_out

    def progress(msg: str) -> None:
        if not quiet:
            click.echo(f"… {msg}", err=True)

    res = run_build(out or default_out(), corpus, facts, progress,
                    exports=_export_formats("none" if no_exports else export_list))
    s = res.summary
    click.echo(f"Built {s['triples']} triples in {sum(res.timings.values()):.2f} s "
               f"({', '.join(f'{k} {v:.2f}' for k, v in res.timings.items())})")
    click.echo(f"Entities: {s['entities']}  ("
               + ", ".join(f"{k} {v}" for k, v in sorted(s['entities_by_kind'].items(), key=lambda kv: -kv[1])) + ")")
    click.echo(f"Facts:    {s['statements']}  (" + ", ".join(f"{k} {v}" for k, v in s['statements_by_type'].items()) + ")")
    click.echo("Sources:  " + ", ".join(f"{k} {v}" for k, v in s['sources'].items() if v))
    if res.corpus:
        click.echo(f"Quotes:   {res.quotes_checked} checked verbatim against {res.corpus}")
    else:
        click.echo("Quotes:   NOT checked (no corpus folder; give --corpus DIR)")
    click.echo(f"Store:    {res.build_dir / 'store'}")
    if res.exports:
        click.echo(f"Exports:  {res.build_dir / 'exports'} ({', '.join(sorted(p.name for p in res.exports.values()))}); "
                   "other formats: nhskg export --format FORMAT")


def _export_formats(value: str) -> list[str]:
    """'nquads,ttl' / 'all' / 'none' -> the formats, or a usage error naming the bad one."""
    value = value.strip().lower()
    if value == "all":
        return list(EXPORT_FORMATS)
    if value in ("none", ""):
        return []
    formats = [f.strip() for f in value.split(",") if f.strip()]
    for f in formats:
        if f not in EXPORT_FORMATS:
            raise click.BadParameter(f"unknown format {f!r}; choose from {', '.join(EXPORT_FORMATS)}, all, none",
                                     param_hint="--exports")
    return formats


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              default="ttl", show_default=True, help="Serialisation.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@out_option
def export(fmt: str, output: Path | None, out: Path | None) -> None:
    """Write the graph in a standard RDF format.

    Turtle, N-Triples, JSON-LD and RDF/XML hold the data; TriG and N-Quads keep one named graph per
    source (curated and extracted apart) plus the ontology. N-Triples and N-Quads are sorted.
    A format is made from the build's N-Quads the first time it is asked for and kept in the
    build's exports/ folder, so later exports (and the server's downloads) are a file copy.

    \b
    Examples:
      nhskg export --format trig -o nhskg.trig
      nhskg export --format nt | head
    """
    from nhskg.graph.export import export_path
    from nhskg.graph.store import current_build
    from nhskg.paths import default_out
    _write(export_path(current_build(out or default_out()), fmt).read_bytes(), output)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "rdfxml", "nt"]), default="ttl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
def ontology(fmt: str, output: Path | None) -> None:
    """Write the OWL ontology (no build needed).

    \b
    Example:
      nhskg ontology --format rdfxml -o nhskg.owl     # for Protégé or owlready2
    """
    from nhskg.paths import ONTOLOGY_FILE
    if fmt == "ttl":
        data = ONTOLOGY_FILE.read_bytes()
    else:
        import pyoxigraph as ox
        fmts = {"rdfxml": ox.RdfFormat.RDF_XML, "nt": ox.RdfFormat.N_TRIPLES}
        triples = list(ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE))
        data = ox.serialize(triples, format=fmts[fmt])
    _write(data, output)


def _write(data: bytes, output: Path | None) -> None:
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@click.command()
@click.argument("name")
@engine_options
@format_option
def describe(name: str, out: Path | None, endpoint: str | None, timeout: float, fmt: str) -> None:
    """Everything about one entity, grouped, each fact with its source and quote.

    NAME is a label ("NHS England"), an alternative label ("NHSE/I"), a slug or an IRI.

    \b
    Examples:
      nhskg describe "NHS England"
      nhskg describe "Sir Chris" --format md
    """
    from nhskg.cli.render import render
    from nhskg.graph.resolve import Resolver
    from nhskg.queries.run import run_named

    engine = make_engine(out, endpoint)
    resolver = Resolver(engine)
    iri = resolver.resolve(name)
    card = run_named(engine, "entity-card", {"entity": str(iri)}, timeout, resolver)
    facts = run_named(engine, "entity-facts", {"entity": str(iri)}, timeout, resolver)
    if fmt != "table":
        click.echo(render(facts, fmt))
        return
    for row in card.rows:
        click.echo(f"{row['label']}  <{row['entity']}>")
        click.echo(f"  kind: {row['kinds']}")
        if str(row.get('altLabels') or ''):
            click.echo(f"  also: {row['altLabels']}")
        if row.get("definition"):
            click.echo(f"  {row['definition']}")
        if str(row.get('sameAs') or ''):
            click.echo(f"  same as: {row['sameAs']}")
    groups: dict[str, dict[str, list]] = {}
    for row in facts.rows:
        groups.setdefault(str(row["group"]), {}).setdefault(str(row["factLabel"]), []).append(row)
    for group in sorted(groups, key=lambda g: (g != "about the entity", g)):
        click.echo(f"\n{group.upper()} ({len(groups[group])})")
        for label, rows in groups[group].items():
            if group != "about the entity":
                click.echo(f"  • {label}")
            for r in rows:
                if r.get("sourceLabel") is None:
                    continue
                where = f"{r['file']}@{r['start']}" if r.get("file") else str(r["sourceLabel"])
                quote = f"“{r['quote']}”" if r.get("quote") else "(public source)"
                click.echo(f"      {quote}  [{where}]")


@click.command()
@engine_options
@format_option
def stats(out: Path | None, endpoint: str | None, timeout: float, fmt: str) -> None:
    """Counts: entities by kind, statements by type, triples per named graph.

    \b
    Example:
      nhskg stats --format md
    """
    from nhskg.cli.render import render
    from nhskg.queries.run import run_named
    engine = make_engine(out, endpoint)
    for name in ("entities-by-kind", "statements-by-type", "triples-by-graph"):
        click.echo(render(run_named(engine, name, {}, timeout), fmt))
        click.echo()


@click.command()
@click.option("--regime", default=None, help='Only this regime (e.g. "Option 2"); all regimes if left out.')
@click.option("--holder", default=None, help="Only this body or office.")
@click.option("--evidence/--no-evidence", default=False, help="Show the evidence quotes too.")
@engine_options
@format_option
def duties(regime: str | None, holder: str | None, evidence: bool, out: Path | None, endpoint: str | None,
           timeout: float, fmt: str) -> None:
    """Which bodies hold which duties, powers and functions under each regime.

    \b
    Examples:
      nhskg duties --regime "Option 2"
      nhskg duties --holder "ICS body" --evidence
      nhskg duties --format csv > duties.csv
    """
    from nhskg.cli.render import render
    from nhskg.queries.run import run_named
    from nhskg.errors import QueryError
    from nhskg.graph.resolve import Resolver
    engine = make_engine(out, endpoint)
    resolver = Resolver(engine)
    if regime:
        iri = resolver.resolve(regime)
        if not engine.run(f"ASK {{ <{iri}> a nhs:Regime }}").boolean:
            names = [str(r["label"]) for r in engine.run(
                "SELECT ?label WHERE { ?r a nhs:Regime ; skos:prefLabel ?label ; skos:notation ?n } ORDER BY ?n").rows]
            raise QueryError(f"'{regime}' is not a regime; the regimes are: {'; '.join(names)}")
    params = {k: v for k, v in (("regime", regime), ("holder", holder)) if v}
    res = run_named(engine, "duty-matrix", params, timeout, resolver)
    cols = ["regimeLabel", "holderLabel", "positionKind", "positionLabel", "basisLabel"]
    if evidence:
        cols += ["evidence", "sources"]
    click.echo(render(res, fmt, cols if fmt in ("table", "md") else None))


@click.command()
@out_option
def reason(out: Path | None) -> None:
    """Check the built graph against the ontology's axioms with the HermiT reasoner (owlready2, Java).

    Disjoint classes, domains and ranges catch wrong facts, such as a body typed as a person or a
    document given as the holder of a duty.

    \b
    Example:
      nhskg reason
    """
    from nhskg.graph.reason import reason as run_reasoner, store_triples
    from nhskg.graph.store import open_store
    from nhskg.paths import default_out
    report = run_reasoner(store_triples(open_store(out or default_out())))
    click.echo(f"consistent: HermiT found no contradiction in {report.triples} triples "
               f"({report.individuals} individuals)")


@click.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="How many matches to list.")
@engine_options
def search(text: str, limit: int, out: Path | None, endpoint: str | None, timeout: float) -> None:
    """Find entities whose label or alternative label contains TEXT.

    \b
    Example:
      nhskg search "care system"
    """
    from nhskg.graph.resolve import Resolver
    hits = Resolver(make_engine(out, endpoint)).search(text, limit)
    if not hits:
        click.echo(f"no entity has a label containing '{text}'")
    for iri, label in hits:
        click.echo(f"{label}  <{iri}>")


def register(cli: click.Group) -> None:
    for cmd in (build, export, ontology, describe, stats, duties, reason, search):
        cli.add_command(cmd)
