"""The SPARQL 1.1 Protocol endpoint of ``nhskg serve``, tested over real HTTP on loopback.

Every answer format is read back with rdflib's own parsers (SPARQL results JSON, XML, CSV, TSV;
Turtle, JSON-LD, N-Triples, RDF/XML) and compared with the embedded store's answer.
"""
from __future__ import annotations

import io
import json
import time
from urllib.parse import urlencode

import pytest
import rdflib
from rdflib.query import Result

from nhskg.graph.engine import RemoteEngine

Q_LABELS = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label"
Q_CONSTRUCT = "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a nhs:Regime ; skos:prefLabel ?l }"


def call(server, method: str, path: str, body: bytes | str | None = None, **headers: str):
    """One request, redirects not followed (header names written with _ for -)."""
    return server.request(method, path, body, {k.replace("_", "-"): v for k, v in headers.items()})


def query_path(query: str, **extra: str) -> str:
    return "/sparql?" + urlencode({"query": query, **extra})


def value_rows(result) -> set[tuple]:
    """Rows as tuples of plain strings: comparable across formats (CSV keeps no types)."""
    return {tuple(str(row[v]) if row[v] is not None else "" for v in result.vars) for row in result}


def embedded_rows(engine, query: str) -> set[tuple]:
    res = engine.run(query)
    return {tuple(str(r[v]) if r.get(v) is not None else "" for v in res.variables) for r in res.rows}


