"""Build the graph: read and check the facts, map them to RDF, load the store, write exports.

The build writes into a new folder and only then points ``current`` at it, so a failed or killed
build leaves the previous graph as it was.
"""
from __future__ import annotations

import io
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from nhskg.graph import store as stores
from nhskg.graph.export import FORMATS, canonical, has_blank, write_exports, write_nquads
from nhskg.graph.mapping import Mapper
from nhskg.graph.ontology import entity_kinds
from nhskg.graph.terms import NtQuad, nt_quad, to_ox_quads
from nhskg.graph.void import describe
from nhskg.loaders.corpus import Corpus, find_corpus
from nhskg.loaders.extraction import extracted_quads
from nhskg.loaders.ingest import carry_documents
from nhskg.loaders.facts import FactBase, load_factbase
from nhskg.loaders.verify import check_evidence
from nhskg.namespaces import ONTOLOGY_GRAPH
from nhskg.paths import FACTS_DIR, ONTOLOGY_FILE, PROJECT_ROOT

Progress = Callable[[str], None]

#: Extra quad sources run after the curated facts (automatic extraction registers here); they
#: yield rdflib quads.
EXTRA_STAGES: list[Callable[[FactBase, Corpus | None], Iterable[Any]]] = []


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


def ontology_quads() -> list[NtQuad]:
    g = str(ox.NamedNode(str(ONTOLOGY_GRAPH)))
    return [(str(t.subject), str(t.predicate), str(t.object), g)
            for t in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)]


