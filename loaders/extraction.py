"""Run the extractors over a document and turn what they find into RDF in its own named graph.

Everything extracted from a document goes into ``g:extracted/<source-id>`` (never a curated
graph), each item typed with an nhs: class, marked ``nhs:origin "extracted:<extractor>@<version>"``
and given an evidence node with Web Annotation selectors (exact words, 32 characters either side,
start and end offsets into the document's text as stored). IRIs are made from the source id and
a hash of the item, so the same inputs give the same quads in every build.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, XSD

from nhskg.loaders.corpus import Corpus
from nhskg.loaders.documents import Document
from nhskg.loaders.extract import Item, candidates, legislation, mentions, paragraphs, quantities, quotations
from nhskg.loaders.extract.legislation import LawBook
from nhskg.loaders.extract.lexicon import Lexicon, lexicon_for
from nhskg.loaders.extract.text import Sentences
from nhskg.loaders.facts import FactBase
from nhskg.namespaces import EVIDENCE, FACT, ID, NHS, OA, extracted_graph

Quad = tuple[Any, Any, Any, Any]
CONTEXT_CHARS = 32
MODULES = (mentions, legislation, paragraphs, quotations, quantities, candidates)
VERSIONS = {m.NAME: m.VERSION for m in MODULES}
CLASS = {"mentions": NHS.Mention, "legislation": NHS.LegislationCitation, "paragraphs": NHS.ParagraphCitation,
         "quotations": NHS.Quotation, "quantities": NHS.Quantity, "candidates": NHS.CandidateEntity}


def origin(extractor: str) -> str:
    return f"extracted:{extractor}@{VERSIONS[extractor]}"


class Extractor:
    """The extractors bound to one registry (the lexicon and law book are built once)."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.lexicon: Lexicon = lexicon_for(base.entities)
        self.book = LawBook(base.entities)
        self.kinds: dict[str, tuple[str, ...]] = {rid: tuple(r.fields["kind"]) for rid, r in base.entities.items()}
        self.labels: dict[str, str] = {rid: r.fields["label"] for rid, r in base.entities.items()}

    def run(self, text: str, only: Iterable[str] | None = None) -> list[Item]:
        """Every item found in ``text`` (or only those of the named extractors)."""
        want = set(only or VERSIONS)
        sents = Sentences(text)
        ms = mentions.extract(text, self.lexicon)
        out: list[Item] = list(ms) if "mentions" in want else []
        leg = legislation.extract(text, self.lexicon, self.base.entities, sents, self.book) \
            if want & {"legislation", "candidates"} else []
        if "legislation" in want:
            out += leg
        if "paragraphs" in want:
            out += paragraphs.extract(text, {m.entity for m in ms if m.entity}, sents)
        if "quotations" in want:
            out += quotations.extract(text, ms, self.kinds, sents)
        if "quantities" in want:
            out += quantities.extract(text, ms, self.kinds, sents)
        if "candidates" in want:
            out += candidates.extract(text, [*ms, *leg])
        return sorted(out, key=lambda i: (i.start, i.end, i.extractor, i.key))


# ---------------------------------------------------------------- RDF

def item_iri(source_id: str, item: Item) -> URIRef:
    return FACT[f"extracted/{source_id}/{item.key}"]


def _lit(v: Any) -> Literal:
    if isinstance(v, bool):
        return Literal(v)
    if isinstance(v, int):
        return Literal(v, datatype=XSD.integer)
    if isinstance(v, float):
        return Literal(repr(v), datatype=XSD.decimal)
    return Literal(str(v))


