"""Load the curated fact files (facts/) into checked Python records.

The schema lives here as data (which fields each statement type takes and which of them refer to
registry ids), so one loop validates every file and every error names the file, line and id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nhskg.errors import DataError
from nhskg.loaders.evidence import Evidence
from nhskg.loaders.yamlfile import LINE_KEY, read_many, read_records

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# Field kinds: ref (one registry id), refs (one or a list), str, int, bool, date, or a set of allowed words.
STANCES = {"supports", "prefers", "opposes", "welcomes", "criticises", "warns-against", "doubts", "urges", "questions"}
ACTIONS = {"repeals", "revokes", "amends", "retains", "creates", "abolishes", "renames", "replaces",
           "removes-from", "transfers", "merges"}
PREDICATES = {"part-of", "covers", "located-in", "publishes", "author-of", "works-for", "leads", "succeeds",
              "member-of", "accountable-to", "regulates", "commissions-from", "delegates-to", "replaced-by",
              "renamed-to", "established-by", "based-on", "supersedes", "proposes", "collaborates-with", "funds",
              "advises", "cites"}
ANSWERED = {"no", "partly", "yes"}

STATEMENT_SCHEMA: dict[str, dict[str, tuple[Any, bool]]] = {
    # type: {field: (kind, required)}
    "holds": {"holder": ("ref", True), "position": ("ref", True), "regime": ("ref", True), "basis": ("ref", False)},
    "stance": {"holder": ("ref", True), "stance": (STANCES, True), "target": ("ref", True)},
    "change": {"subject": ("ref", True), "action": (ACTIONS, True), "target": ("ref", True), "into": ("ref", False)},
    "member": {"member": ("ref", True), "organisation": ("ref", True), "role": ("ref", False)},
    "relation": {"subject": ("ref", True), "predicate": (PREDICATES, True), "object": ("ref", True)},
    "population": {"place": ("ref", True), "value": ("int", True), "approx": ("bool", True),
                   "as_written": ("str", True)},
    "event": {"event": ("ref", True), "date": ("date", True), "participants": ("refs", False)},
    "concern": {"raised_by": ("refs", True), "about": ("refs", True), "summary": ("str", True),
                "answered": (ANSWERED, True)},
    "cites": {"paragraph": ("ref", True), "about": ("str", True)},
    "quote": {"speaker": ("ref", True), "about": ("refs", False)},
}
COMMON_OPTIONAL: dict[str, tuple[Any, bool]] = {"note": ("str", False), "regime": ("ref", False)}

ENTITY_FIELDS: dict[str, tuple[Any, bool]] = {
    "kind": ("kinds", True), "label": ("str", True), "alt": ("strs", False), "definition": ("str", False),
    "same_as": ("strs", False), "part_of": ("ref", False), "date": ("date", False), "note": ("str", False),
    "notation": ("str", False),
}
SOURCE_FIELDS = {"file", "sha256", "url", "title", "genre", "publisher", "authors", "date", "date_note"}


@dataclass
class Source:
    id: str
    title: str
    file: str | None = None
    sha256: str | None = None
    url: str | None = None
    genre: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    date_note: str | None = None
    path: str = ""
    line: int = 0


@dataclass
class Record:
    """An entity (``type`` is 'entity') or a statement (``type`` is its statement type)."""

    id: str
    type: str
    fields: dict[str, Any]
    evidence: list[Evidence]
    path: str
    line: int

    def refs(self) -> list[tuple[str, str]]:
        """(field, id) for every registry reference this record makes."""
        schema = ENTITY_FIELDS if self.type == "entity" else {**STATEMENT_SCHEMA[self.type], **COMMON_OPTIONAL}
        out = []
        for name, (kind, _) in schema.items():
            value = self.fields.get(name)
            if value is None:
                continue
            if kind == "ref":
                out.append((name, value))
            elif kind == "refs":
                out.extend((name, v) for v in value)
        return out


@dataclass
class FactBase:
    """Everything in facts/: sources, the entity registry and the statements."""

    sources: dict[str, Source]
    entities: dict[str, Record]
    statements: dict[str, Record]

    def files(self) -> list[str]:
        return sorted({r.path for r in [*self.entities.values(), *self.statements.values()]})


def _check_value(kind: Any, value: Any, name: str, path: str, line: int, rid: str) -> Any:
    def bad(expected: str) -> DataError:
        return DataError(f"field '{name}' must be {expected}, got {value!r}", path=path, line=line, fact=rid)

    if kind in ("ref", "str"):
        if not isinstance(value, str) or not value.strip():
            raise bad("a non-empty string" if kind == "str" else "an id")
        return value
    if kind in ("refs", "strs", "kinds"):
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise bad("a string or a list of strings")
        return values
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("a whole number")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind == "date":
        if not isinstance(value, str) or not DATE.match(value):
            raise bad("a date written YYYY, YYYY-MM or YYYY-MM-DD")
        return value
    if isinstance(kind, set):
        if value not in kind:
            raise bad("one of " + ", ".join(sorted(kind)))
        return value
    raise AssertionError(kind)


def _evidence(raw: dict[str, Any], path: str, rid: str) -> list[Evidence]:
    items = raw.get("evidence")
    line = raw[LINE_KEY]
    if not items:
        raise DataError("no evidence: every entity and fact needs at least one source", path=path, line=line, fact=rid)
    if not isinstance(items, list):
        raise DataError("'evidence' must be a list", path=path, line=line, fact=rid)
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("source"), str):
            raise DataError("each evidence item needs a 'source'", path=path, line=line, fact=rid)
        eline = item[LINE_KEY]
        unknown = set(item) - {"source", "quote", "start", "note", LINE_KEY}
        if unknown:
            raise DataError(f"unknown evidence field(s): {', '.join(sorted(unknown))}", path=path, line=eline, fact=rid)
        quote, start = item.get("quote"), item.get("start")
        if quote is not None and (not isinstance(quote, str) or not quote):
            raise DataError("'quote' must be non-empty text", path=path, line=eline, fact=rid)
        if start is not None and (isinstance(start, bool) or not isinstance(start, int) or start < 0):
            raise DataError("'start' must be a character offset (a whole number)", path=path, line=eline, fact=rid)
        out.append(Evidence(item["source"], quote, start, item.get("note"), path, eline))
    return out


def _record(raw: dict[str, Any], path: str, is_entity: bool) -> Record:
    line = raw[LINE_KEY]
    rid = raw.get("id")
    if not isinstance(rid, str) or not SLUG.match(rid):
        raise DataError(f"'id' must be a slug (lower-case words joined by hyphens), got {rid!r}", path=path, line=line)
    if is_entity:
        schema, rtype = ENTITY_FIELDS, "entity"
    else:
        rtype = raw.get("type")
        if rtype not in STATEMENT_SCHEMA:
            raise DataError(f"unknown statement type {rtype!r}; use one of {', '.join(STATEMENT_SCHEMA)}",
                            path=path, line=line, fact=rid)
        schema = {**STATEMENT_SCHEMA[rtype], **COMMON_OPTIONAL}
    allowed = set(schema) | {"id", "type", "evidence", LINE_KEY}
    unknown = set(raw) - allowed - ({"type"} if is_entity else set())
    if unknown:
        raise DataError(f"unknown field(s): {', '.join(sorted(unknown))}", path=path, line=line, fact=rid)
    fields: dict[str, Any] = {}
    for name, (kind, required) in schema.items():
        if name not in raw or raw[name] is None:
            if required:
                raise DataError(f"missing field '{name}'", path=path, line=line, fact=rid)
            continue
        fields[name] = _check_value(kind, raw[name], name, path, line, rid)
    return Record(rid, rtype, fields, _evidence(raw, path, rid), path, line)


def _sources(path: Path) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for raw in read_records(path):
        line = raw.pop(LINE_KEY)
        rid = raw.get("id")
        if not isinstance(rid, str) or not SLUG.match(rid):
            raise DataError(f"'id' must be a slug, got {rid!r}", path=str(path), line=line)
        unknown = set(raw) - SOURCE_FIELDS - {"id"}
        if unknown:
            raise DataError(f"unknown field(s): {', '.join(sorted(unknown))}", path=str(path), line=line, fact=rid)
        if not raw.get("title") or not (raw.get("file") or raw.get("url")):
            raise DataError("a source needs a 'title' and a 'file' or 'url'", path=str(path), line=line, fact=rid)
        if rid in out:
            raise DataError("duplicate source id", path=str(path), line=line, fact=rid)
        out[rid] = Source(**{k: (str(v) if k == "date" else v) for k, v in raw.items()}, path=str(path), line=line)
    return out


def load_factbase(root: Path, known_kinds: set[str], cache_dir: Path | None = None) -> FactBase:
    """Read and cross-check every file under ``root`` (facts/); ``cache_dir``: see ``read_many``."""
    if not root.is_dir():
        raise DataError("facts folder not found", path=str(root))
    sources = _sources(root / "sources.yaml")
    entities: dict[str, Record] = {}
    statements: dict[str, Record] = {}
    seen: dict[str, Record] = {}
    files = [(path, is_entity) for sub, is_entity in (("entities", True), ("statements", False))
             for path in sorted((root / sub).glob("*.yaml"))]
    for (path, is_entity), records in zip(files, read_many([p for p, _ in files], cache_dir)):
        rel = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
        for raw in records:
            rec = _record(raw, rel, is_entity)
            if rec.id in seen or rec.id in sources:
                other = seen.get(rec.id)
                where = f" (first at {other.path}:{other.line})" if other else " (also a source id)"
                raise DataError(f"duplicate id{where}", path=rel, line=rec.line, fact=rec.id)
            seen[rec.id] = rec
            (entities if is_entity else statements)[rec.id] = rec
    base = FactBase(sources, entities, statements)
    _cross_check(base, known_kinds)
    return base


def _cross_check(base: FactBase, known_kinds: set[str]) -> None:
    for rec in [*base.entities.values(), *base.statements.values()]:
        if rec.type == "entity":
            for kind in rec.fields["kind"]:
                if kind not in known_kinds:
                    near = ", ".join(sorted(k for k in known_kinds if k.lower()[:4] == kind.lower()[:4])) or "see facts/README.md"
                    raise DataError(f"unknown kind {kind!r} (did you mean: {near})", path=rec.path, line=rec.line,
                                    fact=rec.id)
        for name, ref in rec.refs():
            if ref not in base.entities:
                import difflib
                near = difflib.get_close_matches(ref, list(base.entities), n=3)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                raise DataError(f"field '{name}' refers to unknown id {ref!r}{hint}", path=rec.path, line=rec.line,
                                fact=rec.id)
        for ev in rec.evidence:
            if ev.source not in base.sources:
                raise DataError(f"evidence cites unknown source {ev.source!r}", path=ev.path, line=ev.line, fact=rec.id)
            src = base.sources[ev.source]
            if src.file and ev.quote is None:
                raise DataError(f"evidence from corpus file {src.file} needs a 'quote'", path=ev.path, line=ev.line,
                                fact=rec.id)
    for src in base.sources.values():
        for author in src.authors:
            if author not in base.entities:
                raise DataError(f"author {author!r} is not in the registry", path=src.path, line=src.line, fact=src.id)
        if src.publisher and src.publisher not in base.entities:
            raise DataError(f"publisher {src.publisher!r} is not in the registry", path=src.path, line=src.line,
                            fact=src.id)
