"""The benchmark suite of issue 7: generated corpora from a thousand to a million triples.

    python benchmarks/run.py [--sizes 1k,10k,100k,1m] [--out results.json] [--plot docs/img/scaling.png]
                             [--repeat N] [--work DIR] [--rdflib-budget SECONDS]

For each size: generate a seeded corpus (benchmarks/generate.py), build it with the real pipeline
(time per stage, peak memory), rebuild after changing one fact file, export every format from the
store, time every named query in queries/ on the embedded store, on raw in-memory pyoxigraph and
on rdflib's in-memory Dataset (medians after a warm-up, with ratios), time the visualisation page
and the extractor (when those modules are there), and the cold start of ``nhskg duties`` /
``nhskg query``. Every measurement runs in its own process (benchmarks/workers.py). A table per
size is printed with the machine's description, the issue's targets are checked on the largest
size, and the results go to JSON (and a scaling plot with matplotlib, if installed).

Smoke mode for CI: ``python benchmarks/run.py --sizes 1k --repeat 1`` (a few seconds).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import coldstart, machine, report  # noqa: E402
from benchmarks.generate import calibrate, generate, parse_size  # noqa: E402

WORKERS = Path(__file__).with_name("workers.py")


class WorkerError(RuntimeError):
    pass


def run_worker(name: str, args: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh process; return its RESULT (with the process's wall time)."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(WORKERS), name, json.dumps(args)], capture_output=True, text=True,
                          timeout=timeout)
    wall = time.perf_counter() - t0
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise WorkerError(f"worker {name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1][len("RESULT "):])
    result["process_wall_s"] = round(wall, 4)
    return result


def change_one_file(facts: Path) -> str:
    """Edit one entity file the way a curator would (a definition reworded); return its name."""
    path = sorted((facts / "entities").glob("bodies-*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    marker = "used for benchmarking the build."
    i = text.find(marker)
    if i < 0:
        text += "\n# edited\n"
    else:
        text = text[:i] + "used for benchmarking the build, reworded." + text[i + len(marker):]
    path.write_text(text, encoding="utf-8")
    return str(path.relative_to(facts))


def bench_size(label: str, work: Path, args: argparse.Namespace, calibration: tuple[float, float],
               log: Any) -> dict[str, Any]:
    target = parse_size(label)
    folder, out = work / f"corpus-{label}", work / f"kg-{label}"
    t0 = time.perf_counter()
    manifest = generate(target, folder, args.seed, calibration)
    gen_s = time.perf_counter() - t0
    log(f"[{label}] generated {manifest['records']} records in {gen_s:.1f} s; building")
    common = {"facts": str(folder / "facts"), "corpus": str(folder / "corpus"), "out": str(out)}
    size: dict[str, Any] = {"target_triples": target, "generated": {**manifest, "seconds": round(gen_s, 3)},
                            "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    size["generated"].pop("samples", None)
    size["generated"].pop("labels", None)
    size["build"] = run_worker("build", {**common, "extract": False})
    log(f"[{label}] built {size['build']['triples']} triples: {size['build']['stages']}")
    nquads = str(out / "current" / "exports" / "nhskg.nq")
    qargs = {"out": str(out), "nquads": nquads, "manifest": str(folder / "manifest.json"), "repeat": args.repeat,
             "warmup": args.warmup}
    size["exports"] = run_worker("exports", {"out": str(out)})
    size["queries"] = {}
    for engine in ("embedded", "embedded_memory", "pyoxigraph_disk", "pyoxigraph", "rdflib"):
        log(f"[{label}] queries on {engine}")
        size["queries"][engine] = run_worker(engine, {**qargs, "budget": args.rdflib_budget,
                                                      "query_budget": args.query_budget})
    log(f"[{label}] viz, extraction, cold start, rebuild")
    size["viz"] = _optional("viz", {"entities": min(manifest["entities"], args.viz_max)})
    size["extraction"] = _optional("extraction", {**common, "documents": manifest["documents"]})
    size["cold_start"] = coldstart.measure(out, max(1, args.repeat))
    changed = change_one_file(folder / "facts")
    size["rebuild"] = {**run_worker("build", {**common, "extract": False}), "changed_file": changed}
    size["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return size


def bench_real(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Target 2 on the real graph: ``nhskg build`` end to end (a new process, imports included) and
    the cold start of ``nhskg duties`` / ``nhskg query`` on what it built."""
    out = work / "kg-real"
    cmd = coldstart.nhskg_exe() + ["build", "--corpus", str(corpus), "--out", str(out), "--quiet"]
    times, last = [], None
    for _ in range(max(1, min(repeat, 3))):
        t0 = time.perf_counter()
        last = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if last.returncode != 0:
            return {"error": (last.stderr or last.stdout)[-500:]}
    return {"corpus": str(corpus), "build_s": round(sorted(times)[len(times) // 2], 3), "build_runs": len(times),
            "build_output": last.stdout.splitlines()[0] if last and last.stdout else "",
            "cold_start": coldstart.measure(out, max(1, repeat))}


def _optional(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """viz and extraction belong to other areas: a failure there is reported, not fatal."""
    try:
        return run_worker(name, args, timeout=1800)
    except (WorkerError, subprocess.TimeoutExpired) as exc:
        return {"available": False, "reason": str(exc)[-500:]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1k,10k,100k", help="comma-separated: 1k, 10k, 100k, 1m (default 1k,10k,100k)")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results.json"), help="results JSON")
    ap.add_argument("--plot", type=Path, default=None, help="write the scaling plot here (PNG, needs matplotlib)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query after the warm-up (median)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs per query first")
    ap.add_argument("--rdflib-budget", type=float, default=30.0, help="seconds before an rdflib query is cut off")
    ap.add_argument("--query-budget", type=float, default=60.0,
                    help="seconds before a pyoxigraph query (embedded or raw) is given up on")
    ap.add_argument("--viz-max", type=int, default=10000, help="at most this many entities in the viz timing")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=None, help="where corpora and builds go (default: a temp folder)")
    ap.add_argument("--markdown", type=Path, default=None, help="also write the tables as Markdown here")
    ap.add_argument("--real-corpus", type=Path, default=None,
                    help="the real corpus for target 2 (default: $NHSKG_CORPUS or ../shared/corpus)")
    ap.add_argument("--skip-real", action="store_true", help="leave out the real-graph build and cold start")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    work = args.work or Path(tempfile.mkdtemp(prefix="nhskg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    labels = [s.strip() for s in args.sizes.split(",") if s.strip()]
    results: dict[str, Any] = {"machine": machine.describe(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                               "settings": {"sizes": labels, "repeat": args.repeat, "warmup": args.warmup,
                                            "seed": args.seed, "rdflib_budget_s": args.rdflib_budget},
                               "sizes": {}}
    print("Machine: " + machine.summary_line(results["machine"]), flush=True)
    calibration = calibrate(work / ".calibration", args.seed)
    results["calibration"] = {"fixed_triples": round(calibration[0], 1), "triples_per_record": round(calibration[1], 3)}
    for label in labels:
        results["sizes"][label] = bench_size(label, work, args, calibration, log)
        print(report.size_report(label, results["sizes"][label]), flush=True)
        _save(results, args.out)      # after every size, so a long run can be read while it goes
    if not args.skip_real:
        from nhskg.loaders.corpus import find_corpus
        from nhskg.paths import PROJECT_ROOT
        corpus = find_corpus(args.real_corpus, PROJECT_ROOT)
        if corpus:
            log("[real] nhskg build on the real corpus and cold starts")
            results["real"] = bench_real(corpus, work, args.repeat)
            print(report.real_report(results["real"]), flush=True)
    print("Targets (issue 7), checked on the largest size:\n" + report.targets_table(results), flush=True)
    if args.plot:
        try:
            report.plot(results, args.plot)
            print(f"plot written to {args.plot}")
        except ImportError:
            print("matplotlib is not installed (pip install -e '.[bench]'): no plot", file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(markdown(results), encoding="utf-8")
    _save(results, args.out)
    print(f"results written to {args.out}")
    return 0


def markdown(results: dict[str, Any]) -> str:
    parts = ["Machine: " + machine.summary_line(results["machine"]), ""]
    parts += [report.size_report(k, v) for k, v in results["sizes"].items()]
    if "real" in results:
        parts += [report.real_report(results["real"]), ""]
    parts += ["Targets (issue 7), checked on the largest size:", "", report.targets_table(results), ""]
    return "\n".join(parts)


def _save(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, sort_keys=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
