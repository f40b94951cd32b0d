"""The benchmark suite still works: generation is deterministic and valid, and the smoke run produces
a well-formed results file covering every build stage, export format and named query.

No timing is asserted anywhere (issue 7): these tests check the machinery, not the machine.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nhskg.graph.export import FORMATS
from nhskg.paths import PROJECT_ROOT
from nhskg.queries.library import load_library

BENCH = PROJECT_ROOT / "benchmarks"
STAGES = {"parse", "check", "extract", "load", "export"}


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_generator_is_deterministic_and_builds(tmp_path: Path) -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.generate import count_triples, generate_records
    generate_records(150, tmp_path / "a", seed=3)
    generate_records(150, tmp_path / "b", seed=3)
    generate_records(150, tmp_path / "c", seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    # every quote verbatim at its offset, every reference known: the real loader and checker accept it
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.corpus import Corpus
    from nhskg.loaders.facts import load_factbase
    from nhskg.loaders.verify import check_evidence
    base = load_factbase(tmp_path / "a" / "facts", set(entity_kinds()))
    report = check_evidence(base, Corpus(tmp_path / "a" / "corpus"))
    assert report.quotes_checked > 150 and not report.sha_mismatches
    assert {r.type for r in base.statements.values()} >= {"holds", "stance", "member", "relation", "quote"}
    assert count_triples(tmp_path / "a") > 1000


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("bench")
    out = work / "results.json"
    proc = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "1k", "--repeat", "1",
                           "--rdflib-budget", "2", "--skip-real", "--out", str(out), "--work", str(work / "w"),
                           "--plot", str(work / "scaling.png")],
                          capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Targets (issue 7)" in proc.stdout
    return {"results": json.loads(out.read_text(encoding="utf-8")), "work": work, "stdout": proc.stdout}


def test_smoke_run_covers_every_stage_format_and_query(smoke: dict) -> None:
    results = smoke["results"]
    assert {"cpu", "cores", "memory_gb", "python", "libraries"} <= set(results["machine"])
    size = results["sizes"]["1k"]
    build = size["build"]
    assert STAGES <= set(build["stages"]) and build["triples"] > 0 and build["peak_rss_mb"] > 0
    assert set(size["exports"]["formats"]) == set(FORMATS)
    names = set(load_library())
    for engine in ("embedded", "embedded_memory", "pyoxigraph", "pyoxigraph_disk", "rdflib"):
        timed = size["queries"][engine]["queries"]
        assert set(timed) == names, engine
    for mode in ("embedded", "embedded_memory"):  # the project's two modes answer every query, as raw pyoxigraph does
        for name, r in size["queries"][mode]["queries"].items():
            assert "error" not in r, (mode, name, r)
            assert r["median_s"] >= 0 and r["runs"] == 1
            assert r["rows"] == size["queries"]["pyoxigraph"]["queries"][name]["rows"], (mode, name)
    assert STAGES <= set(size["rebuild"]["stages"])
    assert size["cold_start"], "no cold-start measurement"
    assert "available" in size["viz"] and "available" in size["extraction"]


def test_smoke_run_draws_the_plot(smoke: dict) -> None:
    plot = smoke["work"] / "scaling.png"
    pytest.importorskip("matplotlib")
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_query_profile_shows_evaluation_and_conversion(out_dir: Path) -> None:
    # benchmarks/profile_query.py is how docs/performance.md's query profile was made
    proc = subprocess.run([sys.executable, str(BENCH / "profile_query.py"), "--out", str(out_dir), "duty-matrix",
                           "-p", "regime=Option 2"], capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "duty-matrix (on disk): 4 rows" in proc.stdout
    assert "evaluate" in proc.stdout and "Store.query" in proc.stdout
