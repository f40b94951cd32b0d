"""Printing query results: an aligned table sized to the terminal, or CSV, TSV, JSON, Markdown."""
from __future__ import annotations

import csv
import io
import json
import shutil
from typing import Any

from rdflib import Literal, URIRef

from nhskg.graph.engine import Result
from nhskg.namespaces import BASE

FORMATS = ["table", "csv", "tsv", "json", "md"]


def cell(term: Any, *, short: bool = True) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        return s.replace(BASE, "", 1) if short else s
    return str(term)


def sparql_json(result: Result) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = []
    for row in result.rows:
        b = {}
        for v in result.variables:
            t = row.get(v)
            if t is None:
                continue
            if isinstance(t, URIRef):
                b[v] = {"type": "uri", "value": str(t)}
            elif isinstance(t, Literal):
                d: dict[str, str] = {"type": "literal", "value": str(t)}
                if t.language:
                    d["xml:lang"] = t.language
                elif t.datatype:
                    d["datatype"] = str(t.datatype)
                b[v] = d
            else:
                b[v] = {"type": "bnode", "value": str(t)}
        bindings.append(b)
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def render(result: Result, fmt: str = "table", columns: list[str] | None = None, width: int | None = None) -> str:
    if result.kind == "ask":
        return json.dumps(sparql_json(result)) if fmt == "json" else ("yes" if result.boolean else "no")
    if result.kind == "graph":
        return result.graph.serialize(format="turtle")
    cols = columns or result.variables
    if fmt == "json":
        return json.dumps(sparql_json(result), indent=2, ensure_ascii=False)
    rows = [[cell(r.get(c), short=fmt in ("table", "md")) for c in cols] for r in result.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(cols)
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "md":
        esc = [[c.replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        lines += ["| " + " | ".join(r) + " |" for r in esc]
        return "\n".join(lines)
    return table(cols, rows, width)


def table(cols: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Aligned columns; the widest columns are cut (with …) to fit the terminal."""
    total = width or shutil.get_terminal_size((160, 24)).columns
    rows = [[c.replace("\n", " ") for c in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    budget = max(total - 2 * (len(cols) - 1), 10 * len(cols))
    while sum(widths) > budget:
        i = widths.index(max(widths))
        widths[i] = max(8, widths[i] - max(1, (sum(widths) - budget)))
        if all(w <= 8 for w in widths):
            break

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: max(0, w - 1)] + "…"

    out = ["  ".join(fit(c, w).ljust(w) for c, w in zip(cols, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(fit(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
