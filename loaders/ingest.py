"""Adding documents to a built graph, and taking them out again, atomically.

An ingest never changes the published store in place: it copies the current build into a new
build folder (pyoxigraph's backup, hard links where it can), replaces the document's extracted
named graph there, refreshes the dataset description, exports and summary, and only then swaps
``current`` to the new folder (``graph.store.publish``). An error or an interruption at any point
leaves ``current`` as it was and the half-made folder is deleted.

The documents themselves (decoded text and metadata) are kept inside each build folder, under
``documents/<source-id>/``, so they are swapped together with the store, and ``nhskg build``
carries them into the next build and extracts them again.
"""
from __future__ import annotations

import fcntl
import json
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from nhskg.errors import InputError, StoreError
from nhskg.graph import store as stores
from nhskg.graph.terms import quad_to_ox
from nhskg.loaders.documents import Document, read_document
from nhskg.loaders.facts import FactBase
from nhskg.namespaces import DATASET_GRAPH, extracted_graph

DOCUMENTS = "documents"
PREFIX = "doc-"
Progress = Callable[[str], None]


def checkpoint(stage: str) -> None:
    """Called between the steps of an update (tests raise here to simulate an interruption)."""


# ---------------------------------------------------------------- the document registry

def documents_dir(build_dir: Path) -> Path:
    return build_dir / DOCUMENTS


