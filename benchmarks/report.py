"""Printing the results: one table per size, the issue's targets checked, and the scaling plot.

The same functions print to the terminal and write docs/performance.md's tables, so the document
shows exactly what a run printed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

TARGET_BUILD_S = 15.0
TARGET_QUERY_S = 0.100
TARGET_RDFLIB_RATIO = 10.0
TARGET_RAW_RATIO = 2.0
TARGET_MEMORY_MB = 1536.0


def _ms(r: dict[str, Any] | None) -> str:
    if not r:
        return "-"
    if r.get("error"):
        return "error"
    if r.get("over_budget"):
        return f">{r['lower_bound_s'] * 1000:.0f}"
    return f"{r['median_s'] * 1000:.1f}"


def _seconds(r: dict[str, Any] | None) -> float | None:
    if not r or r.get("error"):
        return None
    return r["median_s"] if r.get("median_s") is not None else r.get("lower_bound_s")


def per_query(size: dict[str, Any], engine: str) -> dict[str, Any]:
    """query name -> timing result of one engine at one size."""
    return size.get("queries", {}).get(engine, {}).get("queries", {})


#: The project's two ways of answering: ``nhskg query`` on the on-disk store, and the same engine
#: on a copy in memory (``nhskg serve --memory``, ``open_store(out, memory=True)``).
MODES = {"embedded": "on disk (nhskg query)", "embedded_memory": "in memory (serve --memory)"}


def query_rows(size: dict[str, Any], mode: str = "embedded") -> list[dict[str, Any]]:
    """Per query: the engines' medians and, for one of the project's modes, the two ratios the targets are about."""
    rows = []
    names = ("embedded", "embedded_memory", "pyoxigraph", "rdflib", "pyoxigraph_disk")
    engines = {k: per_query(size, k) for k in names}
    for name in sorted(engines["embedded"]):
        e, m, o, r, d = (engines[k].get(name) for k in names)
        ours = m if mode == "embedded_memory" else e
        es, os_, rs = _seconds(ours), _seconds(o), _seconds(r)
        rows.append({
            "query": name, "rows": (e or {}).get("rows"), "embedded": _ms(e), "memory": _ms(m), "pyoxigraph": _ms(o),
            "rdflib": _ms(r), "disk": _ms(d), "seconds": es,
            "rdflib_x": (f"{'>' if r and r.get('over_budget') else ''}{rs / es:.1f}" if es and rs else "-"),
            "vs_raw_x": f"{es / os_:.2f}" if es and os_ else "-",
            "rows_agree": len({x.get("rows") for x in (e, m, o, r) if x and x.get("rows") is not None
                               and not x.get("over_budget")}) <= 1,
        })
    return rows


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if c is None else str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def size_report(label: str, s: dict[str, Any]) -> str:
    """Markdown for one size: build, exports, queries, extras."""
    b = s["build"]
    out = [f"### {label}: {b['triples']:,} triples ({s['generated']['records']:,} records, "
           f"{s['generated']['documents']} documents, {s['generated']['corpus_chars'] / 1e6:.1f} M characters of text)",
           ""]
    stages = b["stages"]
    out.append(markdown_table(["stage", *stages, "total", "wall (in process)", "peak memory"],
                              [["build (s)", *(f"{v:.2f}" for v in stages.values()), f"{b['stage_total_s']:.2f}",
                                f"{b['wall_s']:.2f}", f"{b['peak_rss_mb']:.0f} MB"]]))
    rb = s.get("rebuild")
    if rb:
        out += ["", f"Rebuild after changing one fact file ({rb['changed_file']}): {rb['stage_total_s']:.2f} s "
                    f"(full build {b['stage_total_s']:.2f} s, ×{b['stage_total_s'] / max(rb['stage_total_s'], 1e-9):.2f}); "
                    + ", ".join(f"{k} {v:.2f}" for k, v in rb["stages"].items())]
    ex = s.get("exports", {}).get("formats", {})
    if ex:
        out += ["", "Export (`nhskg export --format F` the first time, made from the build's N-Quads; "
                    "nquads: made from the store, as for a build with `--exports none`), seconds: "
                + ", ".join(f"{k} {v['seconds']:.2f} ({v['megabytes']:.1f} MB)" for k, v in ex.items())]
    q = s.get("queries", {})
    loads = [f"{k} {q[k]['load_s']:.2f} s / {q[k]['peak_rss_mb']:.0f} MB"
             for k in ("embedded_memory", "pyoxigraph", "rdflib") if q.get(k, {}).get("load_s") is not None]
    if loads:
        out += ["", "Loading the N-Quads export into memory (the project's memory mode, and the comparison): "
                + "; ".join(loads)]
    rows, mem_rows = query_rows(s), {r["query"]: r for r in query_rows(s, "embedded_memory")}
    if rows:
        out += ["", "Named queries, median ms (required parameters bound, optional ones left out; "
                    "rdflib errors are rdflib's own, e.g. NotBoundError in GROUP_CONCAT over an OPTIONAL). "
                    "Ratios: rdflib's time over ours, ours over raw pyoxigraph in memory:", "",
                markdown_table(["query", "rows", "nhskg on disk", "nhskg in memory", "raw pyoxigraph (memory)",
                                "raw pyoxigraph (same disk store)", "rdflib", "rdflib ÷ disk", "rdflib ÷ memory",
                                "disk ÷ raw", "memory ÷ raw"],
                               [[r["query"], r["rows"], r["embedded"], r["memory"], r["pyoxigraph"], r["disk"],
                                 r["rdflib"], r["rdflib_x"], mem_rows[r["query"]]["rdflib_x"], r["vs_raw_x"],
                                 mem_rows[r["query"]]["vs_raw_x"] + ("" if r["rows_agree"] else " (row counts differ)")]
                                for r in rows])]
    extras = []
    v = s.get("viz", {})
    extras.append(f"viz page: {v['seconds']:.2f} s for {v['entities']} entities / {v['edges']} edges "
                  f"(layout {v['layout_seconds']:.2f} s)" if v.get("available") else "viz page: not available")
    e = s.get("extraction", {})
    extras.append(f"extraction: {e['documents']} documents, {e['megabytes']:.2f} MB in {e['seconds']:.2f} s "
                  f"({e['docs_per_second']:.0f} docs/s, {e['mb_per_second']:.2f} MB/s)"
                  if e.get("available") else "extraction: not available")
    for cmd, c in s.get("cold_start", {}).items():
        extras.append(f"cold start `{cmd}`: " + (f"{c['median_s']:.2f} s (imports {c['imports']['total_import_s']:.2f} s)"
                                                 if "median_s" in c else f"error {c.get('error')}"))
    out += [""] + [f"- {x}" for x in extras]
    return "\n".join(out) + "\n"


def real_report(real: dict[str, Any]) -> str:
    if "error" in real:
        return f"### The real graph\n\nbuild failed: {real['error']}\n"
    lines = [f"### The real graph ({real['corpus']})", "",
             f"- `nhskg build` end to end (new process): {real['build_s']:.2f} s (median of {real['build_runs']}); "
             f"{real['build_output']}"]
    for cmd, c in real.get("cold_start", {}).items():
        lines.append(f"- cold start `{cmd}`: " + (f"{c['median_s']:.2f} s, of which imports "
                                                   f"{c['imports']['total_import_s']:.2f} s; heavy libraries loaded: "
                                                   f"{', '.join(c['imports']['heavy_loaded']) or 'none'}"
                                                   if "median_s" in c else f"error {c.get('error')}"))
    return "\n".join(lines) + "\n"


def targets(results: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """(target, met?, figures) for issue 7's numbered targets, checked on the largest size run."""
    sizes = results["sizes"]
    if not sizes:
        return []
    label = max(sizes, key=lambda k: sizes[k]["build"]["triples"])
    s = sizes[label]
    b = s["build"]
    build_s = b["stage_total_s"] - b["stages"].get("extract", 0.0) * (1 if b.get("extraction_in_build") else 0)
    at = f" at {label}"
    out = [(f"build without extraction < {TARGET_BUILD_S:.0f} s{at}", build_s < TARGET_BUILD_S, f"{build_s:.1f} s")]
    for mode, name in MODES.items():
        if not per_query(s, mode):
            continue
        rows = query_rows(s, mode)
        timed = [r for r in rows if r["seconds"] is not None]
        slow = sorted((r for r in timed if r["seconds"] >= TARGET_QUERY_S), key=lambda r: -r["seconds"])
        under10 = [r["query"] for r in rows if r["rdflib_x"] != "-" and not r["rdflib_x"].startswith(">")
                   and float(r["rdflib_x"]) < TARGET_RDFLIB_RATIO]
        over2 = [r["query"] for r in rows if r["vs_raw_x"] != "-" and float(r["vs_raw_x"]) > TARGET_RAW_RATIO]
        out += [
            (f"{name}: every named query median < 100 ms{at}", not slow,
             f"{len(timed) - len(slow)}/{len(timed)} under; slowest: "
             + ", ".join(f"{r['query']} {r['seconds'] * 1000:.0f} ms" for r in slow[:5]) if slow
             else f"all {len(timed)} under"),
            (f"{name}: every query ≥ 10× faster than rdflib{at}", not under10,
             f"{len(under10)} below 10×: " + ", ".join(under10) if under10
             else "all at or above 10× (or rdflib over budget)"),
            (f"{name}: every query within 2× of raw pyoxigraph in memory{at}", not over2,
             f"{len(over2)} over 2×: " + ", ".join(over2) if over2 else "all within 2×"),
        ]
    q = s.get("queries", {})
    mem = max(b["peak_rss_mb"], *((q.get(m, {}).get("peak_rss_mb") or 0) for m in MODES))
    out.append((f"peak memory < 1.5 GB{at}", mem < TARGET_MEMORY_MB,
                f"{mem:.0f} MB (build {b['peak_rss_mb']:.0f} MB; querying on disk "
                f"{q.get('embedded', {}).get('peak_rss_mb', 0):.0f} MB, in memory "
                f"{q.get('embedded_memory', {}).get('peak_rss_mb', 0):.0f} MB)"))
    for cmd, c in s.get("cold_start", {}).items():
        if "median_s" in c:
            out.append((f"`{cmd}` cold start < 1.5 s ({label} store)", c["median_s"] < 1.5, f"{c['median_s']:.2f} s"))
    real = results.get("real", {})
    if "build_s" in real:
        out.append(("real graph: `nhskg build` end to end < 5 s", real["build_s"] < 5, f"{real['build_s']:.2f} s"))
        for cmd, c in real.get("cold_start", {}).items():
            if "median_s" in c:
                out.append((f"real graph: `{cmd}` cold start < 1.5 s", c["median_s"] < 1.5, f"{c['median_s']:.2f} s"))
    rb = s.get("rebuild")
    if rb:
        out.append(("incremental rebuild faster than a full build", rb["stage_total_s"] < b["stage_total_s"],
                    f"{rb['stage_total_s']:.2f} s vs {b['stage_total_s']:.2f} s"))
    return out


