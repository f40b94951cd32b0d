"""A bounded load test of ``nhskg serve``: N clients mixing SPARQL, named queries and entity pages.

Only for loopback servers this process or its caller started: every loop ends at a deadline
and after ``max_requests``. Each client keeps one HTTP/1.1 connection (as a real client would)
and records the latency of every request; any status >= 400 or exception is an error.
"""
from __future__ import annotations

import http.client
import json
import random
import shlex
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from nhskg.queries.library import NamedQuery, load_library


@dataclass(frozen=True)
class Call:
    kind: str
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class LoadReport:
    clients: int
    seconds: float
    latencies: list[float]
    errors: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.by_kind.items()))
        return (f"{self.requests} requests from {self.clients} clients in {self.seconds:.1f} s: "
                f"{self.throughput:.1f} req/s, p50 {1000 * self.percentile(50):.1f} ms, "
                f"p99 {1000 * self.percentile(99):.1f} ms, {len(self.errors)} errors ({kinds})")


def _get(base: str, path: str, accept: str) -> bytes:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": accept})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"GET {path}: {resp.status}")
        return body
    finally:
        conn.close()


def example_params(nq: NamedQuery) -> list[dict[str, str]]:
    """Parameter sets from a named query's ``# example:`` lines (``--param k=v``), plus the empty
    set when every parameter is optional. Examples with a placeholder (``<...>``) are skipped."""
    sets: list[dict[str, str]] = [{}] if all(p.optional for p in nq.params) else []
    for line in nq.examples:
        try:
            words = shlex.split(line)
        except ValueError:
            continue
        params = {}
        for i, w in enumerate(words):
            if w == "--param" and i + 1 < len(words):
                key, _, value = words[i + 1].partition("=")
                params[key] = value
        placeholders = any(v.startswith("<") for v in params.values())
        complete = all(p.name in params for p in nq.params if not p.optional)
        if params and complete and not placeholders and params not in sets:
            sets.append(params)
    return sets


def default_mix(base: str, entities: int = 30) -> list[Call]:
    """Named queries (through the SPARQL endpoint and as CSV/JSON files), entity pages in HTML and
    Turtle, 303 redirects and a search: what a researcher's browser and scripts do."""
    query = "SELECT ?s WHERE { ?s a ?c ; skos:prefLabel ?l . FILTER(STRSTARTS(STR(?s), STR(id:))) } ORDER BY ?s"
    data = json.loads(_get(base, "/sparql?" + urlencode({"query": query}), "application/sparql-results+json"))
    slugs = sorted({b["s"]["value"].rsplit("/id/", 1)[1] for b in data["results"]["bindings"]})
    step = max(1, len(slugs) // entities)
    picked = slugs[::step][:entities]
    calls: list[Call] = []
    for nq in load_library().values():
        if not nq.params:
            calls.append(Call("sparql", "POST", "/sparql", nq.text.encode("utf-8"),
                              (("Content-Type", "application/sparql-query"),
                               ("Accept", "application/sparql-results+json"))))
        for params in example_params(nq):
            calls.append(Call("named-query", "GET", f"/queries/{nq.name}.csv?{urlencode(params)}"))
    for slug in picked:
        calls.append(Call("entity-page", "GET", f"/id/{quote(slug)}.html", None, (("Accept", "text/html"),)))
        calls.append(Call("redirect", "GET", f"/id/{quote(slug)}", None, (("Accept", "text/turtle"),)))
        calls.append(Call("entity-data", "GET", f"/id/{quote(slug)}.ttl"))
    calls.append(Call("search", "GET", "/search?q=nhs"))
    random.Random(5).shuffle(calls)  # fixed seed: the same mix every run, kinds interleaved
    return calls


def run_load(base: str, clients: int = 8, seconds: float = 30.0, calls: list[Call] | None = None,
             max_requests: int = 200_000) -> LoadReport:
    """``clients`` threads cycle through ``calls`` until ``seconds`` pass (or ``max_requests``)."""
    calls = calls or default_mix(base)
    parts = urlsplit(base)
    lock = threading.Lock()
    report = LoadReport(clients, 0.0, [])
    budget = [max_requests]
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        i = offset
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            call = calls[i % len(calls)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request(call.method, call.path, body=call.body, headers=dict(call.headers))
                resp = conn.getresponse()
                resp.read()
                ok = resp.status < 400
                problem = f"{call.method} {call.path[:80]}: {resp.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, problem = False, f"{call.method} {call.path[:80]}: {exc!r}"
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            elapsed = time.perf_counter() - t0
            with lock:
                if ok:
                    report.latencies.append(elapsed)
                    report.by_kind[call.kind] = report.by_kind.get(call.kind, 0) + 1
                else:
                    report.errors.append(problem)
        conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=client, args=(n * 7,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    report.seconds = time.monotonic() - start
    return report
