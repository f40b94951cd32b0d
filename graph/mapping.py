"""Turn the checked fact base into RDF quads, one named graph per source document.

Every entity and statement goes into the curated graph of the source of its first piece of
evidence, together with its evidence nodes; source metadata goes into the sources graph.
IRIs are built from the records' slugs, so no blank node is ever made for a named thing.
"""
from __future__ import annotations

from collections.abc import Iterator

from rdflib import namespace as rdflib_ns

from nhskg import namespaces as ns
from nhskg.errors import DataError
from nhskg.graph.terms import NtNamespace, NtQuad, nt_iri, nt_literal
from nhskg.loaders.corpus import Corpus
from nhskg.loaders.evidence import Evidence
from nhskg.loaders.facts import FactBase, Record, Source

# The same names as rdflib's namespaces, giving N-Triples strings (see graph/terms.py for why).
DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD = (NtNamespace(n) for n in (
    rdflib_ns.DCTERMS, rdflib_ns.FOAF, rdflib_ns.ORG, rdflib_ns.OWL, rdflib_ns.PROV, rdflib_ns.RDF,
    rdflib_ns.RDFS, rdflib_ns.SKOS, rdflib_ns.XSD))
ELI, EVIDENCE, FACT, ID, NHS, OA, GRAPH = (NtNamespace(n) for n in (
    ns.ELI, ns.EVIDENCE, ns.FACT, ns.ID, ns.NHS, ns.OA, ns.GRAPH))
SOURCES_GRAPH = GRAPH["sources"]

Quad = NtQuad
CONTEXT_CHARS = 32  # length of oa:prefix / oa:suffix

STATEMENT_CLASS = {
    "holds": NHS.Holding, "stance": NHS.Stance, "change": NHS.LegislativeChange, "member": NHS.Membership,
    "relation": NHS.Relation, "population": NHS.PopulationFigure, "event": NHS.Dating, "concern": NHS.Concern,
    "cites": NHS.ParagraphCitation, "quote": NHS.Quotation,
}
# field -> property, per statement type (references become IRIs, other values literals)
FIELD_PROPERTY = {
    "holds": {"holder": NHS.holder, "position": NHS.position, "regime": NHS.regime, "basis": NHS.legalBasis},
    "stance": {"holder": NHS.stanceHolder, "target": NHS.stanceTarget},
    "change": {"subject": NHS.changeSubject, "target": NHS.changeTarget, "into": NHS.resultingBody},
    "member": {"member": ORG.member, "organisation": ORG.organization, "role": ORG.role},
    "relation": {"subject": NHS.relationSubject, "object": NHS.relationObject},
    "population": {"place": NHS.populationOf},
    "event": {"event": NHS.event, "participants": NHS.participant},
    "concern": {"raised_by": NHS.raisedBy, "about": NHS.concernAbout},
    "cites": {"paragraph": NHS.citedParagraph},
    "quote": {"speaker": NHS.speaker, "about": NHS.quotationAbout},
}
RELATION_PROPERTY = {
    "part-of": NHS.partOf, "covers": NHS.covers, "located-in": NHS.locatedIn, "publishes": NHS.publishes,
    "author-of": NHS.authorOf, "works-for": NHS.worksFor, "leads": NHS.leads, "succeeds": NHS.succeeds,
    "member-of": NHS.memberOf, "accountable-to": NHS.accountableTo, "regulates": NHS.regulates,
    "commissions-from": NHS.commissionsFrom, "delegates-to": NHS.delegatesTo, "replaced-by": NHS.replacedBy,
    "renamed-to": NHS.renamedTo, "established-by": NHS.establishedBy, "based-on": NHS.basedOn,
    "supersedes": NHS.supersedes, "proposes": NHS.proposes, "collaborates-with": NHS.collaboratesWith,
    "funds": NHS.funds, "advises": NHS.advises, "cites": NHS.cites,
}
# Statement labels: {field} is the field's value, entity ids replaced by their labels.
LABEL_TEMPLATES = {
    "holds": "{holder} holds {position} under {regime}", "stance": "{holder} {stance} {target}",
    "change": "{subject} {action} {target}", "member": "{member} in {organisation}{role}",
    "relation": "{subject} {predicate} {object}", "population": "population of {place}: {as_written}",
    "event": "{event} ({date})", "concern": "{summary}", "cites": "cites {paragraph}: {about}",
    "quote": "quotation of {speaker}",
}
LABEL_REFS = {"holder", "position", "regime", "target", "subject", "member", "organisation", "role", "object",
              "place", "event", "paragraph", "speaker", "into", "basis"}
_INTEGER, _ANY_URI = str(rdflib_ns.XSD.integer), str(rdflib_ns.XSD.anyURI)
_CURATED = nt_literal("curated")
# Extra standard types that go with some kinds.
KIND_EXTRA_TYPES = {"Provision": [ELI.LegalResourceSubdivision]}


_DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}


def date_literal(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD as xsd:gYear, xsd:gYearMonth or xsd:date."""
    return nt_literal(value, datatype=str(rdflib_ns.XSD) + _DATE_TYPES[len(value)])


def source_iri(source_id: str) -> str:
    return ID[source_id]


def curated_graph(source_id: str) -> str:
    return GRAPH[f"curated/{source_id}"]


def _en(text: str) -> str:
    return nt_literal(text, lang="en")


def _data_iri(value: str, where: Record | Source, field: str) -> str:
    """An IRI written in the facts (a URL, ``same_as``): a clear error naming the record if invalid."""
    try:
        return nt_iri(value)
    except ValueError as exc:
        path, line = (where.path, where.line) if isinstance(where, Record) else (None, None)
        raise DataError(f"'{field}' is not a valid IRI: {value!r} ({exc})", path=path and str(path),
                        line=line, fact=where.id) from exc


class Mapper:
    """Collects quads for one fact base; ``quads()`` yields them all."""

    def __init__(self, base: FactBase, corpus: Corpus | None) -> None:
        self.base, self.corpus = base, corpus

    def quads(self) -> Iterator[Quad]:
        for src in self.base.sources.values():
            yield from self._source(src)
        for rec in self.base.entities.values():
            yield from self._entity(rec)
        for rec in self.base.statements.values():
            yield from self._statement(rec)

    def _source(self, src: Source) -> Iterator[Quad]:
        s, g = source_iri(src.id), SOURCES_GRAPH
        yield s, RDF.type, NHS.SourceDocument, g
        yield s, DCTERMS.title, _en(src.title), g
        yield s, RDFS.label, _en(src.title), g
        if src.file:
            yield s, NHS.fileName, nt_literal(src.file), g
        if src.sha256:
            yield s, NHS.sha256, nt_literal(src.sha256), g
        if src.url:
            yield s, NHS.sourceUrl, nt_literal(src.url, datatype=_ANY_URI), g
            yield s, FOAF.page, _data_iri(src.url, src, "url"), g
        if src.genre:
            yield s, NHS.genre, nt_literal(src.genre), g
        if src.publisher:
            yield s, DCTERMS.publisher, ID[src.publisher], g
        for author in src.authors:
            yield s, DCTERMS.creator, ID[author], g
        if src.date:
            yield s, DCTERMS.issued, date_literal(src.date), g
        if src.date_note:
            yield s, SKOS.scopeNote, _en(src.date_note), g

    def _graph_for(self, rec: Record) -> str:
        return curated_graph(rec.evidence[0].source)

    def _entity(self, rec: Record) -> Iterator[Quad]:
        s, g, f = ID[rec.id], self._graph_for(rec), rec.fields
        for kind in f["kind"]:
            yield s, RDF.type, NHS[kind], g
            for extra in KIND_EXTRA_TYPES.get(kind, []):
                yield s, RDF.type, extra, g
        yield s, RDF.type, OWL.NamedIndividual, g
        yield s, SKOS.prefLabel, _en(f["label"]), g
        yield s, RDFS.label, _en(f["label"]), g
        for alt in f.get("alt", []):
            yield s, SKOS.altLabel, _en(alt), g
        if "definition" in f:
            yield s, SKOS.definition, _en(f["definition"]), g
        if "note" in f:
            yield s, SKOS.scopeNote, _en(f["note"]), g
        if "notation" in f:
            yield s, SKOS.notation, nt_literal(f["notation"]), g
        for iri in f.get("same_as", []):
            yield s, OWL.sameAs, _data_iri(iri, rec, "same_as"), g
        if "part_of" in f:
            prop = ELI.is_part_of if "Provision" in f["kind"] else NHS.partOf
            yield s, prop, ID[f["part_of"]], g
        if "date" in f:
            yield s, NHS.date, date_literal(f["date"]), g
        if "Paragraph" in f["kind"]:
            number = rec.id.rsplit("para-", 1)[-1].replace("-", ".")
            yield s, NHS.paragraphNumber, nt_literal(number), g
        yield s, NHS.dataFile, nt_literal(f"{rec.path}:{rec.line}"), g
        yield from self._evidence(s, rec, g)

    def _statement(self, rec: Record) -> Iterator[Quad]:
        s, g, f = FACT[rec.id], self._graph_for(rec), rec.fields
        yield s, RDF.type, STATEMENT_CLASS[rec.type], g
        yield s, RDF.type, OWL.NamedIndividual, g
        yield s, NHS.origin, _CURATED, g
        yield s, NHS.dataFile, nt_literal(f"{rec.path}:{rec.line}"), g
        props = FIELD_PROPERTY[rec.type]
        for name, value in f.items():
            if name in props:
                for v in (value if isinstance(value, list) else [value]):
                    yield s, props[name], ID[v], g
        if "regime" in f and rec.type != "holds":
            yield s, NHS.regime, ID[f["regime"]], g
        if "note" in f:
            yield s, RDFS.comment, _en(f["note"]), g
        yield from getattr(self, f"_{rec.type}_extra", lambda *_: iter(()))(s, f, g, rec)
        yield s, RDFS.label, _en(self._label(rec)), g
        yield from self._evidence(s, rec, g)

    # -- per-type literal fields and direct triples
    def _stance_extra(self, s, f, g, rec) -> Iterator[Quad]:
        yield s, NHS.stanceKind, NHS[f"stance-{f['stance']}"], g

    def _change_extra(self, s, f, g, rec) -> Iterator[Quad]:
        yield s, NHS.changeAction, NHS[f"action-{f['action']}"], g

    def _relation_extra(self, s, f, g, rec) -> Iterator[Quad]:
        prop = RELATION_PROPERTY[f["predicate"]]
        yield s, NHS.relationProperty, nt_literal(prop[1:-1], datatype=_ANY_URI), g
        yield ID[f["subject"]], prop, ID[f["object"]], g

    def _population_extra(self, s, f, g, rec) -> Iterator[Quad]:
        yield s, NHS.populationValue, nt_literal(f["value"], datatype=_INTEGER), g
        yield s, NHS.approximate, nt_literal(f["approx"]), g
        yield s, NHS.asWritten, nt_literal(f["as_written"]), g

    def _event_extra(self, s, f, g, rec) -> Iterator[Quad]:
        yield s, NHS.date, date_literal(f["date"]), g
        yield ID[f["event"]], NHS.date, date_literal(f["date"]), g

    def _concern_extra(self, s, f, g, rec) -> Iterator[Quad]:
        yield s, NHS.summary, _en(f["summary"]), g
        yield s, NHS.answerStatus, NHS[f"answered-{f['answered']}"], g

    def _cites_extra(self, s, f, g, rec) -> Iterator[Quad]:
        yield s, NHS.citedFor, _en(f["about"]), g
        for doc in sorted({ev.source for ev in rec.evidence}):
            yield s, NHS.citingDocument, source_iri(doc), g

    def _label(self, rec: Record) -> str:
        """A readable label from the type's template: ids become labels, words lose their hyphens."""
        f = rec.fields
        names = {k: self.base.entities[v].fields["label"] if k in LABEL_REFS
                 else v.replace("-", " ") if k in ("stance", "action", "predicate") else v
                 for k, v in f.items() if isinstance(v, (str, int))}
        names["role"] = f" as {names['role']}" if "role" in f else ""
        return LABEL_TEMPLATES[rec.type].format(**names)

    # -- evidence
    def _evidence(self, subject: str, rec: Record, g: str) -> Iterator[Quad]:
        for n, ev in enumerate(rec.evidence, start=1):
            e = EVIDENCE[f"{rec.id}-{n}"]
            yield subject, NHS.evidence, e, g
            yield from self._evidence_node(e, ev, rec, g)

    def _evidence_node(self, e: str, ev: Evidence, rec: Record, g: str) -> Iterator[Quad]:
        src = source_iri(ev.source)
        yield e, RDF.type, NHS.Evidence, g
        yield e, OA.hasSource, src, g
        yield e, PROV.wasDerivedFrom, src, g
        if ev.note:
            yield e, RDFS.comment, _en(ev.note), g
        if ev.quote is None:
            return
        yield e, PROV.wasQuotedFrom, src, g
        quote = nt_literal(ev.quote)
        yield e, NHS.quote, quote, g
        if rec.type == "quote":
            yield e, PROV.wasAttributedTo, ID[rec.fields["speaker"]], g
        q = f"{e[:-1]}-quote>"
        yield e, OA.hasSelector, q, g
        yield q, RDF.type, OA.TextQuoteSelector, g
        yield q, OA.exact, quote, g
        file = self.base.sources[ev.source].file
        if self.corpus is not None and file and ev.start is not None:
            text = self.corpus.text(file)
            yield q, OA.prefix, nt_literal(text[max(0, ev.start - CONTEXT_CHARS):ev.start]), g
            yield q, OA.suffix, nt_literal(text[ev.end:ev.end + CONTEXT_CHARS]), g
        if ev.start is not None:
            p = f"{e[:-1]}-position>"
            yield e, OA.hasSelector, p, g
            yield p, RDF.type, OA.TextPositionSelector, g
            yield p, OA.start, nt_literal(ev.start, datatype=_INTEGER), g
            yield p, OA.end, nt_literal(ev.end, datatype=_INTEGER), g
