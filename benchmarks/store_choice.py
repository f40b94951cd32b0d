"""The store comparison behind the choice of embedded store (issue 2, item 7).

    python benchmarks/store_choice.py [--triples 1m] [--repeat 5] [--nt FILE] [--out store-choice.json]

Candidates, each measured in its own process (so peak memory is its own):

- ``rdflib``: rdflib's plain in-memory ``Graph`` (its default Memory store, pure Python);
- ``oxrdflib``: the rdflib API over an in-memory Oxigraph store (oxrdflib; SPARQL evaluated by Oxigraph);
- ``pyoxigraph``: pyoxigraph's in-memory ``Store``;
- ``pyoxigraph-disk``: pyoxigraph's persistent RocksDB ``Store`` (what the build writes).

Workload: load ~1M triples of N-Triples (a generated corpus mapped by the real mapper, or
``--nt FILE``), a two-hop query ("who holds which duty under this regime": holding -> holder and
position, with both labels), and a regex text filter over every evidence quote. Query times are
medians of ``--repeat`` runs after one warm-up.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import peak_rss_mb, time_runs, timed  # noqa: E402

ENGINES = ("rdflib", "oxrdflib", "pyoxigraph", "pyoxigraph-disk")
PROLOGUE = """PREFIX nhs: <https://w3id.org/nhskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
TWO_HOP = PROLOGUE + """SELECT ?holderLabel ?positionLabel WHERE {
  ?fact a nhs:Holding ; nhs:regime <https://w3id.org/nhskg/id/option-2> ; nhs:holder ?holder ; nhs:position ?position .
  ?holder skos:prefLabel ?holderLabel .
  ?position skos:prefLabel ?positionLabel .
}"""
REGEX = PROLOGUE + """SELECT ?ev ?quote WHERE {
  ?ev nhs:quote ?quote .
  FILTER(REGEX(?quote, "blueprint|accountab", "i"))
}"""


def make_ntriples(triples: int, work: Path, seed: int = 7) -> Path:
    """A generated corpus at ``triples``, mapped by the project's own mapper and written as N-Triples."""
    from benchmarks.generate import generate
    from nhskg.graph.build import ontology_quads
    from nhskg.graph.mapping import Mapper
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.corpus import Corpus
    from nhskg.loaders.facts import load_factbase

    folder = work / "corpus"
    generate(triples, folder, seed)
    base = load_factbase(folder / "facts", set(entity_kinds()))
    quads = ontology_quads() + list(Mapper(base, Corpus(folder / "corpus")).quads())
    path = work / "graph.nt"  # blank nodes keep the ontology parser's labels: fine for loading
    path.write_text("".join(sorted({f"{s} {p} {o} .\n" for s, p, o, _ in quads})), encoding="utf-8")
    return path


def _rows(result: Any) -> int:
    return len(list(result))


def measure(engine: str, nt: Path, repeat: int, work: Path) -> dict[str, Any]:
    """Load ``nt`` into one engine and time both queries; runs inside the engine's own process."""
    if engine == "rdflib":
        import rdflib
        g = rdflib.Graph()
        _, load_s = timed(lambda: g.parse(str(nt), format="nt"))
        query = lambda text: _rows(g.query(text))  # noqa: E731
        size = len(g)
    elif engine == "oxrdflib":
        import rdflib
        g = rdflib.Graph(store="Oxigraph")
        _, load_s = timed(lambda: g.parse(str(nt), format="ox-nt"))
        query = lambda text: _rows(g.query(text))  # noqa: E731
        size = len(g)
    else:
        import pyoxigraph as ox
        if engine == "pyoxigraph-disk":
            path = work / "disk-store"
            shutil.rmtree(path, ignore_errors=True)
            store = ox.Store(str(path))
        else:
            store = ox.Store()
        _, load_s = timed(lambda: store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES))

        def query(text: str) -> int:
            res = store.query(text)
            names = res.variables
            return len([[sol[v] for v in names] for sol in res])
        size = len(store)
    return {"engine": engine, "triples": size, "load_s": round(load_s, 3),
            "two_hop": time_runs(lambda: query(TWO_HOP), repeat), "regex": time_runs(lambda: query(REGEX), repeat),
            "peak_rss_mb": peak_rss_mb()}


def table(results: list[dict[str, Any]]) -> str:
    base = next((r for r in results if r["engine"] == "rdflib"), None)
    lines = ["| store | triples | load (s) | two-hop query (ms) | regex filter (ms) | peak memory (MB) |",
             "|---|---|---|---|---|---|"]
    for r in results:
        def cell(key: str) -> str:
            ms = r[key]["median_s"] * 1000
            ratio = f" (×{base[key]['median_s'] / r[key]['median_s']:.0f} vs rdflib)" if base and r is not base else ""
            return f"{ms:.1f}{ratio}"
        lines.append(f"| {r['engine']} | {r['triples']:,} | {r['load_s']:.1f} | {cell('two_hop')} | {cell('regex')} "
                     f"| {r['peak_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", default="1m", help="size of the generated graph (default 1m)")
    ap.add_argument("--nt", type=Path, default=None, help="use this N-Triples file instead of generating one")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    ap.add_argument("--engine", help=argparse.SUPPRESS)   # internal: measure one engine in this process
    ap.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.engine:
        print("RESULT " + json.dumps(measure(args.engine, args.nt, args.repeat, args.work)), flush=True)
        return 0
    from benchmarks import machine
    from benchmarks.generate import parse_size
    work = args.work or Path(tempfile.mkdtemp(prefix="nhskg-store-choice-"))
    nt = args.nt
    if nt is None:
        t0 = time.perf_counter()
        nt = make_ntriples(parse_size(args.triples), work)
        print(f"generated {nt} ({nt.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s",
              file=sys.stderr)
    print("Machine: " + machine.summary_line(machine.describe()))
    results = []
    for engine in args.engines.split(","):
        proc = subprocess.run([sys.executable, __file__, "--engine", engine, "--nt", str(nt), "--repeat",
                               str(args.repeat), "--work", str(work)], capture_output=True, text=True)
        line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
        if not line:
            print(f"{engine} failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        results.append(json.loads(line[-1][7:]))
        print(f"{engine}: {results[-1]}", file=sys.stderr, flush=True)
    print(table(results))
    if args.out:
        args.out.write_text(json.dumps({"machine": machine.describe(), "results": results}, indent=1) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
