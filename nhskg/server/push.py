"""Loading the built graph into an external SPARQL store (Oxigraph, Fuseki, GraphDB, Virtuoso...).

Two ways, tried in this order unless ``method`` says which:

1. SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT <store>?graph=G`` per named graph, N-Triples
   body. PUT replaces the graph, and each PUT is atomic in Oxigraph and Fuseki.
2. SPARQL 1.1 Update, for stores that offer nothing else: one request holding
   ``DROP SILENT GRAPH <G> ; INSERT DATA { GRAPH <G> { ... } }`` for every graph. Oxigraph and
   Fuseki run one update request as one transaction, so this replaces all graphs at once.

Graphs under ``https://w3id.org/nhskg/graph/`` that the store holds but this build does not (a
source that was removed) are dropped, so the store ends up with exactly this build. Then the
push is verified: the triples of every graph are counted on the server and compared.

With ``graph`` set, every triple (distinct, ontology included) goes into that one named graph.
"""
from __future__ import annotations

import base64
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode

import pyoxigraph as ox

from nhskg.errors import NhskgError
from nhskg.graph.engine import RemoteEngine
from nhskg.namespaces import GRAPH

CHUNK = 5000            # triples per INSERT DATA block (all blocks still go in one request)


class PushError(NhskgError):
    """The external store refused or could not be reached; the message says what to do."""


@dataclass
class Target:
    """Where to push: the query endpoint (for verification) and the write endpoints."""

    endpoint: str
    store: str | None = None
    update: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0

    def base(self) -> str:
        url = self.endpoint.rstrip("/")
        for tail in ("/query", "/sparql"):
            if url.endswith(tail):
                return url[: -len(tail)]
        return url

    def store_candidates(self) -> list[str]:
        """The Graph Store endpoint: as given, else Oxigraph's /store, then Fuseki's /data."""
        return [self.store] if self.store else [self.base() + "/store", self.base() + "/data"]

    def update_url(self) -> str:
        return self.update or self.base() + "/update"


@dataclass
class PushReport:
    method: str
    graphs: dict[str, int]                     # graph IRI -> triples sent
    remote: dict[str, int]                     # graph IRI -> triples counted on the server
    dropped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    union_default_graph: bool = True
    write_url: str = ""

    @property
    def verified(self) -> bool:
        return self.graphs == {g: self.remote.get(g, 0) for g in self.graphs}


def collect(store: ox.Store, graph: str | None) -> dict[str, list[ox.Triple]]:
    """The build's triples per named graph, or all of them under ``graph``."""
    per: dict[str, set[ox.Triple]] = defaultdict(set)
    for q in store:
        if not isinstance(q.graph_name, ox.NamedNode) and graph is None:
            raise PushError("the build has triples in the default graph; push with --graph IRI")
        name = graph or q.graph_name.value
        per[name].add(ox.Triple(q.subject, q.predicate, q.object))
    return {g: sorted(ts, key=str) for g, ts in sorted(per.items())}


