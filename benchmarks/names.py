"""Readable, unique names for synthetic entities.

Labels matter for the benchmark: the resolver, the extractor and the text filters all work on
them, so they should look like the real corpus's (place names, NHS body types, people's names)
rather than like ``entity-17``. Every generator draws from one seeded ``random.Random`` so the
output is the same for the same seed.
"""
from __future__ import annotations

import random

PLACE_HEADS = ["Ash", "Brook", "Cal", "Dun", "Elm", "Fair", "Glen", "Hart", "Ivy", "Kings", "Lang", "Marl",
               "Nor", "Oak", "Pen", "Red", "Stan", "Thorn", "Wel", "Wim", "Har", "Bex", "Crom", "Dor",
               "Ever", "Fen", "Gras", "Hol", "Kel", "Lud", "Mel", "Nether", "Ox", "Pres", "Rother", "Sal"]
PLACE_TAILS = ["field", "ham", "ton", "bury", "ford", "wick", "chester", "mouth", "by", "stead", "ley",
               "worth", "combe", "dale", "minster", "port", "borough", "hurst"]
PLACE_PREFIXES = ["", "", "", "North ", "South ", "East ", "West ", "Mid ", "Greater "]

FIRST = ["Alex", "Amira", "Ben", "Chloe", "David", "Eleanor", "Farid", "Grace", "Hugh", "Imran", "Jane", "Kate",
         "Liam", "Maya", "Nadia", "Owen", "Priya", "Quentin", "Ruth", "Sam", "Tariq", "Una", "Victor", "Wendy",
         "Yusuf", "Zoe", "Allyson", "Peter", "Chris", "Sharon", "Richard", "Simon", "Amanda", "Matthew"]
LAST = ["Adams", "Bhatt", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
        "Lewis", "Morgan", "Nolan", "Okafor", "Patel", "Quinn", "Roberts", "Shah", "Taylor", "Usman", "Vaughan",
        "Walker", "Young", "Price", "Roderick", "Pollock", "Ham", "Brennan", "Murray", "Stevens", "Pritchard"]
INITIALS = "ABCDEFGHJKLMNPRSTW"

BODY_TYPES: dict[str, list[str]] = {
    "NHSBody": ["NHS Trust", "Health Board"],
    "Commissioner": ["Clinical Commissioning Group", "Integrated Care Board"],
    "Provider": ["Hospitals NHS Foundation Trust", "Community Health Services", "Primary Care Network"],
    "Regulator": ["Care Quality Panel", "Health Standards Authority"],
    "Partnership": ["Integrated Care System", "Sustainability and Transformation Partnership"],
    "Committee": ["Joint Committee", "Health and Wellbeing Board"],
    "ThinkTank": ["Health Policy Institute", "Care Foundation"],
    "LocalGovernment": ["County Council", "Borough Council"],
    "MediaOrganisation": ["Health Journal", "Care Review"],
    "AcademicInstitution": ["University"],
    "Company": ["Health Services Ltd", "Care Partners plc"],
    "GovernmentDepartment": ["Department for Health Services"],
    "MembershipBody": ["Confederation", "Providers Association"],
    "Office": ["Director of Public Health", "Commissioner for Care"],
}
SERVICES = ["primary medical services", "urgent and emergency care", "mental health services", "maternity care",
            "community nursing", "specialised services", "dental services", "public health functions",
            "elective surgery", "cancer screening", "children's services", "social care assessments",
            "pharmaceutical services", "ambulance services", "end of life care", "learning disability support"]
POSITION_VERBS = {"Duty": ["arrange", "commission", "improve", "reduce inequalities in", "consult on",
                           "secure continuous improvement in", "promote integration of", "report on"],
                  "Power": ["direct", "delegate", "fund", "merge", "intervene in", "set payment rules for"],
                  "Function": ["oversight of", "planning of", "allocation for", "assurance of", "contracting for"]}
PROPOSAL_VERBS = ["abolish", "merge", "create", "transfer", "repeal", "strengthen", "reform", "devolve", "pool"]
REGIME_NAMES = ["current law (2012 Act)", "ICSs before legislation", "Option 1", "Option 2",
                "Health and Care Act 2022 as enacted"]
STANCE_VERBS = {"supports": "supports", "prefers": "prefers", "opposes": "opposes", "welcomes": "welcomed",
                "criticises": "criticised", "warns-against": "warned against", "doubts": "doubted",
                "urges": "urged", "questions": "questioned"}
FILLER = ["the", "system", "would", "need", "to", "work", "with", "local", "partners", "on", "a", "shared",
          "plan", "for", "services", "and", "budgets", "across", "the", "area", "while", "national", "bodies",
          "set", "out", "their", "expectations", "in", "guidance", "published", "later", "this", "year",
          "integrated", "care", "commissioning", "providers", "accountability", "legislation", "funding"]


class Namer:
    """Hands out unique labels: a clash gets a roman-style suffix so every label stays readable."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def unique(self, label: str) -> str:
        if label not in self.used:
            self.used.add(label)
            return label
        n = 2
        while f"{label} {n}" in self.used:
            n += 1
        self.used.add(f"{label} {n}")
        return f"{label} {n}"

    def place(self) -> str:
        r = self.rng
        return r.choice(PLACE_PREFIXES) + r.choice(PLACE_HEADS) + r.choice(PLACE_TAILS)

    def person(self) -> str:
        r = self.rng
        return self.unique(f"{r.choice(FIRST)} {r.choice(INITIALS)}. {r.choice(LAST)}")

    def body(self, kind: str) -> str:
        return self.unique(f"{self.place()} {self.rng.choice(BODY_TYPES.get(kind, ['Health Body']))}")

    def position(self, kind: str) -> str:
        verb = self.rng.choice(POSITION_VERBS[kind])
        prefix = {"Duty": "duty to ", "Power": "power to ", "Function": ""}[kind]
        return self.unique(f"{prefix}{verb} {self.rng.choice(SERVICES)}")

    def proposal(self) -> str:
        return self.unique(f"proposal to {self.rng.choice(PROPOSAL_VERBS)} {self.rng.choice(SERVICES)}")

    def filler(self, words: int) -> str:
        text = " ".join(self.rng.choice(FILLER) for _ in range(words))
        return text[0].upper() + text[1:] + "."