def save_document(doc: Document, folder: Path) -> None:
    target = folder / doc.source_id
    target.mkdir(parents=True, exist_ok=True)
    (target / "text.txt").write_text(doc.text, encoding="utf-8", newline="")
    (target / "meta.json").write_text(json.dumps(doc.meta(), indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_document(folder: Path) -> Document:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    text = (folder / "text.txt").read_bytes().decode("utf-8")
    return Document(text=text, **meta)


def registered(out: Path) -> list[Document]:
    """The documents ingested into the current build under ``out`` (none if there is no build)."""
    if not (out / stores.CURRENT).exists():
        return []
    folder = documents_dir(stores.current_build(out))
    if not folder.is_dir():
        return []
    return [load_document(p) for p in sorted(folder.iterdir()) if (p / "meta.json").is_file()]


def carry_documents(out: Path, build_dir: Path) -> None:
    """Copy the current build's ingested documents into a new build folder (used by the build)."""
    if not (out / stores.CURRENT).exists():
        return
    src = documents_dir(stores.current_build(out))
    if src.is_dir():
        shutil.copytree(src, documents_dir(build_dir), dirs_exist_ok=True)


def source_id_for(path: Path, explicit: str | None = None) -> str:
    """``doc-<slug of the file name>``: the prefix keeps ingested ids apart from registry ids."""
    from nhskg.loaders.documents import slug
    sid = slug(explicit) if explicit else slug(path.stem)
    return sid if sid.startswith(PREFIX) else PREFIX + sid


# ---------------------------------------------------------------- atomic updates of the store

@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One writer at a time under ``out`` (a second ingest waits for the first)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".ingest.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class Update:
    """What an ingest or remove did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    items: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    build_dir: Path | None = None
    seconds: float = 0.0


def _rewrite(out: Path, change: Callable[[ox.Store, Path], None], progress: Progress) -> Path:
    """Copy the current build, apply ``change`` to the copy, refresh it and publish it."""
    current = stores.current_build(out)
    build_dir = stores.new_build_dir(out)
    try:
        progress("copying the current store")
        try:
            ox.Store.read_only(str(current / "store")).backup(str(build_dir / "store"))
        except OSError as exc:
            raise StoreError(f"cannot copy the store: {exc}", path=str(current / "store")) from exc
        if documents_dir(current).is_dir():
            shutil.copytree(documents_dir(current), documents_dir(build_dir))
        checkpoint("copied")
        store = ox.Store(str(build_dir / "store"))
        change(store, build_dir)
        checkpoint("changed")
        _refresh_description(store)
        store.flush()
        checkpoint("loaded")
        summary = _summary(current, store, build_dir)
        if (current / "exports").is_dir():  # the N-Quads; other formats are made from them on demand
            progress("writing the N-Quads")
            from nhskg.graph.export import EXPORTS, file_name, store_nquads, write_exports
            (build_dir / EXPORTS).mkdir(parents=True, exist_ok=True)
            (build_dir / EXPORTS / file_name("nquads")).write_bytes(store_nquads(store))
            write_exports(build_dir)
        del store
        (build_dir / "build.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n",
                                              encoding="utf-8")
        checkpoint("before-publish")
        stores.publish(out, build_dir)
    except BaseException:
        stores.discard(build_dir)
        raise
    return build_dir


def _refresh_description(store: ox.Store) -> None:
    """Recount the VoID/DCAT description now that a named graph changed."""
    from importlib.metadata import version

    from nhskg.graph.void import describe
    from nhskg.graph.terms import ox_quad, to_ox_quads
    g = ox.NamedNode(str(DATASET_GRAPH))
    store.remove_graph(g)
    store.extend(to_ox_quads(describe([ox_quad(q) for q in store], version("nhskg"))))


def _summary(current: Path, store: ox.Store, build_dir: Path) -> dict:
    try:
        summary = json.loads((current / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        summary = {}
    graphs: dict[str, int] = {}
    triples = set()
    for q in store:
        triples.add((q.subject, q.predicate, q.object))
        if isinstance(q.graph_name, ox.NamedNode):
            graphs[q.graph_name.value] = graphs.get(q.graph_name.value, 0) + 1
    folder = documents_dir(build_dir)
    summary.update({
        "triples": len(triples), "named_graphs": dict(sorted(graphs.items())),
        "ingested": sorted(p.name for p in folder.iterdir()) if folder.is_dir() else [],
        "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    })
    return summary


# ---------------------------------------------------------------- ingest and remove

def ingest(out: Path, paths: Iterable[Path], base: FactBase, *, progress: Progress = lambda m: None,
           source_id: str | None = None, max_bytes: int | None = None, **meta) -> Update:
    """Read, extract and add documents; all or nothing (a bad file stops the ingest before any change)."""
    from nhskg.loaders.extraction import Extractor, document_quads

    t0 = time.perf_counter()
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no file given")
    if source_id and len(paths) > 1:
        raise InputError("--id names one document; give one file with it")
    corpus_sha = {s.sha256: s.id for s in base.sources.values() if s.sha256}
    docs: list[Document] = []
    update = Update()
    for path in paths:   # read and check every file first: nothing is written if one is bad
        doc = read_document(path, source_id=source_id_for(path, source_id), max_bytes=max_bytes, **meta)
        if doc.sha256 in corpus_sha:
            update.skipped.append(f"{path}: already in the corpus as {corpus_sha[doc.sha256]} "
                                  "(extracted at every build)")
            continue
        if any(d.source_id == doc.source_id for d in docs):
            raise InputError(f"two files give the same source id {doc.source_id!r}; rename one or use --id",
                             path=str(path))
        docs.append(doc)
        update.notes += [f"{path}: {n}" for n in doc.notes]
    if not docs:
        update.seconds = time.perf_counter() - t0
        return update
    extractor = Extractor(base)
    prepared = []
    for doc in docs:
        progress(f"extracting from {doc.file_name} ({len(doc.text):,} characters)")
        items = extractor.run(doc.text)
        quads = [quad_to_ox(*q) for q in document_quads(extractor, doc.source_id, doc.text, doc, items)]
        update.items[doc.source_id] = len(items)
        prepared.append((doc, quads))

    def change(store: ox.Store, build_dir: Path) -> None:
        for doc, quads in prepared:
            g = ox.NamedNode(str(extracted_graph(doc.source_id)))
            if store.contains_named_graph(g):
                store.remove_graph(g)
                update.replaced.append(doc.source_id)
            else:
                update.added.append(doc.source_id)
            store.extend(quads)
            checkpoint("document-added")
            old = documents_dir(build_dir) / doc.source_id
            if old.exists():
                shutil.rmtree(old)
            save_document(doc, documents_dir(build_dir))

    with _locked(out):
        update.build_dir = _rewrite(out, change, progress)
    update.seconds = time.perf_counter() - t0
    return update


def resolve_source(out: Path, source: str) -> Document:
    """An ingested document by source id (with or without ``doc-``) or by file name."""
    docs = registered(out)
    for doc in docs:
        if source in {doc.source_id, doc.file_name, doc.source_id[len(PREFIX):]}:
            return doc
    known = ", ".join(d.source_id for d in docs) or "none"
    raise InputError(f"no ingested document {source!r} (ingested: {known}); corpus documents are "
                     "extracted at every build and are removed by taking them out of the corpus folder")


def remove(out: Path, sources: Iterable[str], progress: Progress = lambda m: None) -> Update:
    """Take ingested documents, and everything extracted from them, out of the graph."""
    t0 = time.perf_counter()
    docs = [resolve_source(out, s) for s in sources]
    update = Update()

    def change(store: ox.Store, build_dir: Path) -> None:
        for doc in docs:
            store.remove_graph(ox.NamedNode(str(extracted_graph(doc.source_id))))
            shutil.rmtree(documents_dir(build_dir) / doc.source_id, ignore_errors=True)
            update.removed.append(doc.source_id)

    with _locked(out):
        update.build_dir = _rewrite(out, change, progress)
    update.seconds = time.perf_counter() - t0
    return update