def _nt(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _request(target: Target, method: str, url: str, body: bytes | None, ctype: str | None) -> int:
    """Send one HTTP request; return the status. Network failures and auth errors become PushError."""
    req = urllib.request.Request(url, data=body, method=method)
    if ctype:
        req.add_header("Content-Type", ctype)
    if target.user:
        token = base64.b64encode(f"{target.user}:{target.password or ''}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=target.timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            detail = exc.read(300).decode("utf-8", errors="replace").strip()
            raise PushError(f"{url} refused the write ({exc.code} {exc.reason}): give --user and "
                            f"--password-env VAR with an account allowed to write{': ' + detail if detail else ''}")
        return exc.code
    except urllib.error.URLError as exc:
        raise PushError(f"cannot reach {url}: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise PushError(f"cannot reach {url}: {exc}") from exc


def _gsp(target: Target, graphs: dict[str, list[ox.Triple]], progress: Callable[[str], None]) -> str | None:
    """PUT every graph; the store URL used, or None when no candidate speaks the Graph Store Protocol."""
    names = list(graphs)
    for url in target.store_candidates():
        first = names[0]
        status = _request(target, "PUT", f"{url}?{urlencode({'graph': first})}", _nt(graphs[first]),
                          "application/n-triples")
        if status in (404, 405, 415, 501):
            continue  # not a Graph Store endpoint: try the next candidate
        if status >= 300:
            raise PushError(f"PUT {url}?graph={first} answered {status}")
        progress(f"PUT {first} ({len(graphs[first])} triples)")
        for g in names[1:]:
            status = _request(target, "PUT", f"{url}?{urlencode({'graph': g})}", _nt(graphs[g]),
                              "application/n-triples")
            if status >= 300:
                raise PushError(f"PUT {url}?graph={g} answered {status}; the graphs before it are in place, "
                                "the rest are not: run the push again")
            progress(f"PUT {g} ({len(graphs[g])} triples)")
        return url
    return None


def update_text(graphs: dict[str, list[ox.Triple]], drop: list[str] = ()) -> str:
    """One SPARQL Update request replacing every graph (and dropping ``drop``)."""
    ops = [f"DROP SILENT GRAPH <{g}>" for g in drop]
    for g, triples in graphs.items():
        ops.append(f"DROP SILENT GRAPH <{g}>")
        for i in range(0, len(triples), CHUNK):
            lines = _nt(triples[i:i + CHUNK]).decode("utf-8")
            ops.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{lines}}} }}")
    return " ;\n".join(ops) + "\n"


def _update(target: Target, body: str) -> None:
    url = target.update_url()
    status = _request(target, "POST", url, body.encode("utf-8"), "application/sparql-update")
    if status >= 300:
        raise PushError(f"SPARQL Update at {url} answered {status}; give the update endpoint with --update URL")


def _remote_graphs(engine: RemoteEngine, timeout: float) -> dict[str, int]:
    res = engine.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", None, timeout)
    return {str(r["g"]): int(r["n"]) for r in res.rows}


def push(store: ox.Store, target: Target, graph: str | None = None, method: str = "auto",
         progress: Callable[[str], None] = lambda msg: None) -> PushReport:
    """Replace the build's graphs in the external store and verify the counts there."""
    t0 = time.perf_counter()
    graphs = collect(store, graph)
    if not graphs:
        raise PushError("the build is empty: nothing to push")
    engine = RemoteEngine(target.endpoint, target.user, target.password)
    try:
        before = _remote_graphs(engine, target.timeout)
    except NhskgError as exc:
        if "Unauthorized" in str(exc) or " 401" in str(exc):
            raise PushError(f"{target.endpoint} refused the user name and password (401 Unauthorized): give "
                            "--user and --password-env VAR for an account allowed to read and write") from exc
        raise PushError(f"cannot query {target.endpoint} (give the SPARQL query endpoint as --endpoint): {exc}") from exc
    stale = [] if graph else sorted(g for g in before if g.startswith(str(GRAPH)) and g not in graphs)

    used, write_url = None, ""
    if method in ("auto", "gsp"):
        write_url = _gsp(target, graphs, progress) or ""
        if write_url:
            used = "gsp"
            for g in stale:
                _request(target, "DELETE", f"{write_url}?{urlencode({'graph': g})}", None, None)
        elif method == "gsp":
            raise PushError("no Graph Store Protocol endpoint answered at " + ", ".join(target.store_candidates())
                            + "; give it with --store URL or use --method update")
    if used is None:
        progress(f"SPARQL Update to {target.update_url()}")
        _update(target, update_text(graphs, stale))
        used, write_url = "update", target.update_url()

    remote = _remote_graphs(engine, target.timeout)
    report = PushReport(used, {g: len(ts) for g, ts in graphs.items()}, {g: remote.get(g, 0) for g in graphs},
                        stale, time.perf_counter() - t0, write_url=write_url)
    if not report.verified:
        bad = [f"{g}: sent {n}, found {report.remote.get(g, 0)}" for g, n in report.graphs.items()
               if report.remote.get(g, 0) != n]
        raise PushError("the store does not hold what was sent: " + "; ".join(bad[:5]))
    # do queries without GRAPH see the data? (the named queries need a union default graph)
    g0, t = next(iter(graphs.items()))
    probe = engine.run(f"ASK {{ {t[0].subject} {t[0].predicate} {t[0].object} }}", None, target.timeout)
    report.union_default_graph = bool(probe.boolean)
    return report
