"""The build being served: store, engine and label index, replaced when a rebuild lands.

``nhskg build`` publishes a new build by swapping the ``current`` link and deleting the old
folder, so a long-running server must notice and reopen, or it would read a deleted store.
``GraphData.snapshot()`` checks the link at most every ``RECHECK`` seconds and hands out an
immutable :class:`Snapshot`, so one request always sees one build from start to end.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from nhskg.graph.engine import EmbeddedEngine
from nhskg.graph.resolve import Resolver
from nhskg.graph.store import current_build, load_in_memory
from nhskg.namespaces import BASE

RECHECK = 2.0

INDEX_QUERY = """
SELECT DISTINCT ?s ?label ?kind WHERE {
  { ?s skos:prefLabel ?label } UNION { ?s skos:altLabel ?label }
  UNION { ?s a nhs:SourceDocument ; dcterms:title ?label }
  OPTIONAL { ?s a ?c . ?c rdfs:label ?kind . FILTER(STRSTARTS(STR(?c), STR(nhs:))) }
}"""


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str          # the preferred label
    matched: str        # the label that matched (may be an alternative one)
    kinds: tuple[str, ...]


class Snapshot:
    """One build: its folder, its store, an engine over it and a label index for search."""

    def __init__(self, build_dir: Path, memory: bool = False) -> None:
        self.build_dir = build_dir
        self.store_path = str(build_dir / "store")
        self.memory = memory
        self.store = load_in_memory(build_dir) if memory else ox.Store.read_only(self.store_path)
        self.engine = EmbeddedEngine(self.store)
        self.cache: dict[str, object] = {}   # per-build memo (service description counts, exports)
        self.resolver = Resolver(self.engine)
        kinds: dict[str, set[str]] = {}
        labels: list[tuple[str, str]] = []
        for row in self.engine.run(INDEX_QUERY).rows:
            iri = str(row["s"])
            labels.append((iri, str(row["label"])))
            if row.get("kind") is not None:
                kinds.setdefault(iri, set()).add(str(row["kind"]))
        self.kinds = {k: tuple(sorted(v)) for k, v in kinds.items()}
        self.labels = sorted(set(labels), key=lambda p: (p[1].casefold(), p[0]))

    def label(self, iri: str) -> str:
        return self.resolver.label(iri)

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        """Entities whose label or alternative label contains ``text`` (case-insensitive);
        exact matches first, then labels starting with it, then the rest."""
        key = " ".join(text.casefold().split())
        if not key:
            return []
        ranked: dict[str, tuple[int, str, str]] = {}
        for iri, label in self.labels:
            low = label.casefold()
            if key not in low and key != iri.removeprefix(BASE + "id/"):
                continue
            rank = 0 if low == key or key == iri.removeprefix(BASE + "id/") else 1 if low.startswith(key) else 2
            if iri not in ranked or rank < ranked[iri][0]:
                ranked[iri] = (rank, self.label(iri).casefold(), label)
        order = sorted(ranked.items(), key=lambda kv: (kv[1][0], kv[1][1]))[:limit]
        return [Hit(iri, self.label(iri), matched, self.kinds.get(iri, ())) for iri, (_, _, matched) in order]

    def exists(self, iri: str) -> bool:
        """Is ``iri`` a subject or a graph name in this build (so worth a page)?"""
        try:
            res = self.engine.run("ASK { { ?this ?p ?o } UNION { GRAPH ?this { ?s ?p ?o } } }",
                                  {"this": URIRef(iri)})
        except Exception:  # noqa: BLE001 - an IRI the store rejects is simply not there
            return False
        return bool(res.boolean)


class GraphData:
    """Hands out the current :class:`Snapshot`, reopening after a rebuild."""

    def __init__(self, out: Path, memory: bool = False) -> None:
        self.out, self.memory = out, memory
        self._lock = threading.Lock()
        self._snap = Snapshot(current_build(out), memory)
        self._checked = time.monotonic()

    def snapshot(self) -> Snapshot:
        now = time.monotonic()
        if now - self._checked < RECHECK:
            return self._snap
        with self._lock:
            if now - self._checked >= RECHECK:
                self._checked = now
                try:
                    build = current_build(self.out)
                except Exception:  # noqa: BLE001 - keep serving the build we have
                    return self._snap
                if build != self._snap.build_dir and (build / "store").is_dir():
                    try:
                        self._snap = Snapshot(build, self.memory)
                    except Exception:  # noqa: BLE001 - a build being deleted: try again later
                        pass
        return self._snap
