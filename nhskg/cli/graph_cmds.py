"""Commands that build and read the graph."""
from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    pass
