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
from nhskg.loaders.extract.lexicon import Lexicon
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
        self.names: dict[str, Law] = {}                  # titles and short forms, and registry names of legislation ("the section 75 regulations"),
    # longest first where they overlap
    for s, e, law in _leftmost_longest(acts + named):
        if any(a < e and s < b for a, b in taken):
            continue
        add(s, e, law.entity, law.iri, law.title, None)
    return sorted(items, key=lambda i: (i.start, i.end))
