"""Killable worker processes for user-written SPARQL: the endpoint's timeout is real.

pyoxigraph cannot cancel a query once it runs, and a thread cannot be stopped from outside, so a
timeout enforced by a thread only stops waiting while the query keeps a core busy. Queries typed
by users therefore run in a few worker processes; one that overruns its time is killed and
replaced. Each worker opens the build's store read-only (RocksDB allows many readers), reads at
most ``max_rows`` rows (so a huge result cannot fill memory) and sends back plain data:
SPARQL JSON bindings for SELECT and ASK, N-Triples bytes for CONSTRUCT and DESCRIBE.

Named queries run here too (their parameters substituted as terms): some answer thousands of
rows, and separate processes let them use every core. The entity pages' own small queries run
in-process.
"""
from __future__ import annotations

import asyncio
import multiprocessing as mp
import time
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from typing import Any

from anyio import to_thread

GRACE = 0.5  # seconds a worker gets past the timeout to answer 'stopped' itself before it is killed


@dataclass(frozen=True)
class Job:
    """One query for a worker."""

    store_path: str
    query: str
    timeout: float
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: tuple[tuple[str, dict], ...] = ()   # variable -> SPARQL JSON term, substituted as a term
    memory: bool = False                           # query a copy in memory (nhskg serve --memory)


@dataclass
class Answer:
    """A worker's reply: ``status`` 200 with ``kind``/``data``, or an HTTP error status and message."""

    status: int
    kind: str = ""              # "select", "ask" or "graph"
    data: Any = None            # SPARQL JSON dict, or N-Triples bytes for graphs
    truncated: bool = False
    message: str = ""
    seconds: float = field(default=0.0)


def _secs(seconds: float) -> str:
    """2.99994 -> '3', 0.5 -> '0.5': a time budget as people write it."""
    return f"{seconds:.1f}".rstrip("0").rstrip(".")


# -- the worker side (runs in a child process) ----------------------------------------------

def _worker_main(conn: Connection) -> None:
    """Answer jobs until the pipe closes (the server stopped, or died: no orphan stays)."""
    stores: dict[str, Any] = {}
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            answer = _evaluate(stores, job)
        except Exception as exc:  # noqa: BLE001 - reported to the client, the worker lives on
            answer = Answer(500, message=f"query failed: {exc}")
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return


def _evaluate(stores: dict[str, Any], job: Job) -> Answer:
    import pyoxigraph as ox

    from nhskg.graph.engine import _syntax_message
    from nhskg.namespaces import PREFIXES
    from nhskg.server.results import json_ox_term, ox_term_json, select_json

    start = time.monotonic()
    deadline = start + job.timeout
    key = f"{job.store_path}|{job.memory}"
    if key not in stores:
        from pathlib import Path

        from nhskg.graph.store import load_in_memory
        stores.clear()  # a new build: let the old one go
        stores[key] = (load_in_memory(Path(job.store_path).parent) if job.memory
                       else ox.Store.read_only(job.store_path))
    store = stores[key]
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if job.bindings:
        kwargs["substitutions"] = {ox.Variable(k): json_ox_term(cell) for k, cell in job.bindings}
    try:
        raw = store.query(job.query, **kwargs)
    except SyntaxError as exc:
        return Answer(400, message=_syntax_message(job.query, exc))
    except (ValueError, RuntimeError) as exc:
        return Answer(400, message=f"cannot run the query: {exc}")

    def late() -> Answer:
        return Answer(503, message=f"query stopped after the {_secs(job.timeout)} s timeout "
                                   "(ask the server operator for a longer --timeout, or add LIMIT)")

    if isinstance(raw, ox.QueryBoolean):
        return Answer(200, "ask", {"head": {}, "boolean": bool(raw)}, seconds=time.monotonic() - start)
    truncated = False
    if isinstance(raw, ox.QuerySolutions):
        variables = [v.value for v in raw.variables]
        rows = []
        for sol in raw:
            if len(rows) >= job.max_rows:
                truncated = True
                break
            if time.monotonic() > deadline:
                return late()
            row = {}
            for v in variables:
                cell = ox_term_json(sol[v])
                if cell is not None:
                    row[v] = cell
            rows.append(row)
        return Answer(200, "select", select_json(variables, rows), truncated, seconds=time.monotonic() - start)
    triples = []
    for t in raw:
        if len(triples) >= job.max_rows:
            truncated = True
            break
        if time.monotonic() > deadline:
            return late()
        triples.append(t)
    data = ox.serialize(sorted(set(triples), key=str), format=ox.RdfFormat.N_TRIPLES)
    return Answer(200, "graph", data, truncated, seconds=time.monotonic() - start)


# -- the server side ----------------------------------------------------------------------

class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True, name="nhskg-query")
        self.process.start()
        child.close()

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes; a job waits for a free one (within its timeout)."""

    def __init__(self, size: int = 2) -> None:
        # 'spawn': the server process has threads, and forking a threaded process is unsafe.
        self._ctx = mp.get_context("spawn")
        self.size = size
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self.killed = 0

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        workers = await to_thread.run_sync(lambda: [_Worker(self._ctx) for _ in range(self.size)])
        for w in workers:
            self._all.add(w)
            self._idle.put_nowait(w)

    async def close(self) -> None:
        workers, self._all = list(self._all), set()
        await to_thread.run_sync(lambda: [w.stop() for w in workers])

    async def run(self, job: Job) -> Answer:
        assert self._idle is not None, "QueryPool.start() first"
        t0 = time.monotonic()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=job.timeout)
        except asyncio.TimeoutError:
            return Answer(503, message=f"the server is busy: no query slot came free within {_secs(job.timeout)} s")
        limit = job.timeout
        remaining = max(0.1, limit - (time.monotonic() - t0))
        job = replace(job, timeout=remaining)
        returned = False
        try:
            worker.conn.send(job)
            ready = await to_thread.run_sync(worker.conn.poll, remaining + GRACE)
            if ready:
                answer = worker.conn.recv()
                self._idle.put_nowait(worker)
                returned = True
                return answer
            return Answer(503, message=f"query stopped after the {_secs(limit)} s timeout "
                                       "(ask the server operator for a longer --timeout, or add LIMIT)")
        except (EOFError, BrokenPipeError, OSError):
            return Answer(500, message="the query worker died (out of memory?); it has been restarted")
        finally:
            if not returned:  # overran, died, or the request was cancelled: never reuse it
                await asyncio.shield(self._replace(worker))

    async def _replace(self, worker: _Worker) -> None:
        """Kill a stuck or dead worker and put a fresh one in its place."""
        self.killed += 1
        self._all.discard(worker)
        fresh = await to_thread.run_sync(lambda: (worker.stop(kill=True), _Worker(self._ctx))[1])
        self._all.add(fresh)
        assert self._idle is not None
        self._idle.put_nowait(fresh)
