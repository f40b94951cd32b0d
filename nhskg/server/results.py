"""SPARQL results and RDF graphs in every format the endpoint offers.

One intermediate form for tabular answers: the SPARQL 1.1 JSON results structure (a dict).
The query workers produce it from pyoxigraph terms, the named-query pages from rdflib terms
(``nhskg.cli.render.sparql_json``), and every other format (XML, CSV, TSV, HTML) is written
from it, so all routes agree byte for byte on what a row is. Graph answers travel as
N-Triples and are re-serialised with pyoxigraph, which is fast and standard.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from nhskg.namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# media type -> format name, in the server's order of preference (the first is the default)
SELECT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/html": "html",
}
ASK_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "application/json": "json",
    "application/xml": "xml",
    "text/html": "html",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
    "text/plain": "nt",
    "text/html": "html",
}
# ?format= values (for people who cannot set an Accept header) -> canonical media type
FORMAT_PARAM: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html",
    "ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
    "nt": "application/n-triples", "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml",
}
DOWNLOAD_EXT = {"json": "srj", "xml": "srx", "csv": "csv", "tsv": "tsv", "ttl": "ttl", "jsonld": "jsonld",
                "nt": "nt", "rdfxml": "rdf"}
_OX_RDF = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
           "rdfxml": ox.RdfFormat.RDF_XML}
CANONICAL_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                  "ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
                  "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
                  "html": "text/html; charset=utf-8"}


# -- terms -------------------------------------------------------------------------------

def ox_term_json(term: Any) -> dict[str, str] | None:
    """A pyoxigraph term as a SPARQL JSON binding (None for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # RDF-star triple terms: not in this graph


def json_ox_term(cell: dict[str, str]) -> Any:
    """A SPARQL JSON term back as a pyoxigraph term (how bindings travel to the workers)."""
    if cell["type"] == "uri":
        return ox.NamedNode(cell["value"])
    if cell["type"] == "bnode":
        return ox.BlankNode(cell["value"])
    if "xml:lang" in cell:
        return ox.Literal(cell["value"], language=cell["xml:lang"])
    if "datatype" in cell:
        return ox.Literal(cell["value"], datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(cell["value"])


def _nt_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def term_nt(cell: dict[str, str]) -> str:
    """A JSON binding written as an N-Triples/Turtle term (the TSV results syntax)."""
    if cell["type"] == "uri":
        return f"<{cell['value']}>"
    if cell["type"] == "bnode":
        return f"_:{cell['value']}"
    text = f'"{_nt_escape(cell["value"])}"'
    if "xml:lang" in cell:
        return f"{text}@{cell['xml:lang']}"
    if "datatype" in cell:
        return f"{text}^^<{cell['datatype']}>"
    return text


# -- tabular results -----------------------------------------------------------------------

def select_json(variables: list[str], bindings: list[dict[str, dict]]) -> dict[str, Any]:
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}


def write_results(data: dict[str, Any], fmt: str) -> bytes:
    """SPARQL JSON results (SELECT or ASK) in ``fmt``: json, xml, csv or tsv."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        return _xml(data)
    if "boolean" in data:
        raise ValueError("CSV and TSV results are defined for SELECT only")
    if fmt == "csv":
        return _csv(data)
    if fmt == "tsv":
        return _tsv(data)
    raise ValueError(f"no results format {fmt!r}")


def _xml(data: dict[str, Any]) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    variables = data["head"].get("vars", [])
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>")
    if "boolean" in data:
        out.append(f"<boolean>{'true' if data['boolean'] else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in data["results"]["bindings"]:
            out.append("<result>")
            for v in variables:
                if v in row:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _xml_term(cell: dict[str, str]) -> str:
    value = escape(_xml_safe(cell["value"]))
    if cell["type"] == "uri":
        return f"<uri>{value}</uri>"
    if cell["type"] == "bnode":
        return f"<bnode>{value}</bnode>"
    if "xml:lang" in cell:
        return f"<literal xml:lang={quoteattr(cell['xml:lang'])}>{value}</literal>"
    if "datatype" in cell:
        return f"<literal datatype={quoteattr(cell['datatype'])}>{value}</literal>"
    return f"<literal>{value}</literal>"


def _xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry (they cannot be escaped either)."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _csv(data: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # the SPARQL CSV format uses CRLF
    variables = data["head"]["vars"]
    writer.writerow(variables)
    for row in data["results"]["bindings"]:
        writer.writerow([_csv_value(row.get(v)) for v in variables])
    return buf.getvalue().encode("utf-8")


def _csv_value(cell: dict[str, str] | None) -> str:
    if cell is None:
        return ""
    return f"_:{cell['value']}" if cell["type"] == "bnode" else cell["value"]


def _tsv(data: dict[str, Any]) -> bytes:
    variables = data["head"]["vars"]
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in data["results"]["bindings"]:
        lines.append("\t".join(term_nt(row[v]) if v in row else "" for v in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- graphs ------------------------------------------------------------------------------

def write_graph(ntriples: bytes, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """An N-Triples document re-serialised as Turtle, JSON-LD, N-Triples or RDF/XML."""
    return write_triples(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), fmt, prefixes)


def write_triples(triples: Iterable[ox.Triple], fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Distinct triples in ``fmt``, sorted: each subject's triples are written together (Turtle
    groups only consecutive ones) and the same graph always gives the same bytes."""
    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if fmt in ("jsonld", "nt"):
        return ox.serialize(ordered, format=_OX_RDF[fmt])
    return ox.serialize(ordered, format=_OX_RDF[fmt], prefixes=PREFIXES if prefixes is None else prefixes)


def graph_rows(ntriples: bytes) -> list[tuple[dict, dict, dict]]:
    """Triples as JSON-style cells, for the HTML table of a CONSTRUCT answer."""
    return [(ox_term_json(t.subject), ox_term_json(t.predicate), ox_term_json(t.object))
            for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
