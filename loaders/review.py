"""Reviewing what was extracted: list items with their context, promote one to a curated fact, reject one.

Decisions are kept in ``<facts>/review-decisions.yaml`` (an item id -> promoted or rejected), so a
decided item is not listed again after later builds: item ids are stable hashes of the document,
the extractor, the span and the target. Promoted facts are written to ``statements/promoted.yaml``
and promoted entities to ``entities/promoted.yaml`` in the facts folder, with their evidence quote and
offset; the facts folder is then loaded again to check it, and the write is undone if it fails.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from nhskg.errors import InputError
from nhskg.loaders.evidence import MAX_QUOTE_WORDS

DECISIONS = "review-decisions.yaml"
QUERY = """
SELECT ?item ?class ?label ?origin ?source ?quote ?start ?end ?prefix ?suffix ?entity ?speaker ?para ?kind ?value
       ?approx ?about ?ckind ?iri ?title ?prov
WHERE {
  ?item nhs:origin ?origin ; a ?class ; rdfs:label ?label ; nhs:evidence ?e .
  FILTER(STRSTARTS(?origin, "extracted:"))
  ?e oa:hasSource ?source ; nhs:quote ?quote ; oa:hasSelector ?q, ?p .
  ?q a oa:TextQuoteSelector ; oa:prefix ?prefix ; oa:suffix ?suffix .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?item nhs:mentionOf ?entity }
  OPTIONAL { ?item nhs:speaker ?speaker }
  OPTIONAL { ?item nhs:citedParagraph ?para }
  OPTIONAL { ?item nhs:quantityKind ?kind }
  OPTIONAL { ?item nhs:quantityValue ?value }
  OPTIONAL { ?item nhs:approximate ?approx }
  OPTIONAL { ?item nhs:quantityAbout ?about }
  OPTIONAL { ?item nhs:candidateKind ?ckind }
  OPTIONAL { ?item nhs:citedLegislation ?iri }
  OPTIONAL { ?item nhs:legislationTitle ?title }
  OPTIONAL { ?item nhs:provisionLabel ?prov }
}
"""


@dataclass
class Row:
    id: str
    extractor: str
    source: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    label: str
    fields: dict

    def context(self, width: int = 32) -> str:
        pre, suf = self.prefix[-width:], self.suffix[:width]
        return re.sub(r"\s+", " ", f"…{pre}[{self.quote}]{suf}…")


def _local(iri) -> str | None:
    return None if iri is None else str(iri).rstrip("/").rsplit("/", 1)[-1]


def rows(engine, source: str | None = None) -> list[Row]:
    """Every extracted item in the graph (optionally of one source id), in document order."""
    res = engine.run(QUERY)
    out: dict[str, Row] = {}
    for r in res.rows:
        item = str(r["item"])
        sid = _local(r["source"])
        if source and sid != source:
            continue
        rid = item.rsplit("/", 1)[-1]
        row = out.get(rid)
        if row is None:
            extractor = str(r["origin"]).split(":", 1)[1].split("@", 1)[0]
            row = out[rid] = Row(rid, extractor, sid, int(r["start"]), int(r["end"]), str(r["quote"]),
                                 str(r["prefix"]), str(r["suffix"]), str(r["label"]), {"about": []})
        f = row.fields
        for key in ("entity", "speaker", "para", "kind", "value", "approx", "ckind", "iri", "title", "prov"):
            if r.get(key) is not None and key not in f:
                f[key] = _local(r[key]) if key in {"entity", "speaker", "para"} else str(r[key])
        if r.get("about") is not None and _local(r["about"]) not in f["about"]:
            f["about"].append(_local(r["about"]))
    return sorted(out.values(), key=lambda x: (x.source, x.start, x.extractor))


def decisions(facts: Path) -> dict[str, dict]:
    path = facts / DECISIONS
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {d["id"]: d for d in data}


def _record_decision(facts: Path, entry: dict) -> None:
    path = facts / DECISIONS
    existing = path.read_text(encoding="utf-8") if path.is_file() else \
        "# Review decisions on extracted items (nhskg review promote/reject): decided items are not listed again.\n"
    path.write_text(existing + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def find_row(engine, item_id: str) -> Row:
    for row in rows(engine):
        if row.id == item_id:
            return row
    raise InputError(f"no extracted item {item_id!r} in the graph (run 'nhskg review' to list them)")


def reject(engine, facts: Path, item_id: str, reason: str | None = None) -> Row:
    row = find_row(engine, item_id)
    _record_decision(facts, {"id": row.id, "decision": "rejected", "source": row.source, "text": row.quote,
                             **({"reason": reason} if reason else {})})
    return row


def _evidence(row: Row) -> dict:
    quote, start = row.quote, row.start
    words = quote.split()
    if len(words) > MAX_QUOTE_WORDS - 5:   # keep evidence short: a verbatim opening of the passage
        cut = re.match(r"\s*(?:\S+\s+){%d}\S+" % (MAX_QUOTE_WORDS - 6), quote)
        quote = cut.group(0).strip() if cut else quote
    return {"source": row.source, "start": start, "quote": quote}


def promote(engine, facts: Path, item_id: str, *, kind: str | None = None, about: str | None = None) -> tuple[Row, str, Path]:
    """Write the item as a curated fact (or entity); return (row, new id, file written)."""
    from nhskg.graph.ontology import entity_kinds
    from nhskg.loaders.facts import load_factbase
    from nhskg.loaders.documents import slug

    row = find_row(engine, item_id)
    base = load_factbase(facts, set(entity_kinds()))
    if row.source not in base.sources:
        raise InputError(f"{row.source} is an ingested document, not a source in {facts / 'sources.yaml'}: add it "
                         "there (with its file in the corpus folder) before promoting facts from it")
    f = row.fields
    rec: dict
    target = "statements/promoted.yaml"
    new_id = f"promoted-{row.id}"
    if row.extractor == "quotations":
        rec = {"id": new_id, "type": "quote", "speaker": f["speaker"]}
    elif row.extractor == "paragraphs":
        if f["para"] not in base.entities:
            raise InputError(f"paragraph {f['para']} is not in the registry yet; add it to an entities file first")
        rec = {"id": new_id, "type": "cites", "paragraph": f["para"],
               "about": about or f"cited in {row.source} (promoted from extraction)"}
    elif row.extractor == "quantities" and f.get("kind") == "population":
        if len(f["about"]) != 1 or "value" not in f:
            raise InputError("a population can be promoted only when it has a value and exactly one place")
        rec = {"id": new_id, "type": "population", "place": f["about"][0], "value": int(float(f["value"])),
               "approx": f.get("approx") == "true", "as_written": row.quote}
    elif row.extractor == "candidates":
        chosen = kind or (f.get("ckind") if f.get("ckind") in entity_kinds() else None)
        if not chosen:
            raise InputError("give the entity's kind with --kind (e.g. Body, Person, Company)")
        new_id = slug(row.quote)
        if new_id in base.entities:
            raise InputError(f"{new_id!r} is already in the registry")
        rec = {"id": new_id, "kind": chosen, "label": re.sub(r"\s+", " ", row.quote)}
        target = "entities/promoted.yaml"
    elif row.extractor == "legislation" and f.get("prov") and not f.get("entity") and f.get("iri"):
        new_id = slug(f"{f['title']} {f['prov']}")
        act = next((e for e, r in base.entities.items() if f["iri"].startswith(
            next((s for s in r.fields.get("same_as", []) if "legislation.gov.uk" in s), "~")) and e != new_id), None)
        rec = {"id": new_id, "kind": "Provision", "label": f"{f['prov'].capitalize()} of the {f['title']}",
               "same_as": [f["iri"]], **({"part_of": act} if act else {})}
        target = "entities/promoted.yaml"
    else:
        raise InputError(f"a {row.extractor} item cannot be promoted (mentions and known legislation are already "
                         "linked to the registry; only quotations, paragraph citations, populations, candidates "
                         "and new provisions can be); reject it if it is wrong")
    rec["evidence"] = [_evidence(row)]
    path = facts / target
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    header = "# Facts promoted from automatic extraction (nhskg review promote).\n" if before is None else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((before or header) + yaml.safe_dump([rec], allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")
    try:
        load_factbase(facts, set(entity_kinds()))
    except Exception:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
        raise
    _record_decision(facts, {"id": row.id, "decision": "promoted", "source": row.source, "text": row.quote[:80],
                             "as": new_id})
    return row, new_id, path
