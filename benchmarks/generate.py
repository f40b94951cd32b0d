"""Seeded synthetic corpora shaped like the real one, at a target triple count.

The output is a facts folder in the project's schema (``sources.yaml``, ``entities/*.yaml``,
``statements/*.yaml``) plus a corpus folder of generated texts, so the real build pipeline runs on
it unchanged: every quote is verbatim in its text at the offset the YAML gives, sha256 sums match,
every reference resolves. The mix of kinds and statement types, the skew of references (a few
bodies, like NHS England, appear in many facts) and the quirks of the real texts (curly quotes,
non-breaking spaces) follow the five-document corpus, scaled up.

    python benchmarks/generate.py --triples 100k --out /tmp/bench-100k [--seed 7]

The size is reached by calibration: the real mapper is run on two small samples and the triples
per record measured, so the generator stays on target when the mapping changes (the actual count
is whatever the build reports, printed by ``benchmarks/run.py``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.names import REGIME_NAMES, STANCE_VERBS, Namer  # noqa: E402

# Entities per 100 (Regime is fixed: the real world has a handful of regimes, not thousands).
ENTITY_MIX: dict[tuple[str, ...], float] = {
    ("Proposal",): 18, ("Event",): 8, ("Paragraph",): 6, ("Provision",): 5, ("Function",): 6, ("Duty",): 5,
    ("Power",): 3, ("Person",): 13, ("Role",): 1, ("Office",): 2, ("Place",): 3, ("Footprint",): 3,
    ("Document",): 4, ("Act",): 1, ("StatutoryInstrument",): 1, ("Bill",): 0.3, ("NHSBody",): 3,
    ("NHSBody", "Commissioner"): 3, ("Provider",): 3, ("Company", "Provider"): 1, ("Regulator",): 1,
    ("Partnership",): 3, ("Committee",): 2, ("ThinkTank",): 1, ("LocalGovernment",): 1, ("MediaOrganisation",): 0.5,
    ("AcademicInstitution",): 0.5, ("GovernmentDepartment",): 0.3, ("MembershipBody",): 0.5,
}
# Statements per 100.
STATEMENT_MIX: dict[str, float] = {"holds": 28, "stance": 14, "relation": 14, "member": 8, "event": 7, "quote": 8,
                                   "concern": 5, "change": 7, "population": 3, "cites": 6}
STATEMENTS_PER_ENTITY = 1.35
RECORDS_PER_DOCUMENT = 120
RECORDS_PER_FILE = 400
PUBLIC_SOURCES = ["leg-hsca-2012", "leg-hca-2022", "leg-psr-2023", "gov-white-paper-2021", "nhse-next-steps-2020",
                  "ons-population-2020"]
BODY_KINDS = {"NHSBody", "Commissioner", "Provider", "Regulator", "Partnership", "Committee", "ThinkTank",
              "LocalGovernment", "MediaOrganisation", "AcademicInstitution", "GovernmentDepartment",
              "MembershipBody", "Company", "Office"}
RELATIONS: list[tuple[str, str, str]] = [  # predicate, subject pool, object pool
    ("covers", "body", "place"), ("part-of", "body", "partnership"), ("accountable-to", "body", "body"),
    ("works-for", "person", "body"), ("publishes", "body", "document"), ("leads", "person", "body"),
    ("established-by", "body", "law"), ("commissions-from", "body", "body"), ("proposes", "body", "proposal"),
    ("collaborates-with", "body", "body"), ("succeeds", "body", "body"), ("author-of", "person", "document"),
    ("located-in", "place", "place"), ("regulates", "body", "body"), ("cites", "document", "document"),
]
SIZES = {"k": 1_000, "m": 1_000_000}
# Entity data files by theme, as a curator would keep them (bodies are the default).
FILE_GROUP = {"Person": "people", "Role": "people", "Duty": "positions", "Power": "positions", "Function": "positions",
              "Proposal": "proposals", "Regime": "proposals", "Event": "events", "Place": "places",
              "Footprint": "places", "Act": "law", "Provision": "law", "StatutoryInstrument": "law", "Bill": "law",
              "Document": "documents", "Paragraph": "documents"}


def parse_size(text: str) -> int:
    """'1k' -> 1000, '1m' -> 1000000, '2500' -> 2500."""
    t = text.strip().lower()
    if t and t[-1] in SIZES:
        return int(float(t[:-1]) * SIZES[t[-1]])
    return int(t)


def slugify(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "x"


@dataclass
class Ev:
    """One piece of evidence; ``start`` is filled in when the document text is laid out."""

    source: str
    quote: str | None = None
    note: str | None = None
    start: int | None = None


@dataclass
class Rec:
    id: str
    type: str                       # "entity" or a statement type
    fields: dict[str, Any]
    evidence: list[Ev] = field(default_factory=list)
    group: str = ""                 # kind or statement type, in lower case
    file: str = ""                  # the data file group it is written to


class World:
    """Everything one synthetic corpus holds, built record by record from one seeded RNG."""

    def __init__(self, records: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = Namer(self.rng)
        self.n_entities = max(60, round(records / (1 + STATEMENTS_PER_ENTITY)))
        self.n_statements = max(60, records - self.n_entities)
        self.n_docs = max(5, round(records / RECORDS_PER_DOCUMENT))
        self.entities: list[Rec] = []
        self.statements: list[Rec] = []
        self.pools: dict[str, list[Rec]] = {}
        self.slugs: set[str] = set(PUBLIC_SOURCES)
        self.docs: list[dict[str, Any]] = []
        self.doc_quotes: dict[str, list[Ev]] = {}

    # ---------------------------------------------------------------- helpers
    def new_id(self, base: str) -> str:
        slug, n = slugify(base)[:60].strip("-"), 2
        candidate = slug
        while candidate in self.slugs:
            candidate = f"{slug}-{n}"
            n += 1
        self.slugs.add(candidate)
        return candidate

    def pick(self, pool: str, skew: float = 2.2) -> Rec:
        """A skewed draw: low indices (the big national bodies) come up far more often."""
        items = self.pools[pool]
        return items[int(len(items) * self.rng.random() ** skew)]

    def label(self, rid: str) -> str:
        return self.by_id[rid].fields["label"]

    def cite(self, rec: Rec, sentence: str) -> None:
        """Evidence: the sentence as a quote in one document, sometimes a second one or a public page."""
        r = self.rng
        words = sentence.split(" ")
        if len(words) > 30:
            sentence = " ".join(words[:30])
        if r.random() < 0.03:  # the real texts have stray non-breaking spaces
            i = sentence.find(" ", len(sentence) // 2)
            if i > 0:
                sentence = sentence[:i] + "\u00a0" + sentence[i + 1:]
        doc = self.docs[int(len(self.docs) * r.random())]["id"]
        rec.evidence.append(self._quote(doc, sentence))
        if r.random() < 0.12:
            other = self.docs[int(len(self.docs) * r.random())]["id"]
            rec.evidence.append(self._quote(other, sentence))
        if r.random() < 0.05:
            rec.evidence.append(Ev(r.choice(PUBLIC_SOURCES), note=f"see the public record for {rec.id}"))

    def _quote(self, doc: str, sentence: str) -> Ev:
        ev = Ev(doc, quote=sentence)
        self.doc_quotes[doc].append(ev)
        return ev

    # ---------------------------------------------------------------- entities
    def make_documents(self) -> None:
        for i in range(self.n_docs):
            genre = self.rng.choice(["news-article", "newsletter", "speech-transcript", "consultation-response",
                                     "report"])
            did = f"doc-{i:05d}"
            self.slugs.add(did)
            self.docs.append({"id": did, "file": f"{i:05d}_{hashlib.sha1(did.encode()).hexdigest()[:16]}.txt",
                              "genre": genre, "date": f"{2012 + i % 11}-{1 + i % 12:02d}"})
            self.doc_quotes[did] = []

    def make_entities(self) -> None:
        total = sum(ENTITY_MIX.values())
        plan: list[tuple[str, ...]] = [("Regime",)] * len(REGIME_NAMES)
        for kinds, weight in ENTITY_MIX.items():
            plan += [kinds] * max(1, round(self.n_entities * weight / total))
        for kinds in plan:
            self.entities.append(self._entity(kinds))
        self.by_id = {e.id: e for e in self.entities}
        for rec in self.entities:
            self._entity_extras(rec)
            self.cite(rec, self._entity_sentence(rec))

    def _entity(self, kinds: tuple[str, ...]) -> Rec:
        main = kinds[-1] if kinds[0] == "NHSBody" and len(kinds) > 1 else kinds[0]
        n = self.names
        if main == "Regime":
            label = REGIME_NAMES[len(self.pools.get("regime", []))]
        elif main == "Person":
            label = n.person()
        elif main in ("Duty", "Power", "Function"):
            label = n.position(main)
        elif main == "Proposal":
            label = n.proposal()
        elif main in ("Place", "Footprint"):
            label = n.unique(n.place() + (" footprint" if main == "Footprint" else ""))
        elif main in ("Act", "Bill", "StatutoryInstrument"):
            year = 1990 + self.rng.randrange(33)
            label = n.unique(f"{n.place()} Health {'Regulations' if main == 'StatutoryInstrument' else main} {year}")
        elif main == "Provision":
            label = n.unique(f"section {self.rng.randrange(1, 300)}")
        elif main == "Paragraph":
            label = n.unique(f"paragraph {self.rng.randrange(1, 5)}.{self.rng.randrange(1, 60)}")
        elif main == "Document":
            label = n.unique(f"{n.place()} {self.rng.choice(['review', 'plan', 'strategy', 'guidance'])}")
        elif main == "Event":
            label = n.unique(f"{n.place()} {self.rng.choice(['summit', 'consultation', 'vote', 'launch'])}")
        elif main == "Role":
            label = n.unique(self.rng.choice(["chief executive", "chair", "policy director", "professor",
                                              "correspondent", "medical director"]))
        else:
            label = n.body(main)
        rid = self.new_id(("para-" + label.split()[-1].replace(".", "-")) if main == "Paragraph" else label)
        rec = Rec(rid, "entity", {"kind": list(kinds) if len(kinds) > 1 else kinds[0], "label": label},
                  group=main.lower())
        rec.file = FILE_GROUP.get(main, "bodies")
        for pool in self._pools_of(main):
            self.pools.setdefault(pool, []).append(rec)
        return rec

    @staticmethod
    def _pools_of(kind: str) -> list[str]:
        pools = [kind.lower()]
        if kind in BODY_KINDS:
            pools.append("body")
        if kind in ("Duty", "Power", "Function"):
            pools.append("position")
        if kind in ("Place", "Footprint"):
            pools.append("place")
        if kind in ("Act", "Provision", "StatutoryInstrument"):
            pools.append("law")
        if kind in ("Person",) or kind in BODY_KINDS:
            pools.append("actor")
        if kind in ("Proposal", "Act", "Bill"):
            pools.append("target")
        return pools

    def _entity_extras(self, rec: Rec) -> None:
        f, r, kind = rec.fields, self.rng, rec.group
        words = [w for w in re.split(r"\W+", f["label"]) if w]
        if kind not in ("person", "paragraph", "provision", "regime") and r.random() < 0.35 and len(words) > 1:
            f["alt"] = ["".join(w[0].upper() for w in words)]
        if r.random() < 0.6:
            f["definition"] = f"A {kind} named in the synthetic corpus, used for benchmarking the build."
        if kind in ("act", "statutoryinstrument"):
            f["same_as"] = [f"http://www.legislation.gov.uk/id/ukpga/{r.randrange(1990, 2023)}/{r.randrange(1, 60)}"]
            f["date"] = f"{r.randrange(1990, 2023)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"
        elif kind == "provision":
            f["part_of"] = self.pick("act", 1).id
        elif kind == "paragraph" and "document" in self.pools:
            f["part_of"] = self.pick("document", 1).id
        elif kind == "proposal" and r.random() < 0.3:
            f["part_of"] = self.pick("proposal").id
        elif kind in ("event", "document"):
            f["date"] = f"{r.randrange(2012, 2023)}-{r.randrange(1, 13):02d}"
        elif kind == "regime":
            f["notation"] = f"R{self.pools['regime'].index(rec) + 1}"

    def _entity_sentence(self, rec: Rec) -> str:
        f = rec.fields
        alt = f" (“{f['alt'][0]}”)" if "alt" in f else ""
        return f"{f['label']}{alt} is one of the {rec.group} entities the reforms name."

    # ---------------------------------------------------------------- statements
    def make_statements(self) -> None:
        total = sum(STATEMENT_MIX.values())
        for stype, weight in STATEMENT_MIX.items():
            for i in range(max(1, round(self.n_statements * weight / total))):
                rec = Rec(f"{stype}-{i:06d}", stype, {}, group=stype, file=stype)
                self.slugs.add(rec.id)
                sentence = getattr(self, f"_st_{stype}")(rec.fields)
                self.cite(rec, sentence)
                self.statements.append(rec)

    def _st_holds(self, f: dict[str, Any]) -> str:
        holder, pos, regime = self.pick("body"), self.pick("position", 1.3), self.pick("regime", 1)
        f.update(holder=holder.id, position=pos.id, regime=regime.id)
        basis = ""
        if self.rng.random() < 0.5:
            law = self.pick("law", 1.5)
            f["basis"] = law.id
            basis = f" under {law.fields['label']}"
        return f"Under {regime.fields['label']}, {holder.fields['label']} would hold the {pos.fields['label']}{basis}."

    def _st_stance(self, f: dict[str, Any]) -> str:
        holder, target = self.pick("actor"), self.pick("target", 1.5)
        stance = self.rng.choice(sorted(STANCE_VERBS))
        f.update(holder=holder.id, stance=stance, target=target.id)
        if self.rng.random() < 0.2:
            f["regime"] = self.pick("regime", 1).id
        return f"{holder.fields['label']} {STANCE_VERBS[stance]} the {target.fields['label']}, calling it “a huge mistake”."

    def _st_relation(self, f: dict[str, Any]) -> str:
        pred, sp, op = self.rng.choice(RELATIONS)
        subj, obj = self.pick(sp), self.pick(op)
        f.update(subject=subj.id, predicate=pred, object=obj.id)
        return f"{subj.fields['label']} {pred.replace('-', ' ')} {obj.fields['label']}, the text says."

    def _st_member(self, f: dict[str, Any]) -> str:
        person, org = self.pick("person", 1), self.pick("body")
        f.update(member=person.id, organisation=org.id)
        role = ""
        if self.rng.random() < 0.6:
            r = self.pick("role", 1)
            f["role"] = r.id
            role = f", {r.fields['label']} of"
        return f"{person.fields['label']}{role} {org.fields['label']} said the plan was welcome."

    def _st_event(self, f: dict[str, Any]) -> str:
        event = self.pick("event", 1)
        date = f"{self.rng.randrange(2012, 2023)}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}"
        f.update(event=event.id, date=date)
        who = [self.pick("actor").id for _ in range(self.rng.randrange(0, 3))]
        if who:
            f["participants"] = sorted(set(who))
        return f"The {event.fields['label']} took place on {date}."

    def _st_quote(self, f: dict[str, Any]) -> str:
        speaker = self.pick("person", 1.5)
        f["speaker"] = speaker.id
        if self.rng.random() < 0.6:
            f["about"] = [self.pick("target").id]
        return f"“We cannot impose one national blueprint on every system,” said {speaker.fields['label']}."

    def _st_concern(self, f: dict[str, Any]) -> str:
        who, about = self.pick("actor"), self.pick("proposal", 1.5)
        f.update(raised_by=[who.id], about=[about.id], summary=f"{who.fields['label']} fears the "
                 f"{about.fields['label']} weakens accountability", answered=self.rng.choice(["no", "partly", "yes"]))
        return f"{who.fields['label']} warned that the {about.fields['label']} would weaken local accountability."

    def _st_change(self, f: dict[str, Any]) -> str:
        subj, target = self.pick("target", 1.5), self.pick("body")
        action = self.rng.choice(["repeals", "amends", "creates", "abolishes", "transfers", "merges", "renames"])
        f.update(subject=subj.id, action=action, target=target.id)
        if action == "merges" and self.rng.random() < 0.5:
            f["into"] = self.pick("body").id
        return f"The {subj.fields['label']} {action} {target.fields['label']}."

    def _st_population(self, f: dict[str, Any]) -> str:
        place = self.pick("place", 1)
        value = self.rng.randrange(100, 3000) * 1000
        written = f"{value / 1e6:.1f} million" if value >= 1e6 else f"{value:,}"
        f.update(place=place.id, value=value, approx=self.rng.random() < 0.7, as_written=written)
        return f"{place.fields['label']} serves a population of about {written}."

    def _st_cites(self, f: dict[str, Any]) -> str:
        para = self.pick("paragraph", 1)
        f.update(paragraph=para.id, about="the consultation's case for statutory integrated care systems")
        return f"As the consultation document says ({para.fields['label'].split()[-1]}), systems will be statutory."

    # ---------------------------------------------------------------- texts
    def layout_documents(self) -> dict[str, str]:
        """Write each document's text around its quotes and record every quote's offset."""
        texts = {}
        for doc in self.docs:
            parts = [f"Synthetic document {doc['id']} ({doc['genre']})\n\n"]
            pos = len(parts[0])
            quotes = self.doc_quotes[doc["id"]]
            for n, ev in enumerate(quotes):
                lead = self.names.filler(self.rng.randrange(6, 18)) + " "
                parts.append(lead)
                pos += len(lead)
                ev.start = pos
                parts.append(ev.quote)
                pos += len(ev.quote)
                tail = "\n\n" if n % 5 == 4 else " "
                parts.append(tail)
                pos += len(tail)
            parts.append(self.names.filler(12) + "\n")
            texts[doc["file"]] = "".join(parts)
        return texts

    def build(self) -> dict[str, str]:
        self.make_documents()
        self.make_entities()
        self.make_statements()
        texts = self.layout_documents()
        media = self.pools.get("mediaorganisation") or self.pools["body"]
        for doc in self.docs:
            doc["publisher"] = media[int(len(media) * self.rng.random())].id
            doc["authors"] = [self.pick("person").id]
        return texts


# -------------------------------------------------------------------- YAML writing
def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML); nbsp written as the facts do."""
    return json.dumps(text, ensure_ascii=False).replace("\u00a0", "\\u00a0")


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_q(x) for x in v) + "]"
    return _q(v)


