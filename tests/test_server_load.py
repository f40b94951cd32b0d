"""A bounded load test on loopback: 8 concurrent clients for a few seconds mixing named queries
(through the SPARQL endpoint and as files), entity pages, 303 redirects and search. No errors
allowed. The 30-second run with figures is ``benchmarks/serve_load.py``."""
from __future__ import annotations

from nhskg.server.loadtest import default_mix, run_load


def test_eight_clients_mixing_queries_and_pages_get_no_errors(served):
    calls = default_mix(served.url)
    kinds = {c.kind for c in calls}
    assert {"sparql", "named-query", "entity-page", "redirect", "entity-data", "search"} <= kinds
    report = run_load(served.url, clients=8, seconds=4.0, calls=calls, max_requests=5000)
    print(report.summary())
    assert report.errors == []
    assert report.requests >= 40, report.summary()  # it did run, not just start
    assert len(report.by_kind) >= 4
    # the server is still healthy afterwards
    assert served.request("GET", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")[0] == 200
