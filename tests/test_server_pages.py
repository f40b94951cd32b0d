"""Linked data and pages of ``nhskg serve``: 303 dereferencing, documents per format, 404s with a
search link, named queries, downloads, and that no path reaches a file outside the served data."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest
import rdflib
from rdflib.namespace import SKOS

from nhskg.cli.render import render
from nhskg.queries.library import load_library
from nhskg.queries.run import run_named
from nhskg.server.loadtest import example_params

NHSE = rdflib.URIRef("https://w3id.org/nhskg/id/nhs-england")
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what Chromium sends


def get(server, path: str, accept: str | None = None):
    return server.request("GET", path, None, {"Accept": accept} if accept else {})


@pytest.mark.parametrize("accept,ext", [
    (HTML, "html"), ("text/turtle", "ttl"), ("application/ld+json", "jsonld"),
    ("application/n-triples", "nt"), ("application/rdf+xml", "rdf"), ("*/*", "html"),
    ("text/turtle;q=0.5, application/rdf+xml", "rdf"),
])
def test_entity_iri_answers_303_to_a_document_by_accept(served, accept, ext):
    status, headers, body = get(served, "/id/nhs-england", accept)
    assert status == 303
    assert headers["location"] == f"/id/nhs-england.{ext}"
    assert "accept" in headers["vary"].lower()


@pytest.mark.parametrize("ext,fmt", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")])
def test_entity_documents_parse_and_describe_the_entity(served, engine, ext, fmt):
    status, headers, body = get(served, f"/id/nhs-england.{ext}")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format=fmt)
    assert (NHSE, SKOS.prefLabel, rdflib.Literal("NHS England", lang="en")) in g
    # statements naming the entity are in its description, and so is the entity's own evidence
    holders = engine.run("SELECT ?f WHERE { ?f nhs:holder id:nhs-england }").rows
    assert holders and all((r["f"], None, NHSE) in g for r in holders)
    own_ev = engine.run("SELECT ?ev ?q WHERE { id:nhs-england nhs:evidence ?ev . ?ev nhs:quote ?q }").rows
    assert all((r["ev"], rdflib.URIRef("https://w3id.org/nhskg/ontology#quote"), None) in g for r in own_ev)


def test_statement_and_evidence_iris_dereference_too(served, engine):
    fact = str(engine.run("SELECT ?f WHERE { ?f a nhs:Holding } ORDER BY ?f LIMIT 1").rows[0]["f"])
    path = fact.replace("https://w3id.org/nhskg", "")
    assert get(served, path, "text/turtle")[1]["location"] == path + ".ttl"
    status, _, body = get(served, path + ".html")
    assert status == 200 and b"Evidence" in body and b"<blockquote" in body


def test_entity_page_html(served):
    status, headers, body = get(served, "/id/nhs-england.html")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert '<h1 id="label">NHS England</h1>' in page
    assert "Facts (" in page and "<blockquote" in page and 'href="/id/' in page
    assert 'rel="alternate" type="text/turtle" href="/id/nhs-england.ttl"' in page


def test_unknown_entity_404_with_search_link(served):
    status, headers, body = get(served, "/id/no-such-body", HTML)
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b'href="/search?q=no%20such%20body"' in body
    status, _, body = get(served, "/id/no-such-body", "text/turtle")
    assert status == 404 and b"/search?q=no%20such%20body" in body
    assert get(served, "/id/no-such-body.ttl")[0] == 404


def test_search_finds_by_label_and_alternative_label(served):
    status, _, body = get(served, "/search?q=nhs+england")
    assert status == 200 and b'href="/id/nhs-england"' in body
    status, _, body = get(served, "/search?q=NHSE")  # an alternative label
    assert b'href="/id/nhs-england"' in body
    status, _, body = get(served, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert status == 200 and b"<script>" not in body  # echoed text is escaped


def test_home_lists_every_named_query_with_a_form(served):
    status, _, body = get(served, "/")
    assert status == 200
    page = body.decode()
    for name in load_library():
        assert f'action="/queries/{name}"' in page
    assert 'action="/sparql"' in page and 'action="/search"' in page and "/download/nhskg.ttl" in page


def test_named_queries_as_csv_equal_the_cli(served, engine):
    """Every named query with its examples' parameters: the page's CSV is the CLI's CSV."""
    checked = 0
    for nq in load_library().values():
        for params in example_params(nq):
            status, headers, body = get(served, f"/queries/{nq.name}.csv?{urlencode(params)}")
            assert status == 200, (nq.name, params, body[:300])
            expected = render(run_named(engine, nq.name, params), "csv")
            got = body.decode("utf-8").replace("\r\n", "\n").rstrip("\n")
            assert list(csv.reader(io.StringIO(got))) == list(csv.reader(io.StringIO(expected))), nq.name
            checked += 1
    assert checked >= len(load_library()) // 2


