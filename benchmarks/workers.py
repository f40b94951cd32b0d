"""The measurements, each run in its own process by benchmarks/run.py.

One process per measurement keeps sizes and engines from contaminating each other: peak memory
(getrusage) is the worker's own, a million-triple rdflib graph does not stay in memory for the
next size, and import costs are paid where a user would pay them.

    python benchmarks/workers.py NAME '{"json": "arguments"}'

prints one line ``RESULT {...}`` with what it measured.
"""
from __future__ import annotations

import inspect
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import peak_rss_mb, time_runs, timed  # noqa: E402

WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def worker(fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    WORKERS[fn.__name__] = fn
    return fn


@worker
def build(a: dict[str, Any]) -> dict[str, Any]:
    """The real build on a generated folder; text extraction is left out when the build allows it."""
    from nhskg.graph.build import build as run_build
    kwargs: dict[str, Any] = {}
    if "extract" in inspect.signature(run_build).parameters:
        kwargs["extract"] = bool(a.get("extract", False))
    res, wall = timed(lambda: run_build(Path(a["out"]), Path(a["corpus"]), Path(a["facts"]), **kwargs))
    return {"stages": res.timings, "stage_total_s": round(sum(res.timings.values()), 4), "wall_s": round(wall, 4),
            "triples": res.triples, "quads": res.quads, "quotes_checked": res.quotes_checked,
            "extraction_in_build": kwargs.get("extract", True), "peak_rss_mb": peak_rss_mb()}


@worker
def exports(a: dict[str, Any]) -> dict[str, Any]:
    """Each format as ``nhskg export --format F`` first makes it from the build's N-Quads (then it is a
    file copy); N-Quads, which the build writes, timed as made from the store (``--exports none``)."""
    from nhskg.graph.export import FORMATS, export, export_path, file_name
    from nhskg.graph.store import current_build, open_store
    build_dir = current_build(Path(a["out"]))
    out = {}
    for fmt in FORMATS:
        if fmt == "nquads":
            data, seconds = timed(lambda: export(open_store(Path(a["out"])), fmt))
            size = len(data)
        else:
            (build_dir / "exports" / file_name(fmt)).unlink(missing_ok=True)  # the first request is timed
            path, seconds = timed(lambda: export_path(build_dir, fmt))
            size = path.stat().st_size
        out[fmt] = {"seconds": round(seconds, 4), "megabytes": round(size / 1e6, 2)}
    return {"formats": out, "peak_rss_mb": peak_rss_mb()}


def _library() -> dict[str, Any]:
    from nhskg.queries.library import load_library
    return load_library()


def _time_queries(run: Callable[[Any, dict[str, Any]], int], a: dict[str, Any], budget: float | None,
                  threaded: bool = False) -> dict:
    from benchmarks.params import bindings_for
    manifest = json.loads(Path(a["manifest"]).read_text(encoding="utf-8"))
    results = {}
    for name, query in sorted(_library().items()):
        bindings = bindings_for(query, manifest)
        try:
            r = time_runs(lambda: run(query, bindings), a["repeat"], a.get("warmup", 1), budget, threaded)
        except Exception as exc:  # noqa: BLE001 - one engine failing a query is a result, not a crash
            r = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        r["params"] = {k: str(v) for k, v in bindings.items()}
        results[name] = r
    return results


def _engine_runner(engine: Any) -> Callable[[Any, dict[str, Any]], int]:
    """Run a query through the project's engine (rdflib terms out, as the commands get them)."""
    def run(query: Any, bindings: dict[str, Any]) -> int:
        res = engine.run(*query.prepared(bindings), timeout=3600)
        return len(res.rows) if res.kind == "select" else (len(res.graph) if res.graph is not None else 1)
    return run


@worker
def embedded(a: dict[str, Any]) -> dict[str, Any]:
    """The project's engine on the persistent store: what ``nhskg query`` runs (rdflib terms out)."""
    from nhskg.graph.engine import EmbeddedEngine
    from nhskg.graph.store import open_store
    engine, open_s = timed(lambda: EmbeddedEngine(open_store(Path(a["out"]))))
    return {"open_s": round(open_s, 4), "queries": _time_queries(_engine_runner(engine), a, a.get("query_budget"), True),
            "peak_rss_mb": peak_rss_mb()}


@worker
def embedded_memory(a: dict[str, Any]) -> dict[str, Any]:
    """The same engine on a copy of the graph in memory: what ``nhskg serve --memory`` runs."""
    from nhskg.graph.engine import EmbeddedEngine
    from nhskg.graph.store import open_store
    engine, load_s = timed(lambda: EmbeddedEngine(open_store(Path(a["out"]), memory=True)))
    return {"load_s": round(load_s, 4), "queries": _time_queries(_engine_runner(engine), a, a.get("query_budget"), True),
            "peak_rss_mb": peak_rss_mb()}


def _raw_runner(store: Any) -> Callable[[Any, dict[str, Any]], int]:
    """Run a query straight on a pyoxigraph Store, reading every solution as pyoxigraph terms."""
    import pyoxigraph as ox

    from nhskg.graph.terms import to_ox
    from nhskg.namespaces import PREFIXES

    def run(query: Any, bindings: dict[str, Any]) -> int:
        text, bindings = query.prepared(bindings)  # the same text the project's engine runs
        subs = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
        res = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        if isinstance(res, ox.QueryBoolean):
            return 1
        if isinstance(res, ox.QuerySolutions):
            names = res.variables
            return len([[sol[v] for v in names] for sol in res])
        return len(list(res))
    return run


@worker
def pyoxigraph(a: dict[str, Any]) -> dict[str, Any]:
    """Raw pyoxigraph: an in-memory Store loaded from the N-Quads export, solutions read as pyoxigraph terms."""
    import pyoxigraph as ox
    store = ox.Store()
    _, load_s = timed(lambda: store.bulk_load(path=a["nquads"], format=ox.RdfFormat.N_QUADS))
    return {"load_s": round(load_s, 4), "queries": _time_queries(_raw_runner(store), a, a.get("query_budget"), True),
            "peak_rss_mb": peak_rss_mb()}


@worker
def pyoxigraph_disk(a: dict[str, Any]) -> dict[str, Any]:
    """Raw pyoxigraph on the build's own on-disk store: separates the wrapper's cost from the disk's."""
    from nhskg.graph.store import open_store
    store, open_s = timed(lambda: open_store(Path(a["out"])))
    return {"open_s": round(open_s, 4), "queries": _time_queries(_raw_runner(store), a, a.get("query_budget"), True),
            "peak_rss_mb": peak_rss_mb()}


@worker
def rdflib(a: dict[str, Any]) -> dict[str, Any]:
    """rdflib's plain in-memory Dataset (union default graph) loaded from the same N-Quads export."""
    import rdflib as rl

    from nhskg.namespaces import sparql_prologue
    ds = rl.Dataset(default_union=True)
    _, load_s = timed(lambda: ds.parse(a["nquads"], format="nquads"))
    prologue = sparql_prologue()

    def run(query: Any, bindings: dict[str, Any]) -> int:
        text, bindings = query.prepared(bindings)
        res = ds.query(prologue + text, initBindings=bindings)
        if res.type == "ASK":
            return 1
        return len(list(res))

    return {"load_s": round(load_s, 4), "queries": _time_queries(run, a, a.get("budget")),
            "peak_rss_mb": peak_rss_mb()}


@worker
def viz(a: dict[str, Any]) -> dict[str, Any]:
    """The visualisation's page for a synthetic graph of this size (viz.bench), if that module exists."""
    try:
        from nhskg.viz.bench import generate_synthetic
    except ImportError as exc:
        return {"available": False, "reason": str(exc)}
    r, wall = timed(lambda: generate_synthetic(int(a["entities"])))
    return {"available": True, "entities": r.nodes, "edges": r.edges, "seconds": round(r.seconds, 4),
            "layout_seconds": round(r.layout_seconds, 4), "megabytes": round(r.bytes / 1e6, 2),
            "wall_s": round(wall, 4), "peak_rss_mb": peak_rss_mb()}


@worker
def extraction(a: dict[str, Any]) -> dict[str, Any]:
    """Extraction speed (loaders.extraction.bench) over documents made from this size's corpus."""
    try:
        from nhskg.loaders.extraction import bench
    except ImportError as exc:
        return {"available": False, "reason": str(exc)}
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.corpus import Corpus
    from nhskg.loaders.facts import load_factbase
    base = load_factbase(Path(a["facts"]), set(entity_kinds()))
    t0 = time.perf_counter()
    r = bench(int(a["documents"]), base, Corpus(Path(a["corpus"])))
    return {"available": True, "documents": r.documents, "megabytes": round(r.megabytes, 3),
            "seconds": round(r.seconds, 4), "items": r.items, "docs_per_second": round(r.docs_per_second, 1),
            "mb_per_second": round(r.mb_per_second, 3), "wall_s": round(time.perf_counter() - t0, 4),
            "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    name, args = sys.argv[1], json.loads(sys.argv[2])
    result = WORKERS[name](args)
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)  # do not wait for a query given up on (timing.in_thread) to finish in the background


if __name__ == "__main__":
    main()
