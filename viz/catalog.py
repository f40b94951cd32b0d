"""What the page needs besides the projection: the regimes in order and the source documents.

The projection gives edges with regime and source IRIs; a reader needs names ("Option 2", the
document's title and date), and the regimes in their own order (skos:notation R1, R2...) so the
filter and the colours follow the chronology.
"""
from __future__ import annotations

from dataclasses import dataclass

from nhskg.errors import QueryError
from nhskg.graph.engine import Engine

REGIMES_QUERY = """
SELECT ?regime ?label (SAMPLE(?n) AS ?notation) WHERE {
  ?regime a nhs:Regime ; skos:prefLabel ?label .
  OPTIONAL { ?regime skos:notation ?n }
}
GROUP BY ?regime ?label
"""

SOURCES_QUERY = """
SELECT ?source (SAMPLE(?t) AS ?title) (SAMPLE(?f) AS ?file) (SAMPLE(?u) AS ?url) (SAMPLE(?d) AS ?issued) WHERE {
  ?source a nhs:SourceDocument ; dcterms:title ?t .
  OPTIONAL { ?source nhs:fileName ?f }
  OPTIONAL { ?source nhs:sourceUrl ?u }
  OPTIONAL { ?source dcterms:issued ?d }
}
GROUP BY ?source
"""


@dataclass(frozen=True)
class Regime:
    iri: str
    label: str
    notation: str


@dataclass(frozen=True)
class Source:
    iri: str
    title: str
    file: str = ""
    url: str = ""
    issued: str = ""

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


def regimes(engine: Engine) -> list[Regime]:
    """Every regime, ordered by notation then label."""
    rows = engine.run(REGIMES_QUERY).rows
    out = [Regime(str(r["regime"]), str(r["label"]), str(r["notation"]) if r.get("notation") is not None else "")
           for r in rows]
    return sorted(out, key=lambda r: (r.notation == "", _natural(r.notation), r.label))


def sources(engine: Engine) -> dict[str, Source]:
    """Source documents by IRI."""
    out: dict[str, Source] = {}
    for r in engine.run(SOURCES_QUERY).rows:
        def text(name: str) -> str:
            return str(r[name]) if r.get(name) is not None else ""
        out[str(r["source"])] = Source(str(r["source"]), text("title"), text("file"), text("url"), text("issued"))
    return out


def resolve_source(text: str, catalogue: dict[str, Source]) -> str:
    """A source given as IRI, id (slug), corpus file name or exact title -> its IRI."""
    want = text.strip()
    key = want.casefold()
    for s in catalogue.values():
        if key in {s.iri.casefold(), s.slug.casefold(), s.file.casefold(), s.title.casefold(), s.url.casefold()} - {""}:
            return s.iri
    # a path to a corpus file is fine too: compare its last component
    tail = want.replace("\\", "/").rsplit("/", 1)[-1].casefold()
    for s in catalogue.values():
        if s.file and s.file.casefold() == tail:
            return s.iri
    hits = [s for s in catalogue.values() if key in s.title.casefold() or key in s.slug.casefold()]
    if len(hits) == 1:
        return hits[0].iri
    if hits:
        raise QueryError(f"source '{text}' is ambiguous: " + "; ".join(sorted(s.slug for s in hits)))
    known = ", ".join(sorted(s.slug for s in catalogue.values()))
    raise QueryError(f"no source document '{text}'. Known sources: {known}")


def _natural(notation: str) -> tuple:
    """R2 before R10."""
    digits = "".join(ch for ch in notation if ch.isdigit())
    return (notation.rstrip("0123456789"), int(digits) if digits else 0, notation)
