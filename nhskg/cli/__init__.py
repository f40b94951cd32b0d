"""The ``nhskg`` command: one click group; each command lives in a module named for its area.

Heavy libraries (owlready2, pyvis, networkx) are imported inside the commands that need them, so
``nhskg query`` starts fast.
"""
from __future__ import annotations

import importlib
import sys

import click

from nhskg.errors import NhskgError

# Modules whose commands are added to the group, in help order.
COMMAND_MODULES = ["nhskg.cli.facts_cmds", "nhskg.cli.graph_cmds", "nhskg.cli.query_cmds", "nhskg.cli.viz_cmds",
                   "nhskg.cli.serve_cmds", "nhskg.cli.ingest_cmds"]


class Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="nhskg")
def cli() -> None:
    """nhskg: a knowledge graph of NHS reform actors and proposals.

    \b
    Typical session:
      nhskg build --corpus ../shared/corpus   # check every quote, build the store and exports
      nhskg duties --regime "Option 2"        # who holds which duty, power or function
      nhskg describe "NHS England"            # everything about one entity, with evidence
    """


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(cli)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1."""
    try:
        cli.main(standalone_mode=False)
    except NhskgError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
