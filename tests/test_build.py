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
from nhskg.graph.export import FORMATS, export, export_path, store_nquads
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
    for fmt in ("nt", "nquads"):
        first = export_path(built.build_dir, fmt).read_bytes()
        assert first == export_path(again.build_dir, fmt).read_bytes(), fmt
        lines = first.decode().splitlines()
        assert lines == sorted(lines)


def test_the_store_holds_exactly_the_written_nquads(built) -> None:
    # The build writes the N-Quads from memory and loads the store from a stream beside it:
    # both must be the same graph, blank-node labels included (the store keeps canonical ones).
    assert store_nquads(open_store(built.out)) == (built.build_dir / "exports" / "nhskg.nq").read_bytes()


def test_other_formats_are_made_on_first_use_and_kept(tmp_path: Path, corpus_dir: Path) -> None:
    res = build(tmp_path / "kg", corpus_dir)
    assert sorted(res.exports) == ["nquads"]
    ttl = res.build_dir / "exports" / "nhskg.ttl"
    assert not ttl.exists()
    assert export_path(res.build_dir, "ttl") == ttl and ttl.stat().st_size > 100_000
    made = ttl.stat().st_mtime_ns
    assert export_path(res.build_dir, "ttl").stat().st_mtime_ns == made  # kept, not made again
    assert ttl.read_bytes() == export(open_store(res.out), "ttl")
    everything = build(tmp_path / "all", corpus_dir, exports=FORMATS)
    assert sorted(everything.exports) == sorted(FORMATS)
    for fmt in FORMATS:
        assert everything.exports[fmt].read_bytes() == export_path(res.build_dir, fmt).read_bytes(), fmt
    bare = build(tmp_path / "none", corpus_dir, exports=())
    assert not (bare.build_dir / "exports" / "nhskg.nq").exists()
    assert export_path(bare.build_dir, "nquads").read_bytes() == export_path(res.build_dir, "nquads").read_bytes()


def test_a_rebuild_reuses_parsed_files_and_gives_the_graph_a_clean_build_gives(tmp_path: Path,
                                                                             corpus_dir: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    out = tmp_path / "kg"
    build(out, corpus_dir, facts)
    cache = out / "cache" / "facts"
    entries = set(p.name for p in cache.iterdir())
    assert len(entries) == len(list(facts.glob("*/*.yaml")))
    core = facts / "entities" / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("label: NHS England\n", "label: NHS England (renamed)\n", 1),
                    encoding="utf-8")
    next(cache.iterdir()).write_bytes(b"not marshal data")  # a damaged entry is parsed again, not trusted
    cached = build(out, corpus_dir, facts)
    clean = build(tmp_path / "clean", corpus_dir, facts)
    nq = (cached.build_dir / "exports" / "nhskg.nq").read_bytes()
    assert b'"NHS England (renamed)"@en' in nq
    assert nq == (clean.build_dir / "exports" / "nhskg.nq").read_bytes()
    assert len(set(p.name for p in cache.iterdir()) - entries) == 1  # only the edited file's entry is new


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
def slow(*args, **kwargs):
    Path(sys.argv[3]).write_text("loading done")
    time.sleep(60)
    return real(*args, **kwargs)
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


@pytest.mark.parametrize("memory", [False, True], ids=["on-disk", "in-memory"])
def test_rdflib_api_over_the_embedded_store(built, memory: bool) -> None:
    from nhskg.graph.store import open_dataset
    ds = open_dataset(built.out, memory=memory)
    rows = list(ds.query("PREFIX nhs: <https://w3id.org/nhskg/ontology#> "
                         "SELECT ?fact WHERE { ?fact nhs:holder <https://w3id.org/nhskg/id/ics-body> }"))
    assert rows and all(str(r[0]).startswith("https://w3id.org/nhskg/fact/") for r in rows)
    assert len(ds) == built.triples  # the union of every graph, ontology and description included


def test_an_invalid_iri_in_the_facts_fails_the_build_naming_the_record(tmp_path: Path, corpus_dir: Path) -> None:
    from nhskg.errors import DataError
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    core = facts / "entities" / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace(
        "  label: NHS England\n", '  label: NHS England\n  same_as: ["not an iri"]\n', 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"core\.yaml:\d+: \[nhs-england\] 'same_as' is not a valid IRI: 'not an iri'"):
        build(tmp_path / "kg", corpus_dir, facts)
    assert not (tmp_path / "kg" / "current").exists()