@pytest.mark.parametrize("accept,fmt,ctype", [
    ("application/sparql-results+json", "json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
    ("text/csv", "csv", "text/csv"),
    ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
])
def test_select_formats_parse_with_rdflib_and_match_the_store(served, engine, accept, fmt, ctype):
    status, headers, body = call(served, "GET", query_path(Q_LABELS), Accept=accept)
    assert status == 200, body
    assert headers["content-type"].startswith(ctype)
    assert "accept" in headers["vary"].lower()
    parsed = Result.parse(io.BytesIO(body), format=fmt)
    assert value_rows(parsed) == embedded_rows(engine, Q_LABELS)
    if fmt in ("json", "xml", "tsv"):  # typed formats keep language tags
        assert any(getattr(row["label"], "language", None) == "en" for row in parsed)


def test_get_post_form_and_post_direct_give_the_same_answer(served):
    q = "SELECT ?r WHERE { ?r a nhs:Regime } ORDER BY ?r"
    accept = "application/sparql-results+json"
    answers = [
        call(served, "GET", query_path(q), Accept=accept),
        call(served, "POST", "/sparql", urlencode({"query": q}), Accept=accept,
             Content_Type="application/x-www-form-urlencoded"),
        call(served, "POST", "/sparql", q, Accept=accept, Content_Type="application/sparql-query"),
    ]
    assert [a[0] for a in answers] == [200, 200, 200]
    bodies = [json.loads(a[2]) for a in answers]
    assert bodies[0] == bodies[1] == bodies[2]
    assert len(bodies[0]["results"]["bindings"]) >= 3


def test_default_format_is_sparql_json_for_any_accept(served):
    status, headers, body = call(served, "GET", query_path("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), Accept="*/*")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert sorted(json.loads(body)["head"]["vars"]) == ["o", "p", "s"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_parses_in_json_and_xml(served, fmt):
    accept = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml"}[fmt]
    for query, expected in (("ASK { ?s a nhs:Regime }", True), ("ASK { ?s a nhs:NoSuchClass }", False)):
        status, _, body = call(served, "GET", query_path(query), Accept=accept)
        assert status == 200
        assert Result.parse(io.BytesIO(body), format=fmt).askAnswer is expected


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_construct_formats_parse_and_match_the_store(served, engine, accept, fmt):
    status, headers, body = call(served, "POST", "/sparql", Q_CONSTRUCT, Accept=accept,
                                 Content_Type="application/sparql-query")
    assert status == 200, body
    assert headers["content-type"].startswith(accept)
    got = rdflib.Graph().parse(data=body, format=fmt)
    expected = engine.run(Q_CONSTRUCT).graph
    assert len(got) == len(expected) > 0
    assert set(got) == set(expected)


def test_describe_is_a_graph_query(served):
    status, headers, body = call(served, "GET", query_path("DESCRIBE id:nhs-england"), Accept="text/turtle")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/nhskg/id/nhs-england"), rdflib.namespace.SKOS.prefLabel,
            rdflib.Literal("NHS England", lang="en")) in g


def test_format_parameter_for_people_without_headers(served):
    status, headers, body = call(served, "GET", query_path(Q_LABELS, format="csv"))
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.startswith(b"s,label\r\n")


def test_service_description(served):
    status, headers, body = call(served, "GET", "/sparql", Accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    services = list(g.subjects(rdflib.RDF.type, sd.Service))
    assert len(services) == 1
    assert g.value(services[0], sd.endpoint) == rdflib.URIRef(served.url + "/sparql")
    assert (services[0], sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (services[0], sd.feature, sd.UnionDefaultGraph) in g
    assert len(list(g.objects(None, sd.name))) >= 3  # the named graphs


def test_browser_without_query_goes_to_the_query_box(served):
    status, headers, _ = call(served, "GET", "/sparql", Accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 303 and headers["location"] == "/#sparql"


def test_html_results_for_a_browser(served):
    status, headers, body = call(served, "GET", query_path("SELECT ?r WHERE { ?r a nhs:Regime }"),
                                 Accept="text/html,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'href="/id/regime-' in body and b"format=csv" in body


@pytest.mark.parametrize("how", ["form-update", "direct-update", "query-insert", "query-drop", "get-update"])
def test_updates_are_refused_with_403(served, engine, how):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    if how == "form-update":
        res = call(served, "POST", "/sparql", urlencode({"update": update}),
                   Content_Type="application/x-www-form-urlencoded")
    elif how == "direct-update":
        res = call(served, "POST", "/sparql", update, Content_Type="application/sparql-update")
    elif how == "query-insert":
        res = call(served, "GET", query_path(update))
    elif how == "query-drop":
        res = call(served, "POST", "/sparql", "DROP ALL", Content_Type="application/sparql-query")
    else:
        res = call(served, "GET", "/sparql?" + urlencode({"update": update}))
    status, _, body = res
    assert status == 403
    assert b"read-only" in body
    assert not engine.run("ASK { <http://example.org/a> ?p ?o }").boolean


def test_malformed_query_gets_400_with_the_parser_message(served):
    status, headers, body = call(served, "GET", query_path("SELECT ?s WHERE { ?s ?p }"))
    assert status == 400
    text = body.decode()
    assert "SPARQL syntax error" in text and "line 1" in text and "^" in text
    status, _, body = call(served, "GET", query_path("hello"))
    assert status == 400 and b"not a SPARQL query" in body


def test_protocol_errors(served):
    assert call(served, "GET", query_path(Q_LABELS), Accept="image/png")[0] == 406
    assert call(served, "GET", query_path(Q_LABELS, format="ttl"))[0] == 406  # Turtle is for graphs
    assert call(served, "POST", "/sparql", Q_LABELS, Content_Type="text/plain")[0] == 415
    assert call(served, "POST", "/sparql", "", Content_Type="application/x-www-form-urlencoded")[0] == 400
    two = "/sparql?" + urlencode([("query", Q_LABELS), ("query", Q_LABELS)])
    assert call(served, "GET", two)[0] == 400
    assert call(served, "POST", "/sparql", b"x" * 1_100_000, Content_Type="application/sparql-query")[0] == 413
    assert call(served, "PUT", "/sparql", Q_LABELS)[0] == 405


def test_result_limit_cuts_and_says_so(served, engine):
    total = engine.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"].toPython()
    assert total > 5000
    status, headers, body = call(served, "GET", query_path("SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200
    assert headers["x-result-truncated"].startswith("true")
    assert len(json.loads(body)["results"]["bindings"]) == 5000
    status, headers, _ = call(served, "GET", query_path("SELECT * WHERE { ?s ?p ?o } LIMIT 10"))
    assert status == 200 and "x-result-truncated" not in headers


def test_timeout_stops_the_query_and_the_server_recovers(served):
    # a three-way cross product of the whole graph: hours of work if nothing stops it
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    t0 = time.monotonic()
    status, _, body = call(served, "GET", query_path(heavy))
    elapsed = time.monotonic() - t0
    assert status == 503, body
    assert b"timeout" in body
    assert elapsed < 3 + 5  # --timeout 3, plus the grace and a fresh worker
    for _ in range(3):  # the killed worker was replaced: queries still run
        assert call(served, "GET", query_path("ASK { ?s ?p ?o }"))[0] == 200


def test_security_headers_on_pages(served):
    status, headers, _ = call(served, "GET", "/", Accept="text/html")
    assert status == 200
    assert headers["x-content-type-options"] == "nosniff"
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none': no script runs
    assert "default-src 'none'" in headers["content-security-policy"]


def test_remote_engine_against_nhskg_serve(served, engine):
    """SPARQLWrapper (through RemoteEngine) reads this endpoint like any other."""
    remote = RemoteEngine(served.url + "/sparql")
    assert embedded_rows(remote, Q_LABELS) == embedded_rows(engine, Q_LABELS)
    assert remote.run("ASK { ?s a nhs:Regime }").boolean is True
    assert set(remote.run(Q_CONSTRUCT).graph) == set(engine.run(Q_CONSTRUCT).graph)


def test_remote_engine_shows_the_servers_message(served):
    from nhskg.errors import QueryError
    remote = RemoteEngine(served.url + "/sparql")
    with pytest.raises(QueryError) as err:
        remote.run("SELECT ?s WHERE { ?s ?p }")
    assert "SPARQL syntax error" in str(err.value) and "b'" not in str(err.value)


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port``, read from /proc (no traffic sent)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table, encoding="ascii").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(addr)
    return found


def test_listens_on_loopback_only_by_default(served):
    port = int(served.url.rsplit(":", 1)[1])
    addresses = listening_addresses(port)
    assert addresses == {"0100007F"}  # 127.0.0.1, little-endian hex; nothing on 0.0.0.0 or ::


def _unordered_lists(rows: set[tuple]) -> set[tuple]:
    """Each cell as its sorted characters: GROUP_CONCAT joins values in the store's internal order,
    which differs between the two stores (and a value may itself hold the separator)."""
    return {tuple("".join(sorted(cell)) for cell in row) for row in rows}


def test_memory_server_answers_every_named_query_as_the_store_does(out_dir, engine):
    # ``serve --memory`` queries copies loaded from the build's N-Quads in every process: the same
    # rows as the on-disk store, for every named query without required parameters.
    from nhskg.queries.library import load_library
    from nhskg.server.launch import start_serve
    server = start_serve(out_dir, None, "--memory", "--timeout", "20")
    try:
        checked = 0
        for name, nq in sorted(load_library().items()):
            if any(not p.optional for p in nq.params):
                continue
            status, _, body = call(server, "GET", query_path(nq.text), Accept="application/sparql-results+json")
            assert status == 200, (name, body[:300])
            got = value_rows(Result.parse(io.BytesIO(body), format="json"))
            assert _unordered_lists(got) == _unordered_lists(embedded_rows(engine, nq.text)), name
            checked += 1
        assert checked >= 15
        status, _, body = call(server, "GET", "/queries/duty-matrix.csv?regime=Option+2")
        assert status == 200 and b"primary duty" in body
    finally:
        server.stop()
