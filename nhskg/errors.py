"""Errors a user sees: each names the file and place so the fix is obvious."""
from __future__ import annotations


class NhskgError(Exception):
    """An error meant for the user: printed as one line by the CLI, exit status 1."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 fact: str | None = None) -> None:
        self.path, self.line, self.fact = path, line, fact
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        if fact:
            where += f"[{fact}] "
        super().__init__(where + message)


class DataError(NhskgError):
    """A curated data file is malformed or refers to something unknown."""


class EvidenceError(NhskgError):
    """A quote is not verbatim in its source at the offsets given."""


class InputError(NhskgError):
    """A document or RDF file given by the user cannot be read."""


class StoreError(NhskgError):
    """The graph store is missing, locked or corrupt."""


class QueryError(NhskgError):
    """A SPARQL query is malformed, too slow or refers to an unknown parameter."""