def build(out: Path, corpus_dir: Path | None = None, facts_dir: Path | None = None,
          progress: Progress = lambda msg: None, *, exports: Iterable[str] = ("nquads",),
          extract: bool = True) -> BuildResult:
    """Run the whole build; raise an NhskgError (and keep the previous graph) on any problem.

    ``exports``: the formats written now (the others are made on demand, see graph/export.py);
    the N-Quads, from which they are made, are always written unless ``exports`` is empty.
    ``extract=False`` leaves out the text extraction (and any EXTRA_STAGES): the curated graph only,
    as the benchmarks time it. Timings are per stage: parse, check, map (curated facts to RDF),
    extract, describe (distinct quads, VoID description, canonical blank nodes), load (what is left
    of the store's loading when the exports are written), export.
    """
    exports = list(exports)
    for fmt in exports:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
    if exports and "nquads" not in exports:
        exports.insert(0, "nquads")
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
    base = load_factbase(facts_dir or FACTS_DIR, set(entity_kinds()), cache_dir=out / "cache" / "facts")
    lap("parse")
    progress("checking quotes against " + (str(found) if found else "nothing (no corpus folder found)"))
    report = check_evidence(base, corpus)
    lap("check")

    from importlib.metadata import version

    out.mkdir(parents=True, exist_ok=True)
    build_dir = stores.new_build_dir(out)
    try:
        carry_documents(out, build_dir)  # ingested documents go on into the new build (issue 6)
        # The store loads in a thread from the first quad on, while the facts are mapped, the
        # description counted and the N-Quads sorted and written: pyoxigraph's bulk loader releases
        # the GIL, so on two cores the two overlap. The blank-node and VoID quads go in at the end.
        store = ox.Store(str(build_dir / "store"))
        loading = _Loading(store)
        try:
            loading.feed(ontology_quads())
            loading.feed(Mapper(base, corpus).quads())
            lap("map")
            if extract:
                for stage in EXTRA_STAGES:
                    progress(f"running {getattr(stage, '__name__', 'extra stage')}")
                    loading.feed(nt_quad(*q) for q in stage(base, corpus))
                progress("extracting from the corpus and the ingested documents")  # loaders/extraction.py
                loading.feed(nt_quad(*q) for q in extracted_quads(base, corpus, out))
            lap("extract")
            progress(f"loading {len(loading.quads)} quads into the store")
            loading.close()
            # distinct first, so the VoID counts are true
            quads, blank = canonical(list(dict.fromkeys(loading.quads)))
            quads.extend(blank)
            triples = {q[:3] for q in quads}
            # Nothing else is in the dataset graph, so its quads need deduplicating only among themselves.
            description = list(dict.fromkeys(describe(quads, version("nhskg"), triples)))
            n_triples = len(triples) + len({q[:3] for q in description} - triples)
            del triples
            quads.extend(description)
            graphs = Counter(map(itemgetter(3), quads))
            late = blank + description  # blank nodes: added as objects to keep their canonical labels
            lap("describe")
            written: dict[str, Path] = {}
            if exports:
                progress("writing exports: " + ", ".join(exports))
                write_nquads(build_dir / "exports" / "nhskg.nq", quads)
                del quads
                written = write_exports(build_dir, exports)
        finally:
            export_s = time.perf_counter() - t0
            loading.close()
            loading.wait()
        store.extend(to_ox_quads(late))
        store.flush()
        lap("load")
        timings["load"] = round(max(0.0, timings["load"] - export_s), 4)
        timings["export"] = round(export_s, 4)
        summary = summarise(base, graphs, report.quotes_checked, found, n_triples)
        result = BuildResult(out, build_dir, found, report.quotes_checked, n_triples, sum(graphs.values()),
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
    """Bulk-load quads into the store in threads, fed while they are made; ``wait()`` re-raises an error.

    Each loader reads the quads as N-Quads text made a chunk at a time (``_NQuadsReader``): it holds
    the GIL only while a chunk is joined and parses without it, so the build's own work goes on
    beside it, and no 200 MB copy of the graph as bytes is ever made. One Oxigraph bulk load indexes
    on one thread (about 10 s per million quads); two concurrent loads of different quads are both
    correct and on two cores about 1.6x faster, so when the build has nothing left to do but wait
    (``wait()``), a second loader takes the chunks the first has not reached. Parsers give
    blank nodes fresh labels, so quads with blank nodes are skipped here and added by the build as
    objects, which keep their canonical labels: the store then dumps the N-Quads the build wrote.
    """

    CHUNK = 20_000

    def __init__(self, store: ox.Store) -> None:
        self.quads: list[NtQuad] = []  # every quad fed, in order, duplicates included
        self.errors: list[BaseException] = []
        self._store = store
        self._closed = False
        self._taken = 0
        self._ready = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._start_loader()

    def _start_loader(self) -> None:
        t = threading.Thread(target=self._run, name=f"nhskg-store-load-{len(self._threads)}", daemon=True)
        self._threads.append(t)
        t.start()

    def feed(self, quads: Iterable[NtQuad]) -> None:
        it = iter(quads)
        while chunk := list(islice(it, self.CHUNK)):
            with self._ready:
                self.quads.extend(chunk)
                self._ready.notify()

    def close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify_all()

    def take(self) -> list[NtQuad]:
        """The next CHUNK quads no loader has taken, waiting for them; [] once closed and all taken."""
        with self._ready:
            self._ready.wait_for(lambda: len(self.quads) > self._taken or self._closed)
            chunk = self.quads[self._taken:self._taken + self.CHUNK]
            self._taken += len(chunk)
            return chunk

    def _run(self) -> None:
        try:
            self._store.bulk_load(input=io.BufferedReader(_NQuadsReader(self), 1 << 20), format=ox.RdfFormat.N_QUADS)
        except BaseException as exc:  # noqa: BLE001 - handed to the build's thread by wait()
            self.errors.append(exc)
            self.close()

    def wait(self) -> None:
        with self._ready:
            more = len(self.quads) - self._taken > 4 * self.CHUNK and not self.errors
        if more:
            self._start_loader()
        for t in self._threads:
            t.join()
        if self.errors:
            raise self.errors[0]


class _NQuadsReader(io.RawIOBase):
    """A binary stream of N-Quads lines for fed quads without blank nodes."""

    def __init__(self, loading: _Loading) -> None:
        self._loading, self._buf, self._pos = loading, b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos == len(self._buf):
            chunk = self._loading.take()
            if not chunk:
                return 0
            self._buf, self._pos = "".join(f"{q[0]} {q[1]} {q[2]} {q[3]} .\n" for q in chunk
                                           if not has_blank(q)).encode("utf-8"), 0
        n = min(len(b), len(self._buf) - self._pos)
        b[:n] = self._buf[self._pos:self._pos + n]
        self._pos += n
        return n


def summarise(base: FactBase, graphs: Counter[str], quotes_checked: int, corpus: Path | None,
              triples: int) -> dict[str, Any]:
    """Counts a researcher wants after a build: entities by kind, facts by kind, sources, graphs."""
    kinds = Counter(k for r in base.entities.values() for k in r.fields["kind"])
    facts = Counter(r.type for r in base.statements.values())
    cited = Counter(ev.source for r in [*base.entities.values(), *base.statements.values()] for ev in r.evidence)
    return {
        "entities": len(base.entities), "entities_by_kind": dict(sorted(kinds.items())),
        "statements": len(base.statements), "statements_by_type": dict(sorted(facts.items())),
        "sources": {sid: cited.get(sid, 0) for sid in sorted(base.sources)},
        "quotes_checked": quotes_checked, "corpus": str(corpus) if corpus else None,
        "triples": triples,
        "named_graphs": dict(sorted((g[1:-1], n) for g, n in graphs.items() if g[0] == "<")),
    }