def targets_table(results: dict[str, Any]) -> str:
    return markdown_table(["target", "met", "figures"],
                          [[t, "yes" if ok else "no", fig] for t, ok, fig in targets(results)])


def plot(results: dict[str, Any], path: Path) -> None:
    """Log-log curves of build stages, extraction, exports and queries against triples, with a linear guide."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results["sizes"].values(), key=lambda s: s["build"]["triples"])
    xs = [s["build"]["triples"] for s in sizes]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    stages = list(sizes[0]["build"]["stages"]) if sizes else []
    for st in stages:
        if all(s["build"]["stages"].get(st, 0.0) < 1e-3 for s in sizes):
            continue  # e.g. extract (left out of the timed build)
        ys = [max(s["build"]["stages"].get(st, 0.0), 1e-4) for s in sizes]
        left.plot(xs, ys, marker="o", label=f"build: {st}")
    left.plot(xs, [s["build"]["stage_total_s"] for s in sizes], marker="s", color="black", lw=2, label="build: total")
    ext = [(s["build"]["triples"], s["extraction"]["seconds"]) for s in sizes if s.get("extraction", {}).get("available")]
    if ext:
        left.plot(*zip(*ext), marker="^", ls="--", label="extraction (bench)")
    if xs:
        k = sizes[-1]["build"]["stage_total_s"] / xs[-1]
        left.plot(xs, [k * x for x in xs], ls=":", color="grey", label="linear (through largest)")
    left.set(xscale="log", yscale="log", xlabel="triples", ylabel="seconds", title="Build and extraction")
    left.legend(fontsize=7)
    names = {"embedded": "nhskg on disk", "embedded_memory": "nhskg in memory", "pyoxigraph": "raw pyoxigraph (memory)",
             "rdflib": "rdflib"}
    for eng, style in (("embedded", "-"), ("embedded_memory", "-."), ("pyoxigraph", "--"), ("rdflib", ":")):
        if not any(per_query(s, eng) for s in sizes):
            continue
        ys = []
        for s in sizes:
            vals = [_seconds(v) for v in per_query(s, eng).values()]
            vals = sorted(v for v in vals if v is not None)
            ys.append(vals[len(vals) // 2] if vals else float("nan"))
        right.plot(xs, ys, ls=style, marker="o", label=f"{names[eng]}: median over queries")
        ys_max = []
        for s in sizes:
            vals = [_seconds(v) for v in per_query(s, eng).values()]
            vals = [v for v in vals if v is not None]
            ys_max.append(max(vals) if vals else float("nan"))
        right.plot(xs, ys_max, ls=style, marker="x", alpha=0.5, label=f"{names[eng]}: slowest query")
    right.axhline(TARGET_QUERY_S, color="red", lw=0.8, label="100 ms target")
    right.set(xscale="log", yscale="log", xlabel="triples", ylabel="seconds", title="Named queries")
    right.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
