"""Building the graph: atomic, deterministic, and every export parses back to the same graph."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from nhskg.errors import EvidenceError
from nhskg.graph.build import build
from nhskg.graph.export import export
from nhskg.graph.store import current_build, open_store
from nhskg.paths import FACTS_DIR


def _triple_count(out: Path) -> int:
    return len(list(open_store(out)))


def test_build_summary_counts_what_was_built(built) -> None:
    s = built.summary
    assert s["entities"] > 50 and s["statements"] > 50
    assert s["quotes_checked"] >= s["statements"]
    for source in ("hsj-ham-exit-interview", "hsj-integration-newsletter", "kings-fund-ham-keynote-2018",
                   "pollock-roderick-price-response-2021", "hsj-long-term-plan-ics"):
        assert s["sources"][source] > 0, f"no facts cite {source}"
    for kind in ("holds", "stance", "change", "concern", "population", "event", "cites", "quote", "member"):
        assert s["statements_by_type"].get(kind, 0) > 0, kind
    assert (built.build_dir / "build.json").exists()


def test_one_named_graph_per_source_plus_ontology(built) -> None:
    graphs = set(built.summary["named_graphs"])
    base = "https://w3id.org/nhskg/graph/"
    assert base + "ontology" in graphs and base + "sources" in graphs
    for source in ("pollock-roderick-price-response-2021", "hsj-ham-exit-interview"):
        assert base + "curated/" + source in graphs


def test_no_blank_nodes_for_named_things(built) -> None:
    onto = ox.NamedNode("https://w3id.org/nhskg/graph/ontology")
    blank = [q for q in open_store(built.out) if q.graph_name != onto
             and (isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode))]
    assert blank == []


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                                                ("rdfxml", "xml")])
def test_triple_exports_parse_back_to_the_same_graph(built, fmt: str, rdflib_format: str) -> None:
    store = open_store(built.out)
    reference = rdflib.Graph().parse(data=export(store, "nt"), format="nt")
    again = rdflib.Graph().parse(data=export(store, fmt), format=rdflib_format)
    assert len(again) == len(reference) > 1000
    assert isomorphic(again, reference)


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nquads", "nquads")])
def test_dataset_exports_keep_every_named_graph(built, fmt: str, rdflib_format: str) -> None:
    store = open_store(built.out)
    ds = rdflib.Dataset()
    ds.parse(data=export(store, fmt), format=rdflib_format)
    expected: dict[str, int] = {}
    for q in store:
        expected[q.graph_name.value] = expected.get(q.graph_name.value, 0) + 1
    got = {str(g.identifier): len(g) for g in ds.graphs() if len(g)}
    assert got == expected


def test_two_builds_give_byte_identical_sorted_ntriples(built, tmp_path: Path, corpus_dir: Path) -> None:
    again = build(tmp_path / "again", corpus_dir)
    for name in ("nhskg.nt", "nhskg.nq"):
        first = (built.build_dir / "exports" / name).read_bytes()
        assert first == (again.build_dir / "exports" / name).read_bytes(), name
        lines = first.decode().splitlines()
        assert lines == sorted(lines)


def _tampered_facts(tmp_path: Path) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    core = facts / "entities" / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("NHSE/I prefer Option 2.", "NHSE/I prefer Option 1."),
                    encoding="utf-8")
    return facts


def test_failed_build_leaves_the_previous_graph_intact(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "kg"
    build(out, corpus_dir)
    before, count = current_build(out), _triple_count(out)
    with pytest.raises(EvidenceError, match="next-steps-option-2"):
        build(out, corpus_dir, _tampered_facts(tmp_path))
    assert current_build(out) == before
    assert _triple_count(out) == count
    assert [p.name for p in (out / "builds").iterdir()] == [before.name]


KILL_SCRIPT = """
import sys, time
from pathlib import Path
import nhskg.graph.build as b
real = b.write_exports
def slow(store, folder, stem="nhskg"):
    Path(sys.argv[3]).write_text("loading done")
    time.sleep(60)
    return real(store, folder, stem)
b.write_exports = slow
b.build(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_killed_build_leaves_the_previous_graph_intact(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "kg"
    build(out, corpus_dir)
    before, count = current_build(out), _triple_count(out)
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(out), str(corpus_dir), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the build never reached the store-loaded stage"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert current_build(out) == before
    assert _triple_count(out) == count
    # the half-written build is cleared away by the next successful build
    build(out, corpus_dir)
    assert len(list((out / "builds").iterdir())) == 1


def test_void_description_counts_the_graph_itself(built) -> None:
    store = open_store(built.out)
    dataset = ox.NamedNode("https://w3id.org/nhskg/graph/dataset")
    data = {(q.subject, q.predicate, q.object) for q in store if q.graph_name != dataset}
    stated = [q.object.value for q in store.quads_for_pattern(
        ox.NamedNode("https://w3id.org/nhskg/dataset"), ox.NamedNode("http://rdfs.org/ns/void#triples"), None)]
    assert stated == [str(len(data))]
    subsets = list(store.quads_for_pattern(None, ox.NamedNode("http://rdfs.org/ns/void#subset"), None))
    assert len(subsets) == len({q.graph_name for q in store if q.graph_name != dataset})


def test_rdflib_api_over_the_embedded_store(built) -> None:
    from nhskg.graph.store import open_dataset
    ds = open_dataset(built.out)
    rows = list(ds.query("PREFIX nhs: <https://w3id.org/nhskg/ontology#> "
                         "SELECT ?fact WHERE { ?fact nhs:holder <https://w3id.org/nhskg/id/ics-body> }"))
    assert rows and all(str(r[0]).startswith("https://w3id.org/nhskg/fact/") for r in rows)
