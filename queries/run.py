"""Run a named query with user-given parameters, resolved and bound as RDF terms."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from rdflib import URIRef

from nhskg.errors import QueryError
from nhskg.graph.engine import DEFAULT_TIMEOUT, Engine, Result
from nhskg.graph.resolve import Resolver
from nhskg.namespaces import FACT
from nhskg.queries.library import NamedQuery, get_query

_FACT_EXISTS = "SELECT ?fact WHERE { ?fact nhs:origin ?origin }"


def resolve_fact(engine: Engine, text: str) -> URIRef:
    """A statement's IRI, "fact/slug" or bare slug -> its IRI, checked to exist (facts have no labels to resolve)."""
    text = text.strip()
    iri = URIRef(text if text.startswith(("http://", "https://")) else str(FACT) + text.removeprefix("fact/"))
    if engine.run(_FACT_EXISTS, {"fact": iri}).rows:
        return iri
    import difflib
    slugs = [str(r["fact"]).removeprefix(str(FACT)) for r in engine.run(_FACT_EXISTS).rows]
    near = difflib.get_close_matches(str(iri).removeprefix(str(FACT)), slugs, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise QueryError(f"no fact '{text}' in the graph.{hint}")


def bind_params(query: NamedQuery, params: dict[str, str], engine: Engine,
                resolver: Resolver | None = None) -> dict[str, object]:
    """Check and convert ``params`` (name -> text) for ``query``; entities become IRIs."""
    bindings: dict[str, object] = {}
    for key, raw in params.items():
        p = query.param(key)
        if p.type == "entity":
            resolver = resolver or Resolver(engine)
            bindings[key] = resolver.resolve(raw)
        elif p.type == "fact":
            bindings[key] = resolve_fact(engine, raw)
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
    return engine.run(*query.prepared(bind_params(query, params or {}, engine, resolver)), timeout)
