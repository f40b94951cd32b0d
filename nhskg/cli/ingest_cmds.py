"""Commands for documents and extraction: ingest, remove, review, extract-eval."""
from __future__ import annotations

from pathlib import Path

import click

from nhskg.cli.options import corpus_option, out_option

facts_option = click.option("--facts", type=click.Path(file_okay=False, path_type=Path), default=None,
                            help="Facts folder (default: the project's facts/).")


def _base(facts: Path | None):
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.facts import load_factbase
    from nhskg.paths import FACTS_DIR
    return load_factbase(facts or FACTS_DIR, set(entity_kinds()))


def _out(out: Path | None) -> Path:
    from nhskg.paths import default_out
    return out or default_out()


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="Title (default: from the file, else its name).")
@click.option("--date", default=None, help="Publication date, YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--author", "authors", multiple=True, help="An author (repeat for several).")
@click.option("--publisher", default=None, help="Publisher.")
@click.option("--url", default=None, help="Where the document can be read.")
@click.option("--id", "source_id", default=None, help="Source id to use (default: doc-<file name>).")
@click.option("--max-mb", type=float, default=None, help="Largest file accepted, in MB (default 20).")
@out_option
@facts_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
def ingest(files, title, date, authors, publisher, url, source_id, max_mb, out, facts, quiet) -> None:
    """Add documents (text, HTML or PDF) to the graph, each in its own extracted named graph.

    Re-ingesting a document (same source id) replaces its extraction. A bad file stops the whole
    ingest before anything changes; an interrupted ingest leaves the graph as it was.

    \b
    Examples:
      nhskg ingest response.pdf --date 2021-02 --author "NHS Providers"
      nhskg ingest page.html notes.txt
    """
    import re

    from nhskg.errors import InputError
    from nhskg.loaders.ingest import ingest as run

    if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        raise InputError(f"--date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")

    def progress(msg: str) -> None:
        if not quiet:
            click.echo(f"… {msg}", err=True)

    meta = {k: v for k, v in (("title", title), ("date", date), ("authors", list(authors) or None),
                              ("publisher", publisher), ("url", url)) if v}
    res = run(_out(out), files, _base(facts), progress=progress, source_id=source_id,
              max_bytes=int(max_mb * 1024 * 1024) if max_mb else None, **meta)
    for note in res.notes + res.skipped:
        click.echo(f"note: {note}", err=True)
    for sid in res.added + res.replaced:
        verb = "replaced" if sid in res.replaced else "added"
        click.echo(f"{verb} {sid}: {res.items.get(sid, 0)} items extracted")
    if res.build_dir:
        click.echo(f"Store: {res.build_dir / 'store'} ({res.seconds:.2f} s)")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@out_option
def remove(sources, out) -> None:
    """Take ingested documents (by source id or file name), and all that was extracted from them, out.

    \b
    Example:
      nhskg remove doc-response
    """
    from nhskg.loaders.ingest import remove as run
    res = run(_out(out), sources)
    for sid in res.removed:
        click.echo(f"removed {sid}")


@click.command(context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1)
@click.option("--extractor", "extractors", multiple=True,
              type=click.Choice(["mentions", "legislation", "paragraphs", "quotations", "quantities", "candidates"]),
              help="Only these extractors (repeat).")
