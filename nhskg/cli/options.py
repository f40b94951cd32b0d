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