def _date(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


def _span(e: URIRef, text: str, start: int, end: int, src: URIRef, g: URIRef) -> Iterator[Quad]:
    exact = text[start:end]
    yield e, RDF.type, NHS.Evidence, g
    yield e, OA.hasSource, src, g
    yield e, PROV.wasQuotedFrom, src, g
    yield e, NHS.quote, Literal(exact), g
    q, p = URIRef(f"{e}-quote"), URIRef(f"{e}-position")
    yield e, OA.hasSelector, q, g
    yield q, RDF.type, OA.TextQuoteSelector, g
    yield q, OA.exact, Literal(exact), g
    yield q, OA.prefix, Literal(text[max(0, start - CONTEXT_CHARS):start]), g
    yield q, OA.suffix, Literal(text[end:end + CONTEXT_CHARS]), g
    yield e, OA.hasSelector, p, g
    yield p, RDF.type, OA.TextPositionSelector, g
    yield p, OA.start, Literal(start, datatype=XSD.integer), g
    yield p, OA.end, Literal(end, datatype=XSD.integer), g


def item_quads(source_id: str, text: str, item: Item, labels: Mapping[str, str]) -> Iterator[Quad]:
    g = URIRef(extracted_graph(source_id))
    src = ID[source_id]
    s = item_iri(source_id, item)
    e = EVIDENCE[f"extracted/{source_id}/{item.key}"]
    d = item.data
    yield s, RDF.type, CLASS[item.extractor], g
    yield s, NHS.origin, Literal(origin(item.extractor)), g
    yield s, NHS.extractedFrom, src, g
    yield s, NHS.evidence, e, g
    yield from _span(e, text, item.start, item.end, src, g)
    label = item.text
    if item.extractor in {"mentions", "legislation"}:
        if item.entity:
            yield s, NHS.mentionOf, ID[item.entity], g
        for c in item.candidates:
            yield s, NHS.candidate, ID[c], g
        if "method" in d:
            yield s, NHS.resolution, Literal(d["method"]), g
        who = labels.get(item.entity or "", "unresolved: " + " / ".join(labels.get(c, c) for c in item.candidates))
        label = f"“{item.text}” → {who}"
    if item.extractor == "legislation":
        if d.get("iri"):
            yield s, NHS.citedLegislation, URIRef(d["iri"]), g
        yield s, NHS.legislationTitle, Literal(d["title"]), g
        if d.get("provision"):
            yield s, NHS.provisionLabel, Literal(d["provision"]), g
        label = f"cites {d.get('provision') + ' of ' if d.get('provision') else ''}{d['title']}: “{item.text}”"
    elif item.extractor == "paragraphs":
        para = ID[item.entity]
        yield s, NHS.citedParagraph, para, g
        yield s, NHS.citingDocument, src, g
        if item.entity not in labels:  # a paragraph the registry does not have yet
            yield para, RDF.type, NHS.Paragraph, g
            yield para, RDF.type, OWL.NamedIndividual, g
            yield para, NHS.paragraphNumber, Literal(d["number"]), g
            yield para, RDFS.label, Literal(f"Next steps paragraph {d['number']}", lang="en"), g
            yield para, NHS.partOf, ID[d["document"]], g
        s0, s1 = d["sentence"]
        sent = EVIDENCE[f"extracted/{source_id}/sentence-{s0}-{s1}"]
        yield s, NHS.citingSentence, sent, g
        yield from _span(sent, text, s0, s1, src, g)
        label = f"cites next steps paragraph {d['number']}"
    elif item.extractor == "quotations":
        yield s, NHS.speaker, ID[item.entity], g
        yield e, PROV.wasAttributedTo, ID[item.entity], g
        words = item.text if len(item.text) <= 60 else item.text[:57] + "…"
        label = f"{labels.get(item.entity, item.entity)}: “{words}”"
    elif item.extractor == "quantities":
        yield s, NHS.quantityKind, Literal(d["kind"]), g
        yield s, NHS.asWritten, Literal(item.text), g
        value = d.get("value")
        if d["kind"] in {"date"} and value:
            yield s, NHS.date, _date(value), g
            yield s, NHS.deadline, Literal(bool(d.get("deadline"))), g
        elif d["kind"] == "period":
            yield s, NHS.periodLabel, Literal(value), g
        elif value is not None:
            yield s, NHS.quantityValue, _lit(value), g
        if "of" in d and d["of"] is not None:
            yield s, NHS.quantityTotal, _lit(d["of"]), g
        if "approx" in d:
            yield s, NHS.approximate, Literal(bool(d["approx"])), g
        if d.get("problem"):
            yield s, RDFS.comment, Literal(d["problem"], lang="en"), g
        for a in d.get("about", []):
            yield s, NHS.quantityAbout, ID[a], g
        label = f"{d['kind']}: {item.text}"
    elif item.extractor == "candidates":
        yield s, NHS.candidateKind, Literal(d["kind"]), g
        yield s, NHS.occurrences, Literal(d["occurrences"], datatype=XSD.integer), g
        yield s, SKOSLABEL, Literal(item.text, lang="en"), g
        label = f"candidate {d['kind'] if d['kind'] != 'unknown' else 'entity'}: {item.text}"
    yield s, RDFS.label, Literal(label, lang="en"), g


SKOSLABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def source_quads(doc: Document) -> Iterator[Quad]:
    """The description of an ingested document, kept in its own extracted graph."""
    g = URIRef(extracted_graph(doc.source_id))
    s = ID[doc.source_id]
    yield s, RDF.type, NHS.SourceDocument, g
    title = doc.title or doc.file_name
    yield s, DCTERMS.title, Literal(title, lang="en"), g
    yield s, RDFS.label, Literal(title, lang="en"), g
    yield s, NHS.fileName, Literal(doc.file_name), g
    yield s, NHS.sha256, Literal(doc.sha256), g
    yield s, NHS.textEncoding, Literal(doc.encoding), g
    yield s, NHS.genre, Literal("ingested-document"), g
    if doc.date:
        try:
            yield s, DCTERMS.issued, _date(doc.date), g
        except KeyError:
            yield s, DCTERMS.date, Literal(doc.date), g
    for a in doc.authors:
        yield s, NHS.authorName, Literal(a), g
    if doc.publisher:
        yield s, NHS.publisherName, Literal(doc.publisher), g
    if doc.url:
        yield s, NHS.sourceUrl, Literal(doc.url, datatype=XSD.anyURI), g
        yield s, FOAF.page, URIRef(doc.url), g


def document_quads(extractor: Extractor, source_id: str, text: str, doc: Document | None = None,
                   items: list[Item] | None = None) -> list[Quad]:
    """All quads for one document: its items (and, for an ingested document, its description)."""
    labels = extractor.labels
    quads: list[Quad] = list(source_quads(doc)) if doc is not None else []
    for item in extractor.run(text) if items is None else items:
        quads.extend(item_quads(source_id, text, item, labels))
    return quads


# ---------------------------------------------------------------- the build stage

def corpus_documents(base: FactBase, corpus: Corpus | None) -> Iterator[tuple[str, str]]:
    """(source id, text) of each curated source whose file is in the corpus folder."""
    if corpus is None:
        return
    for src in sorted(base.sources.values(), key=lambda s: s.id):
        if src.file and (corpus.root / src.file).is_file():
            yield src.id, corpus.text(src.file)


def extracted_quads(base: FactBase, corpus: Corpus | None, out: Path | None = None) -> list[Quad]:
    """The build's extraction: every corpus document, then every document ingested under ``out``."""
    from nhskg.loaders import ingest

    extractor = Extractor(base)
    quads: list[Quad] = []
    corpus_ids = set()
    for sid, text in corpus_documents(base, corpus):
        corpus_ids.add(sid)
        quads.extend(document_quads(extractor, sid, text))
    if out is not None:
        for doc in ingest.registered(out):
            if doc.source_id not in corpus_ids:
                quads.extend(document_quads(extractor, doc.source_id, doc.text, doc))
    return quads


# ---------------------------------------------------------------- speed

@dataclass
class BenchResult:
    documents: int
    megabytes: float
    seconds: float
    items: int

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds


def generated_corpus(n_docs: int, corpus: Corpus | None, base: FactBase, seed: int = 7) -> Iterator[str]:
    """``n_docs`` documents made by shuffling the paragraphs of the real corpus (so the mix of names,
    citations and quotations is realistic), 1 to 8 paragraphs each."""
    import random

    rng = random.Random(seed)
    paras: list[str] = []
    for _, text in corpus_documents(base, corpus):
        paras.extend(p for p in text.split("\n\n") if p.strip())
    if not paras:
        paras = ["Sir Chris Ham said the 2012 Act and section 75 of the 2012 Act matter (2.40)."]
    for _ in range(n_docs):
        yield "\n\n".join(rng.choice(paras) for _ in range(rng.randint(1, 8)))


def bench(n_docs: int = 10_000, base: FactBase | None = None, corpus: Corpus | None = None,
          rdf: bool = True) -> BenchResult:
    """Extraction speed over a generated corpus: documents/s and MB/s (text in, items or quads out).

    Called by the benchmark script; ``rdf`` includes turning the items into quads.
    """
    if base is None:
        from nhskg.graph.ontology import entity_kinds
        from nhskg.loaders.corpus import find_corpus
        from nhskg.loaders.facts import load_factbase
        from nhskg.paths import FACTS_DIR, PROJECT_ROOT
        base = load_factbase(FACTS_DIR, set(entity_kinds()))
        if corpus is None:
            found = find_corpus(None, PROJECT_ROOT)
            corpus = Corpus(found) if found else None
    docs = list(generated_corpus(n_docs, corpus, base))
    size = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    extractor = Extractor(base)
    t0 = time.perf_counter()
    count = 0
    for i, text in enumerate(docs):
        if rdf:
            count += len(document_quads(extractor, f"bench-{i}", text))
        else:
            count += len(extractor.run(text))
    return BenchResult(len(docs), size, time.perf_counter() - t0, count)