def record_yaml(rec: Rec) -> str:
    lines = [f"- id: {rec.id}"]
    if rec.type != "entity":
        lines.append(f"  type: {rec.type}")
    for k, v in rec.fields.items():
        lines.append(f"  {k}: {v if k == 'kind' and isinstance(v, str) else _value(v)}")
    lines.append("  evidence:")
    for ev in rec.evidence:
        lines.append(f"    - source: {ev.source}")
        if ev.start is not None:
            lines.append(f"      start: {ev.start}")
        if ev.quote is not None:
            lines.append(f"      quote: {_q(ev.quote)}")
        if ev.note is not None:
            lines.append(f"      note: {_q(ev.note)}")
    return "\n".join(lines) + "\n"


def _write_groups(folder: Path, records: list[Rec]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Rec]] = {}
    for rec in records:
        groups.setdefault(rec.file, []).append(rec)
    files = 0
    for group, recs in sorted(groups.items()):
        for i in range(0, len(recs), RECORDS_PER_FILE):
            chunk = recs[i:i + RECORDS_PER_FILE]
            head = f"# Synthetic {group} records {i + 1}-{i + len(chunk)} (benchmarks/generate.py)\n\n"
            (folder / f"{group}-{i // RECORDS_PER_FILE:03d}.yaml").write_text(
                head + "\n".join(record_yaml(r) for r in chunk), encoding="utf-8")
            files += 1
    return files


