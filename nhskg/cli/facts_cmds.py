"""Commands on the curated fact files: locate offsets, check quotes."""
from __future__ import annotations

from pathlib import Path

import click

from nhskg.cli.options import corpus_option
from nhskg.errors import EvidenceError, InputError


def _load(facts: Path | None):
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.facts import load_factbase
    from nhskg.paths import FACTS_DIR
    return load_factbase(facts or FACTS_DIR, set(entity_kinds()))


def _corpus(corpus: Path | None):
    from nhskg.loaders.corpus import Corpus, find_corpus
    from nhskg.paths import PROJECT_ROOT
    found = find_corpus(corpus, PROJECT_ROOT)
    return None if found is None else Corpus(found)


facts_option = click.option("--facts", type=click.Path(file_okay=False, path_type=Path), default=None,
                            help="Facts folder (default: the project's facts/).")


@click.command()
@corpus_option
@facts_option
def locate(corpus: Path | None, facts: Path | None) -> None:
    """Fill in the 'start' offset of every quote that lacks one.

    \b
    Example:
      nhskg locate --corpus ../shared/corpus
    """
    from nhskg.loaders.verify import locate_evidence
    from nhskg.paths import FACTS_DIR
    base = _load(facts)
    found = _corpus(corpus)
    if found is None:
        raise InputError("no corpus folder: give --corpus DIR")
    filled, problems = locate_evidence(base, found, (facts or FACTS_DIR).parent)
    click.echo(f"filled {filled} offset(s)")
    for p in problems:
        click.echo(p, err=True)
    if problems:
        raise EvidenceError(f"{len(problems)} quote(s) could not be located (see above)")


@click.command()
@corpus_option
@facts_option
def check(corpus: Path | None, facts: Path | None) -> None:
    """Check the fact files: schema, references and every quote against the corpus.

    \b
    Example:
      nhskg check --corpus ../shared/corpus
    """
    from nhskg.loaders.verify import check_evidence
    base = _load(facts)
    found = _corpus(corpus)
    report = check_evidence(base, found)
    click.echo(f"{len(base.entities)} entities, {len(base.statements)} statements, "
               f"{report.quotes_checked} quotes checked verbatim"
               + ("" if found else " (no corpus: quotes not checked)"))
    for f in report.sha_mismatches:
        click.echo(f"warning: {f} differs from the copy the facts were written against (sha256)", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(locate)
    cli.add_command(check)
