"""Where one named query's time goes: Oxigraph's evaluation, or turning its rows into rdflib terms.

``EmbeddedEngine.run`` evaluates in a worker thread (for its timeout), which a sampling profiler
attached to the main thread does not see; this script runs the same two steps in the main thread
under pyinstrument and prints the call tree.

    python benchmarks/profile_query.py --out /tmp/kg1m co-mentions --manifest /tmp/c1m/manifest.json [--memory]
    python benchmarks/profile_query.py --out nhskg-out duty-matrix -p regime="Option 2"
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("name", help="a named query")
    ap.add_argument("--out", type=Path, required=True, help="the build folder")
    ap.add_argument("--memory", action="store_true", help="profile the in-memory copy (serve --memory)")
    ap.add_argument("--manifest", type=Path, help="a generated corpus's manifest: pick parameters as the benchmark does")
    ap.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE", help="a parameter, as for nhskg query")
    a = ap.parse_args(argv)

    import pyoxigraph as ox
    from pyinstrument import Profiler

    from nhskg.graph.engine import EmbeddedEngine, _collect, query_form
    from nhskg.graph.store import open_store
    from nhskg.graph.terms import to_ox
    from nhskg.namespaces import PREFIXES
    from nhskg.queries.library import get_query
    from nhskg.queries.run import bind_params

    engine = EmbeddedEngine(open_store(a.out, memory=a.memory))
    query = get_query(a.name)
    if a.manifest:
        from benchmarks.params import bindings_for
        bindings = bindings_for(query, json.loads(a.manifest.read_text(encoding="utf-8")))
    else:
        bindings = bind_params(query, dict(p.split("=", 1) for p in a.param), engine)
    subs = {ox.Variable(k): to_ox(v) for k, v in bindings.items() if v is not None}

    def evaluate() -> int:
        raw = engine.store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        return len(_collect(raw, query_form(query.text)).rows)

    evaluate()  # warm-up
    profiler = Profiler(interval=0.001)
    profiler.start()
    rows = evaluate()
    profiler.stop()
    print(f"{a.name} ({'in memory' if a.memory else 'on disk'}): {rows} rows")
    print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