@click.option("--all", "show_all", is_flag=True, help="Show decided items too.")
@click.option("--limit", type=int, default=200, show_default=True)
@click.option("--kind", default=None, help="promote: the entity kind for a candidate (Body, Person, Company...).")
@click.option("--about", default=None, help="promote: what a cited paragraph is cited for.")
@click.option("--reason", default=None, help="reject: why (kept with the decision).")
@out_option
@facts_option
def review(args, extractors, show_all, limit, kind, about, reason, out, facts) -> None:
    """List extracted items with the text around them; promote or reject one by its id.

    \b
    nhskg review [SOURCE]          list what was extracted (from one source id, or all)
    nhskg review promote ID        write the item into the curated data files, with its evidence
    nhskg review reject ID         record that the item is wrong; it is not listed again

    \b
    Examples:
      nhskg review pollock-roderick-price-response-2021 --extractor quotations
      nhskg review promote q1a2b3c4d
      nhskg review reject m5e6f7a8b --reason "not this body"
    """
    from nhskg.cli.options import make_engine
    from nhskg.errors import InputError
    from nhskg.loaders import review as rv
    from nhskg.paths import FACTS_DIR
    facts = facts or FACTS_DIR
    engine = make_engine(out, None)
    if args and args[0] in {"promote", "reject"}:
        if len(args) != 2:
            raise InputError(f"usage: nhskg review {args[0]} ID")
        if args[0] == "promote":
            row, new_id, path = rv.promote(engine, facts, args[1], kind=kind, about=about)
            click.echo(f"promoted {row.id} as {new_id} in {path} (rebuild to see it as curated)")
        else:
            row = rv.reject(engine, facts, args[1], reason)
            click.echo(f"rejected {row.id} ({row.extractor}: “{row.quote[:60]}”)")
        return
    if len(args) > 1:
        raise InputError("give at most one SOURCE (or: promote ID, reject ID)")
    decided = rv.decisions(facts)
    shown = 0
    for row in rv.rows(engine, args[0] if args else None):
        if extractors and row.extractor not in extractors:
            continue
        if row.id in decided and not show_all:
            continue
        if shown >= limit:
            click.echo("… more (use --limit)")
            break
        mark = f" [{decided[row.id]['decision']}]" if row.id in decided else ""
        click.echo(f"{row.id}  {row.extractor:<11} {row.source}@{row.start}  {row.label}{mark}")
        click.echo(f"    {row.context()}")
        shown += 1
    click.echo(f"({shown} item{'s' if shown != 1 else ''})")


@click.command("extract-eval")
@corpus_option
@facts_option
@click.option("--gold", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Gold folder (default: tests/data/extraction in the project).")
@click.option("--details", is_flag=True, help="List every false positive and miss.")
def extract_eval(corpus, facts, gold, details) -> None:
    """Precision and recall of each extractor against the hand-labelled gold set.

    \b
    Example:
      nhskg extract-eval --corpus ../shared/corpus
    """
    from nhskg.errors import InputError
    from nhskg.loaders.corpus import Corpus, find_corpus
    from nhskg.loaders.extract.evaluate import TARGETS, evaluate
    from nhskg.loaders.extraction import Extractor
    from nhskg.paths import PROJECT_ROOT
    found = find_corpus(corpus, PROJECT_ROOT)
    if found is None:
        raise InputError("no corpus folder: give --corpus DIR")
    gold = gold or PROJECT_ROOT / "tests" / "data" / "extraction"
    if not gold.is_dir():
        raise InputError("gold folder not found", path=str(gold))
    base, cor = _base(facts), Corpus(found)
    x = Extractor(base)
    texts = {s.file: cor.text(s.file) for s in base.sources.values() if s.file and (cor.root / s.file).is_file()}
    scores = evaluate(gold, texts, x.run, x.kinds)
    click.echo(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}  target")
    for name, s in scores.items():
        p, r = TARGETS.get(name, (None, None))
        target = f"P≥{p}" + (f" R≥{r}" if r else "")
        ok = "ok" if s.meets() else "BELOW TARGET"
        click.echo(f"{name:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.tp:>5} {s.fp:>4} {s.fn:>4}  {target} {ok}")
        if details:
            for line in s.false_positives:
                click.echo(f"    FP {line}")
            for line in s.misses:
                click.echo(f"    FN {line}")
    unres = scores.get("mentions")
    if unres and unres.unresolved:
        click.echo(f"({unres.unresolved} mention(s) left unresolved between candidates: not counted)")


def register(cli: click.Group) -> None:
    for cmd in (ingest, remove, review, extract_eval):
        cli.add_command(cmd)
