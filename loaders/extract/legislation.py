"""Legislation citations: Acts, regulations, Bills and their sections, linked to legislation.gov.uk.

Forms found: full titles ("Public Contracts Regulations 2015", "the 2012 Health and Social Care
Act"), short forms ("the 2012 Act", "HSCA 2012"), provisions with their Act ("section 75 of the
2012 Act", "s 75 of the NHS Act", "sections 75-77 of the 2012 Act"), registry names ("s.75",
"the section 75 regulations"), and a bare "section N" when the same sentence names one Act.
A section followed by "above" or "below", or after "see", is a cross-reference inside the
document, not law, and is skipped.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from nhskg.loaders.extract import Item
from nhskg.loaders.extract.lexicon import Lexicon, leftmost_longest
from nhskg.loaders.extract.text import Sentences, fold

NAME = "legislation"
VERSION = "1.0"
LEG = "http://www.legislation.gov.uk/id/"
LEGISLATION_KINDS = {"Act", "StatutoryInstrument", "Bill", "Provision"}

# Well-known titles (normalised) -> legislation.gov.uk id path. The registry's same_as adds more.
BUILTIN: dict[str, str] = {
    "nhs act 2006": "ukpga/2006/41",
    "health and social care act 2012": "ukpga/2012/7",
    "health and care act 2022": "ukpga/2022/31",
    "health and social care act 2008": "ukpga/2008/14",
    "health act 2009": "ukpga/2009/21",
    "care act 2014": "ukpga/2014/23",
    "nhs and community care act 1990": "ukpga/1990/19",
    "equality act 2010": "ukpga/2010/15",
    "localism act 2011": "ukpga/2011/20",
    "freedom of information act 2000": "ukpga/2000/36",
    "public contracts regulations 2015": "uksi/2015/102",
    "nhs (procurement, patient choice and competition) (no.2) regulations 2013": "uksi/2013/500",
    "health care services (provider selection regime) regulations 2023": "uksi/2023/1348",
}

_TITLE_WORD = r"(?:[A-Z][\w'’.-]*|\((?:[A-Z][\w'’.,-]*(?:\s+(?:[A-Z][\w'’.,-]*|and|of|for))*|No\.\s?\d+)\))"
_JOIN = r"(?:\s+(?:and|of|for|the|on)\s+|\s+)"
TITLE = re.compile(
    rf"(?:(?P<det>\b[Tt]he|\ban?)\s+)?(?:(?P<pre>\d{{4}})\s+)?(?P<title>{_TITLE_WORD}(?:{_JOIN}{_TITLE_WORD})*?)"
    rf"\s+(?P<type>Act|Regulations|Order|Bill)\b(?:\s+(?P<year>\d{{4}}))?")
SHORT = re.compile(r"\b(?P<det>[Tt]he)\s+(?P<year>\d{4})\s+(?P<type>Act|Regulations)\b")
PROVISION = re.compile(
    r"(?<![\w’'])(?P<word>[Ss]ections?|ss?\.|s(?=\s\d))\s?(?P<num>\d+[A-Z]{0,3})(?P<sub>(?:\(\d+[a-z]?\))*)"
    r"(?:\s?(?:-|–|to)\s?(?P<num2>\d+[A-Z]{0,3}))?")
OF_ACT = re.compile(r"\s+of\s+(?:the\s+)?")


@dataclass(frozen=True)
class Law:
    """An Act, instrument or Bill: registry id (if any), legislation.gov.uk IRI (if known), title."""

    entity: str | None
    iri: str | None
    title: str


def norm(title: str) -> str:
    t = re.sub(r"\s+", " ", fold(title)).strip().lower()
    t = re.sub(r"^the ", "", t)
    t = t.replace("national health service", "nhs").replace("(no. ", "(no.")
    return t


class LawBook:
    """Resolves titles and short forms to Laws, from the built-in table and the registry."""

    def __init__(self, entities: Mapping[str, object]) -> None:
        self.by_title: dict[str, Law] = {k: Law(None, LEG + v, k) for k, v in BUILTIN.items()}
        self.provisions: dict[tuple[str, str], str] = {}  # (act iri, number) -> registry id
        self.names: dict[str, Law] = {}                  # folded registry name -> Law
        for rid, rec in entities.items():
            f = rec.fields  # type: ignore[attr-defined]
            kinds = set(f["kind"])
            if not kinds & LEGISLATION_KINDS:
                continue
            iri = next((s for s in f.get("same_as", []) if "legislation.gov.uk" in s), None)
            if iri and "/id/" in iri:
                iri = LEG + iri.split("/id/", 1)[1]
            law = Law(rid, iri, f["label"])
            for name in [f["label"], *f.get("alt", [])]:
                self.names[fold(name)] = law
                if "Provision" not in kinds:
                    self.by_title.setdefault(norm(name), law)
            if "Provision" not in kinds and iri:
                for key, other in list(self.by_title.items()):
                    if other.iri == iri and other.entity is None:
                        self.by_title[key] = law
            if "Provision" in kinds and iri and "/section/" in iri:
                act_iri, num = iri.rsplit("/section/", 1)
                self.provisions[(act_iri, num)] = rid
        self.by_year: dict[str, list[Law]] = {}
        for key, law in self.by_title.items():
            m = re.search(r"\bact (\d{4})$", key)
            if m and law not in self.by_year.setdefault(m.group(1), []):
                self.by_year[m.group(1)].append(law)

    def law(self, title: str) -> Law:
        key = norm(title)
        return self.by_title.get(key) or Law(None, None, re.sub(r"\s+", " ", fold(title)).strip())

    def year_act(self, year: str) -> Law | None:
        """'the 2012 Act': the one known Act of that year, if there is exactly one."""
        acts = {law.iri or law.title: law for law in self.by_year.get(year, [])}
        return next(iter(acts.values())) if len(acts) == 1 else None

    def provision(self, law: Law, num: str) -> tuple[str | None, str | None]:
        """(registry id, IRI) of a numbered section (or, in an instrument, regulation) of ``law``."""
        if not law.iri:
            return None, None
        part = "regulation" if "/uksi/" in law.iri else "section"
        return self.provisions.get((law.iri, num)), f"{law.iri}/{part}/{num}"


def _acts(text: str, book: LawBook) -> list[tuple[int, int, Law]]:
    found: list[tuple[int, int, Law]] = []
    for m in SHORT.finditer(text):
        law = book.year_act(m.group("year")) if m.group("type") == "Act" else None
        if law:
            found.append((m.start(), m.end(), law))
    for m in _titles(text):
        if (m.group("det") or "").lower() in {"a", "an"}:
            continue
        title, kind = m.group("title"), m.group("type")
        if title.split()[0].lower() in {"this", "that"}:
            continue
        year = m.group("year") or m.group("pre") or ""
        law = book.law(f"{title} {kind} {year}".strip())
        if law.iri is None and law.entity is None and not year and kind != "Bill":
            continue  # "Care Act" with no year and unknown: too vague to cite
        start = m.start("pre") if m.group("pre") else m.start("title")
        if m.group("det") and m.group("pre"):
            start = m.start("det")
        found.append((start, m.end(), law))
    return leftmost_longest(found)


KEYWORD = re.compile(r"\b(?:Act|Regulations|Order|Bill)\b")


def _titles(text: str):
    """TITLE matches, searched only in a window before each keyword (the full scan is slow)."""
    seen = set()
    for k in KEYWORD.finditer(text):
        line_start = text.rfind("\n", 0, k.start()) + 1
        for m in TITLE.finditer(text, max(line_start, k.start() - 200), min(len(text), k.end() + 6)):
            if m.start("type") == k.start() and m.span() not in seen:
                seen.add(m.span())
                yield m


def extract(text: str, lexicon: Lexicon, entities: Mapping[str, object], sentences: Sentences | None = None,
            book: LawBook | None = None) -> list[Item]:
    book = book or LawBook(entities)
    sentences = sentences or Sentences(text)
    acts = _acts(text, book)
    items: list[Item] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, law_entity: str | None, iri: str | None, title: str, provision: str | None):
        items.append(Item(NAME, start, end, text[start:end], law_entity, (),
                          {"iri": iri, "title": title, "provision": provision}))
        taken.append((start, end))

    named = [(a, b, book.names[n.text]) for a, b, n in lexicon.find(text) if n.text in book.names]
    for m in PROVISION.finditer(text):
        s, e = m.span()
        if any(a <= s and e <= b and b - a > e - s for a, b, _ in named):
            continue  # part of a longer registry name ("the section 75 regulations")
        after = text[e:e + 12].lower()
        if re.match(r"\s*(above|below)\b", after) or re.search(r"\bsee\s+$", text[max(0, s - 5):s].lower()):
            continue  # a cross-reference inside the document
        num, label = m.group("num"), f"section {m.group('num')}"
        law: Law | None = None
        end = e
        of = OF_ACT.match(text, e)
        if of:
            nxt = [(a, b, lw) for a, b, lw in acts if of.start() < a <= of.end() + 4]
            if nxt:
                _, end, law = nxt[0]
        if law is None:
            known = book.names.get(fold(text[s:e]))
            if known is not None:
                add(s, e, known.entity, known.iri, known.title, label)
                continue
            s0, s1 = sentences.around(s)
            in_sentence = {lw.iri or lw.title: lw for a, _, lw in acts if s0 <= a < s1}
            if len(in_sentence) != 1:
                continue
            law = next(iter(in_sentence.values()))
        pid, piri = book.provision(law, num)
        if piri and "/regulation/" in piri:
            label = f"regulation {num}"
        add(s, end, pid or law.entity, piri or law.iri, law.title, label)

    # titles and short forms, and registry names of legislation ("the section 75 regulations"),
    # longest first where they overlap
    for s, e, law in leftmost_longest(acts + named):
        if any(a < e and s < b for a, b in taken):
            continue
        add(s, e, law.entity, law.iri, law.title, None)
    return sorted(items, key=lambda i: (i.start, i.end))