def write(world: World, texts: dict[str, str], out: Path) -> dict[str, Any]:
    """Write facts/ and corpus/ under ``out``; return the manifest (also written as manifest.json)."""
    if out.exists():
        shutil.rmtree(out)
    facts, corpus = out / "facts", out / "corpus"
    corpus.mkdir(parents=True)
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    lines = []
    for doc in world.docs:
        sha = hashlib.sha256(texts[doc["file"]].encode("utf-8")).hexdigest()
        lines += [f"- id: {doc['id']}", f"  file: {doc['file']}", f"  sha256: {sha}",
                  f"  title: {_q('Synthetic ' + doc['genre'] + ' ' + doc['id'])}", f"  genre: {doc['genre']}",
                  f"  publisher: {doc['publisher']}", f"  authors: [{', '.join(doc['authors'])}]",
                  f"  date: {doc['date']}"]
    for sid in PUBLIC_SOURCES:
        lines += [f"- id: {sid}", f"  url: https://example.org/public/{sid}", f"  title: {_q('Public page ' + sid)}",
                  "  genre: legislation"]
    facts.mkdir(parents=True)
    (facts / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = _write_groups(facts / "entities", world.entities) + _write_groups(facts / "statements", world.statements)
    manifest = {
        "records": len(world.entities) + len(world.statements), "entities": len(world.entities),
        "statements": len(world.statements), "documents": len(world.docs), "data_files": files,
        "corpus_chars": sum(len(t) for t in texts.values()),
        "quotes": sum(len(v) for v in world.doc_quotes.values()),
        "samples": {pool: [r.id for r in recs[:3]] for pool, recs in sorted(world.pools.items())},
        "labels": {r.id: r.fields["label"] for recs in world.pools.values() for r in recs[:3]},
        "facts": {r.type: r.id for r in reversed(world.statements)},
        "sources": [d["id"] for d in world.docs[:3]],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def generate_records(records: int, out: Path, seed: int = 7) -> dict[str, Any]:
    world = World(records, seed)
    texts = world.build()
    return write(world, texts, out)


# -------------------------------------------------------------------- calibration
def count_triples(folder: Path) -> int:
    """Distinct triples the real build would load for a generated folder (mapper + ontology + VoID)."""
    from importlib.metadata import version

    from nhskg.graph.build import ontology_quads
    from nhskg.graph.mapping import Mapper
    from nhskg.graph.ontology import entity_kinds
    from nhskg.graph.void import describe
    from nhskg.loaders.corpus import Corpus
    from nhskg.loaders.facts import load_factbase

    corpus = Corpus(folder / "corpus")
    base = load_factbase(folder / "facts", set(entity_kinds()))
    quads = ontology_quads() + list(Mapper(base, corpus).quads())
    quads += list(describe(quads, version("nhskg")))
    return len({q[:3] for q in quads})


def calibrate(work: Path, seed: int = 7) -> tuple[float, float]:
    """(fixed triples, triples per record), from two small samples through the real mapper."""
    points = []
    for n in (300, 900):
        folder = work / f"calibrate-{n}"
        generate_records(n, folder, seed)
        points.append((n, count_triples(folder)))
        shutil.rmtree(folder, ignore_errors=True)
    (n1, t1), (n2, t2) = points
    per = (t2 - t1) / (n2 - n1)
    return t1 - per * n1, per


def generate(triples: int, out: Path, seed: int = 7, calibration: tuple[float, float] | None = None) -> dict[str, Any]:
    """Generate a corpus of about ``triples`` triples under ``out``."""
    fixed, per = calibration or calibrate(out.parent / f".calibration-{seed}", seed)
    records = max(100, round((triples - fixed) / per))
    manifest = generate_records(records, out, seed)
    manifest.update(target_triples=triples, seed=seed, calibration={"fixed": round(fixed, 1),
                                                                    "per_record": round(per, 3)})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", default="10k", help="target size: 1k, 10k, 100k, 1m or a number")
    ap.add_argument("--out", type=Path, required=True, help="folder to write facts/ and corpus/ into")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    m = generate(parse_size(args.triples), args.out, args.seed)
    print(json.dumps({k: m[k] for k in ("records", "entities", "statements", "documents", "data_files",
                                        "target_triples", "calibration")}, indent=1))


if __name__ == "__main__":
    main()
