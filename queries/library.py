"""The named query library: one ``.rq`` file per research question, its header read as data.

Header format (comment lines at the top of each file)::

    # question: Which bodies hold which duties, powers and functions under each regime?
    # param: regime entity optional - a regime's label or IRI (e.g. "Option 2")
    # example: nhskg query duty-matrix --param regime="Option 2"
    # bind: values

The query's name is its file name without ``.rq``. Parameter types: ``entity`` (a label, alternative
label, slug or IRI, resolved to an IRI), ``fact`` (a statement's slug or IRI), ``string``, ``integer``. Parameters are bound as RDF terms
(never pasted into the text): a parameter ``regime`` binds the variable ``?regime``, which must be
in the SELECT clause (and GROUP BY, if any) so the store can substitute it.

``# bind: values`` asks for the parameters as a VALUES block of escaped terms at the top of the
WHERE group instead (as every query to a remote endpoint gets them): Oxigraph plans a query before
substituting, so a query that should start from its parameter can be 5-15x faster this way, and
others slower; docs/queries.md says how to choose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nhskg.errors import DataError, QueryError

QUERIES_DIR = Path(__file__).parent
PARAM_TYPES = {"entity", "fact", "string", "integer"}
_PARAM = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>\w+)(?P<opt>\s+optional)?\s*(?:-\s*(?P<desc>.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    text: str
    path: Path
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = field(default_factory=tuple)
    bind_values: bool = False

    def prepared(self, bindings: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """(text, bindings) to hand an engine: the bindings inlined as VALUES if the header asks."""
        if not self.bind_values:
            return self.text, bindings
        from nhskg.graph.engine import inject_values
        return inject_values(self.text, bindings), {}

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query '{self.name}' has no parameter '{name}' (parameters: {known})")


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    question, params, examples, bind_values = "", [], [], False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line.lstrip("#").strip()
        key, _, value = body.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "question":
            question = value
        elif key == "param":
            m = _PARAM.match(value)
            if not m or m["type"] not in PARAM_TYPES:
                raise DataError("bad '# param:' line: write 'NAME TYPE [optional] - description' with TYPE one of "
                                + ", ".join(sorted(PARAM_TYPES)), path=str(path), line=n)
            params.append(Param(m["name"], m["type"], bool(m["opt"]), (m["desc"] or "").strip()))
        elif key == "example":
            examples.append(value)
        elif key == "bind":
            if value != "values":
                raise DataError("'# bind:' takes one value: 'values'", path=str(path), line=n)
            bind_values = True
    if not question:
        raise DataError("a named query needs a '# question:' header line", path=str(path), line=1)
    return NamedQuery(path.stem, question, text, path, tuple(params), tuple(examples), bind_values)


@lru_cache(maxsize=4)
def load_library(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(folder.glob("*.rq"))}


def get_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    library = load_library(folder)
    if name not in library:
        import difflib
        near = difflib.get_close_matches(name, list(library), n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else "; 'nhskg queries' lists them"
        raise QueryError(f"no named query '{name}'{hint}")
    return library[name]
