"""Run a named query with user-given parameters, resolved and bound as RDF terms."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from nhskg.errors import QueryError
from nhskg.graph.engine import DEFAULT_TIMEOUT, Engine, Result
from nhskg.graph.resolve import Resolver
from nhskg.queries.library import NamedQuery, get_query


def bind_params(query: NamedQuery, params: dict[str, str], engine: Engine,
                resolver: Resolver | None = None) -> dict[str, object]:
    """Check and convert ``params`` (name -> text) for ``query``; entities become IRIs."""
    bindings: dict[str, object] = {}
    for key, raw in params.items():
        p = query.param(key)
        if p.type == "entity":
            resolver = resolver or Resolver(engine)
            bindings[key] = resolver.resolve(raw)
        elif p.type == "integer":
            try:
                bindings[key] = Literal(int(raw), datatype=XSD.integer)
            except ValueError as exc:
                raise QueryError(f"parameter '{key}' must be a whole number, got {raw!r}") from exc
        else:
            bindings[key] = Literal(raw)
    missing = [p.name for p in query.params if not p.optional and p.name not in bindings]
    if missing:
        raise QueryError(f"query '{query.name}' needs --param {missing[0]}=... ({query.param(missing[0]).description})")
    return bindings


def run_named(engine: Engine, name: str, params: dict[str, str] | None = None,
              timeout: float = DEFAULT_TIMEOUT, resolver: Resolver | None = None) -> Result:
    query = get_query(name)
    return engine.run(query.text, bind_params(query, params or {}, engine, resolver), timeout)