def test_named_query_page_runs_and_reports_bad_parameters(served):
    status, _, body = get(served, "/queries/duty-matrix?" + urlencode({"regime": "Option 2", "run": "1"}))
    assert status == 200 and b'class="results"' in body and b"duty-matrix.csv?regime=Option+2" in body
    status, _, body = get(served, "/queries/duty-matrix?" + urlencode({"regime": "Opshun 2", "run": "1"}))
    assert status == 400 and b"no entity called" in body
    assert get(served, "/queries/no-such-query")[0] == 404
    status, headers, body = get(served, "/queries/entities-by-kind.json")
    assert status == 200 and "entities" in json.loads(body)["head"]["vars"]


def test_downloads_and_ontology(served):
    import pyoxigraph as ox  # parses the whole graph in a blink; rdflib reads the small documents
    formats = {"nhskg.ttl": ox.RdfFormat.TURTLE, "nhskg.nt": ox.RdfFormat.N_TRIPLES,
               "nhskg.jsonld": ox.RdfFormat.JSON_LD, "nhskg.rdf": ox.RdfFormat.RDF_XML,
               "nhskg.trig": ox.RdfFormat.TRIG, "nhskg.nq": ox.RdfFormat.N_QUADS, "ontology.ttl": ox.RdfFormat.TURTLE}
    for name, fmt in formats.items():
        status, headers, body = get(served, f"/download/{name}")
        assert status == 200, name
        assert len(list(ox.parse(body, format=fmt))) > 100, name
    assert get(served, "/download/context.jsonld")[0] == 200
    assert get(served, "/download/")[0] == 200
    status, headers, body = get(served, "/ontology", "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle") and b"owl:Ontology" in body
    status, headers, body = get(served, "/ontology", HTML)
    assert status == 200 and b'id="Holding"' in body
    status, _, body = get(served, "/ontology.rdf")
    assert status == 200 and len(rdflib.Graph().parse(data=body, format="xml")) > 100


def test_dataset_description_and_well_known_void(served):
    status, headers, _ = get(served, "/.well-known/void")
    assert status == 303 and headers["location"] == "/dataset"
    status, _, body = get(served, "/dataset.ttl")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/nhskg/dataset"), rdflib.RDF.type,
            rdflib.URIRef("http://rdfs.org/ns/void#Dataset")) in g


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/download/..%2f..%2fpyproject.toml",
    "/download/%2e%2e%2fpyproject.toml", "/download/../../pyproject.toml", "//etc/passwd",
    "/id/..%2f..%2fpyproject.toml", "/id/%2Fetc%2Fpasswd", "/download/%2Fetc%2Fpasswd",
    "/ontology.%2e%2e%2fpyproject.toml", "/queries/..%2fqueries%2flibrary.py", "/id/nhs-england.ttl%00.html",
    "/templates/base.html", "/nhskg/server/templates/base.html", "/.env",
])
def test_no_path_reads_a_file(served, path):
    status, _, body = get(served, path)
    assert status in (400, 404, 405), (path, status)
    assert b"root:" not in body and b"[build-system]" not in body and b"{% block" not in body
    assert b"import " not in body
