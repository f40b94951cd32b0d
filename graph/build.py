"""Build the graph: read and check the facts, map them to RDF, load the store, write exports.

The build writes into a new folder and only then points ``current`` at it, so a failed or killed
build leaves the previous graph as it was.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from nhskg.graph import store as stores
from nhskg.graph.export import write_exports
from nhskg.graph.mapping import Mapper, Quad
from nhskg.graph.ontology import entity_kinds
from nhskg.graph.terms import quad_to_ox
from nhskg.graph.void import describe
from nhskg.loaders.corpus import Corpus, find_corpus
from nhskg.loaders.extraction import extracted_quads
from nhskg.loaders.ingest import carry_documents
from nhskg.loaders.facts import FactBase, load_factbase
from nhskg.loaders.verify import check_evidence
from nhskg.namespaces import ONTOLOGY_GRAPH
from nhskg.paths import FACTS_DIR, ONTOLOGY_FILE, PROJECT_ROOT

Progress = Callable[[str], None]

#: Extra quad sources run after the curated facts (automatic extraction registers here).
EXTRA_STAGES: list[Callable[[FactBase, Corpus | None], Iterable[Quad]]] = []


@dataclass
class BuildResult:
    out: Path
    build_dir: Path
    corpus: Path | None
    quotes_checked: int
    triples: int
    quads: int
    timings: dict[str, float] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    exports: dict[str, Path] = field(default_factory=dict)


def ontology_quads() -> list[ox.Quad]:
    g = ox.NamedNode(str(ONTOLOGY_GRAPH))
    return [ox.Quad(t.subject, t.predicate, t.object, g)
            for t in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)]


def build(out: Path, corpus_dir: Path | None = None, facts_dir: Path | None = None,
          progress: Progress = lambda msg: None, *, exports: bool = True, extract: bool = True) -> BuildResult:
    """Run the whole build; raise an NhskgError (and keep the previous graph) on any problem.

    ``extract=False`` leaves out the text extraction (and any EXTRA_STAGES): the curated graph only,
    as the benchmarks time it. Timings are per stage: parse, check, map (curated facts to RDF),
    extract, describe (distinct quads and the VoID description), load, export.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t0
        now = time.perf_counter()
        timings[name] = round(now - t0, 4)
        t0 = now

    found = find_corpus(corpus_dir, PROJECT_ROOT)
    corpus = Corpus(found) if found else None
    progress(f"reading facts from {facts_dir or FACTS_DIR}")
    base = load_factbase(facts_dir or FACTS_DIR, set(entity_kinds()))
    lap("parse")
    progress("checking quotes against " + (str(found) if found else "nothing (no corpus folder found)"))
    report = check_evidence(base, corpus)
    lap("check")

    quads = ontology_quads()
    quads.extend(quad_to_ox(*q) for q in Mapper(base, corpus).quads())
    lap("map")
    if extract:
        for stage in EXTRA_STAGES:
            progress(f"running {getattr(stage, '__name__', 'extra stage')}")
            quads.extend(quad_to_ox(*q) for q in stage(base, corpus))
        progress("extracting from the corpus and the ingested documents")  # issue 6: loaders/extraction.py
        quads.extend(quad_to_ox(*q) for q in extracted_quads(base, corpus, out))
    lap("extract")
    from importlib.metadata import version
    distinct = dict.fromkeys(quads)  # distinct quads first, so the VoID counts are true (issue 6)
    quads = list(distinct)
    # The distinct triples are made once and shared by the VoID description and the counts below.
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    # describe() reads ``triples`` lazily: make the whole description before the loop adds to it.
    description = [quad_to_ox(*q) for q in describe(quads, version("nhskg"), triples)]
    for q in description:
        if q not in distinct:  # as dict.fromkeys(quads + void) would, without hashing every quad again
            distinct[q] = None
            quads.append(q)
            triples.add((q.subject, q.predicate, q.object))
    n_triples = len(triples)
    del distinct, triples  # a million fresh term objects: free them before the store and the exports
    lap("describe")

    out.mkdir(parents=True, exist_ok=True)
    build_dir = stores.new_build_dir(out)
    try:
        carry_documents(out, build_dir)  # ingested documents go on into the new build (issue 6)
        progress(f"loading {len(quads)} quads into the store")
        store = ox.Store(str(build_dir / "store"))
        # The store loads in a thread while the exports are written from the same quads in memory:
        # pyoxigraph's bulk loader releases the GIL, so on two cores the two overlap. "export" is the
        # exports' time, "load" the part of the loading still left when they are done.
        loading = _Loading(store, quads)
        written: dict[str, Path] = {}
        try:
            if exports:
                progress("writing exports")
                written = write_exports(quads, build_dir / "exports")  # from memory: reading the store back is slow
                (build_dir / "exports" / "nhskg-ontology.ttl").write_bytes(ONTOLOGY_FILE.read_bytes())
        finally:
            export_s = time.perf_counter() - t0
            loading.wait()
        lap("load")
        timings["load"] = round(max(0.0, timings["load"] - export_s), 4)
        timings["export"] = round(export_s, 4)
        summary = summarise(base, quads, report.quotes_checked, found, n_triples)
        result = BuildResult(out, build_dir, found, report.quotes_checked, n_triples, len(quads),
                             timings, summary, written)
        del store
        (build_dir / "build.json").write_text(json.dumps({
            **summary, "timings": timings, "exports": {k: str(v.name) for k, v in written.items()},
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "sha_mismatches": report.sha_mismatches,
        }, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        stores.publish(out, build_dir)
    except BaseException:
        stores.discard(build_dir)
        raise
    result.build_dir = stores.current_build(out)
    result.exports = {k: result.build_dir / "exports" / v.name for k, v in result.exports.items()}
    return result


class _Loading:
    """Load the quads into the store in a thread; ``wait()`` joins it and re-raises its error.

    The quads are handed over as N-Quads bytes: ``bulk_extend`` on Python objects keeps the GIL
    while it reads them (most of its time), ``bulk_load`` of bytes does not, so the exports can run
    beside it. Blank nodes get fresh labels on the way, as they do each time the ontology is parsed.
    """

    def __init__(self, store: ox.Store, quads: list[ox.Quad]) -> None:
        import threading

        self.error: BaseException | None = None
        self.seconds = 0.0
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        self._thread = threading.Thread(target=self._run, args=(store, data), name="nhskg-store-load", daemon=True)
        self._thread.start()

    def _run(self, store: ox.Store, data: bytes) -> None:
        t0 = time.perf_counter()
        try:
            store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
            store.flush()
        except BaseException as exc:  # noqa: BLE001 - handed to the build's thread by wait()
            self.error = exc
        self.seconds = time.perf_counter() - t0

    def wait(self) -> None:
        self._thread.join()
        if self.error is not None:
            raise self.error


def summarise(base: FactBase, quads: list[ox.Quad], quotes_checked: int, corpus: Path | None,
              triples: int | None = None) -> dict[str, Any]:
    """Counts a researcher wants after a build: entities by kind, facts by kind, sources."""
    kinds = Counter(k for r in base.entities.values() for k in r.fields["kind"])
    facts = Counter(r.type for r in base.statements.values())
    cited = Counter(ev.source for r in [*base.entities.values(), *base.statements.values()] for ev in r.evidence)
    graphs = Counter(q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode))
    return {
        "entities": len(base.entities), "entities_by_kind": dict(sorted(kinds.items())),
        "statements": len(base.statements), "statements_by_type": dict(sorted(facts.items())),
        "sources": {sid: cited.get(sid, 0) for sid in sorted(base.sources)},
        "quotes_checked": quotes_checked, "corpus": str(corpus) if corpus else None,
        "triples": len({(q.subject, q.predicate, q.object) for q in quads}) if triples is None else triples,
        "named_graphs": dict(sorted(graphs.items())),
    }
