"""Load benchmark of ``nhskg serve``: 8 clients for 30 s on loopback, mixing named queries (through
the SPARQL endpoint and as CSV files), entity pages (HTML and Turtle), 303 redirects and search.

    python benchmarks/serve_load.py                      # the build in $NHSKG_OUT or ./nhskg-out
    python benchmarks/serve_load.py --out /tmp/kg --clients 8 --seconds 30 --json serve.json

Without a build it builds the real graph into a temporary folder first. The server is started
here, on 127.0.0.1 and a free port, and stopped by its process id at the end; every client loop
ends at the deadline. Prints throughput, p50 and p99 latency, and the errors (there should be none).
``run()`` is the same as a function, for the benchmark suite.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.machine import describe, summary_line  # noqa: E402
from nhskg.server.launch import start_serve  # noqa: E402
from nhskg.server.loadtest import default_mix, run_load  # noqa: E402


def run(out: Path, clients: int = 8, seconds: float = 30.0, workers: int = 2) -> dict[str, Any]:
    """Serve ``out``, load it, stop it; the figures as a dict."""
    with start_serve(out, None, "--workers", str(workers)) as server:
        calls = default_mix(server.url)
        report = run_load(server.url, clients=clients, seconds=seconds, calls=calls)
    return {"clients": clients, "seconds": round(report.seconds, 2), "requests": report.requests,
            "throughput_rps": round(report.throughput, 1), "p50_ms": round(1000 * report.percentile(50), 1),
            "p99_ms": round(1000 * report.percentile(99), 1), "errors": len(report.errors),
            "first_errors": report.errors[:5], "by_kind": report.by_kind, "mix_size": len(calls),
            "summary": report.summary()}


def _ensure_build(out: Path | None) -> Path:
    from nhskg.paths import default_out
    out = out or default_out()
    if (out / "current").exists():
        return out
    from nhskg.graph.build import build
    tmp = Path(tempfile.mkdtemp(prefix="nhskg-serve-bench-"))
    print(f"no build in {out}: building the real graph into {tmp}", file=sys.stderr)
    build(tmp, None)
    return tmp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="build folder (default $NHSKG_OUT or ./nhskg-out)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=2, help="query worker processes of the server")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    machine = describe()
    figures = run(_ensure_build(args.out), args.clients, args.seconds, args.workers)
    print(summary_line(machine))
    print(figures["summary"])
    for err in figures["first_errors"]:
        print("  error:", err)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "serve_load": figures}, indent=2) + "\n")
    sys.exit(1 if figures["errors"] else 0)


if __name__ == "__main__":
    main()
