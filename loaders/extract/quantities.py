"""Quantities: populations ("around 700,000", "1.6 million"), counts ("Sixteen of the 44 STPs"),
shares ("80%") and dates or deadlines ("by April 2021", "1 April 2019", "2019-20").

Each item carries the number as written, its value where it can be read (a malformed number such
as "300,00" keeps ``value`` None and says so), whether the text hedges it ("around", "at least"),
and what it is about where the sentence makes that clear: for a population, the places named
between the previous figure and this one; for a count, the registry entity counted.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nhskg.loaders.extract import Item
from nhskg.loaders.extract.text import Sentences

NAME = "quantities"
VERSION = "1.0"
PLACE_KINDS = {"Place", "Footprint"}

WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
              "hundred": 100, "half": 0.5, "a quarter": 0.25, "three quarters": 0.75})
SCALES = {"million": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "thousand": 1000}
MONTHS = ("January February March April May June July August September October November December").split()
MONTH_RE = "|".join(MONTHS + [m[:3] for m in MONTHS] + ["Sept"])

_NUM = r"(?=[\dzotfsenhZOTFSENH])(?:\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?|" + "|".join(sorted((w for w in WORDS if " " not in w), key=len,
                                                                    reverse=True)) + ")"
HEDGE = (r"(?:around|about|approximately|roughly|nearly|almost|over|more than|at least|some|up to|"
         r"not far short of|smaller than|fewer than|less than|under|below|above)")
HEDGE_BEFORE = re.compile(rf"\b{HEDGE}\s+$", re.I)
POPULATION = re.compile(rf"\b(?P<num>{_NUM})(?P<scale>\s+(?:million|billion|thousand)\b)?"
                        rf"(?=[\s,.;)]|$)", re.I)
COUNT_OF = re.compile(rf"\b(?P<num>{_NUM})\s+of\s+the\s+(?P<total>\d+|{_NUM})\s+", re.I)
COUNT = re.compile(rf"\b(?P<num>{_NUM})\s+(?:(?:[a-z’'-]+|“[^”]{{1,20}}”)\s+){{0,2}}?(?=[A-Za-z])", re.I)
DATE = re.compile(rf"\b(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{MONTH_RE})\.?\s+(?P<year>(?:19|20)\d{{2}})\b")
YEAR = re.compile(r"\b(?P<prep>in|by|from|until|before|after|since|during|of)\s+(?P<year>(?:19|20)\d{2})"
                  r"(?:(?P<sep>[-/])(?P<y2>\d{2}))?\b")
PERIOD = re.compile(r"\b(?P<year>(?:19|20)\d{2})[-/](?P<y2>\d{2})\b")
SHARE = re.compile(r"\b(?P<num>\d+(?:\.\d+)?)\s?%")
DEADLINE_BEFORE = re.compile(r"(?:\bby|\bbefore|\buntil|\bno later than|\bfrom)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I)
POPULATION_CUE = re.compile(r"\b(?:population|populations|people|residents|size|million|system|systems)\b", re.I)


def number_value(num: str, scale: str | None) -> float | None:
    n = num.lower().replace(" ", "")
    if n in WORDS:
        value: float = WORDS[n]
    elif "," in n:
        groups = n.split(",")
        if any(len(g) != 3 for g in groups[1:]):
            return None
        value = float(n.replace(",", ""))
    else:
        try:
            value = float(n)
        except ValueError:
            return None
    if scale:
        value *= SCALES[scale.strip().lower()]
    return value


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def extract(text: str, mentions: Sequence[Item], kinds: Mapping[str, tuple[str, ...]],
            sentences: Sentences | None = None) -> list[Item]:
    sentences = sentences or Sentences(text)
    items: list[Item] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    def add(s: int, e: int, entity: str | None, data: dict) -> None:
        items.append(Item(NAME, s, e, text[s:e], entity, (), data))
        taken.append((s, e))

    # dates first, so that "April 2021" is never read as a count or a population
    for m in DATE.finditer(text):
        month = next(i for i, name in enumerate(MONTHS, 1) if m.group("month").lower().startswith(name[:3].lower()))
        value = f"{m.group('year')}-{month:02d}" + (f"-{int(m.group('day')):02d}" if m.group("day") else "")
        s = m.start()
        prep = DEADLINE_BEFORE.search(text, max(0, s - 30), s)
        add(s, m.end(), None, {"kind": "date", "value": value, "deadline": bool(prep and "from" not in prep.group(0).lower())})
    for m in PERIOD.finditer(text):
        if free(*m.span()):
            add(m.start(), m.end(), None, {"kind": "period", "value": f"{m.group('year')}/{m.group('y2')}"})
    for m in YEAR.finditer(text):
        s, e = m.start("year"), m.end()
        if free(s, e):
            add(s, e, None, {"kind": "date", "value": m.group("year"), "deadline": m.group("prep") in {"by", "before", "until"}})
    for m in SHARE.finditer(text):
        if free(*m.span()):
            add(m.start(), m.end(), None, {"kind": "share", "value": _num(float(m.group("num")))})

    places = [m for m in mentions if m.entity and set(kinds.get(m.entity, ())) & PLACE_KINDS]
    # populations: a number with a scale, or a big number, in a sentence about people or size
    last_end: dict[int, int] = {}
    for m in POPULATION.finditer(text):
        s, e = m.start("num"), m.end()
        if not free(s, e) or re.match(r"[.\d]", text[e:e + 1] or " ") and text[e:e + 2].strip(". ") or \
                text[max(0, s - 1):s] in {"£", "$", "[", "(", "."}:
            continue
        value = number_value(m.group("num"), m.group("scale"))
        as_number = m.group("num").replace(",", "").replace(".", "").isdigit()
        big = m.group("scale") or (as_number and len(m.group("num").replace(",", "")) >= 5)
        s0, s1 = sentences.around(s)
        if not big or not POPULATION_CUE.search(text, s0, s1) or re.match(r"\s*(?:%|pounds|per\s)", text[e:e + 8]):
            continue
        hm = HEDGE_BEFORE.search(text, max(0, s - 25), s)
        hedge = hm.group(0).strip() if hm else ""
        start = hm.start() if hm else s
        seg_from = last_end.get(s0, s0)
        about = sorted({p.entity for p in places if seg_from <= p.start and p.end <= start})
        if not about:  # "around 700,000 people in Dorset": the places after it, up to the next figure
            nxt = POPULATION.search(text, e, s1)
            stop = nxt.start() if nxt else s1
            about = sorted({p.entity for p in places if e <= p.start and p.end <= stop})
        last_end[s0] = e
        data = {"kind": "population", "value": _num(value), "approx": bool(hedge), "hedge": hedge or None,
                "about": about}
        if value is None:
            data["problem"] = f"malformed number {m.group('num')!r}"
        add(start, e, about[0] if len(about) == 1 else None, data)

    # counts: "Sixteen of the 44 STPs", "ten integrated care systems", "six systems"
    for m in COUNT_OF.finditer(text):
        if not free(*m.span()) or re.fullmatch(r"(?:19|20)\d\d", m.group("total")) or \
                re.search(r"(?:\b[Ss]ections?|\bs\.?|\b[Rr]egulations?|\b[Pp]aragraphs?)\s*$", text[max(0, m.start() - 12):m.start()]):
            continue
        counted = next((x for x in mentions if x.entity and 0 <= x.start - m.end() <= 2), None)
        add(m.start(), m.end() + (counted.end - m.end() if counted else 0) if counted else m.end() - 1,
            counted.entity if counted else None,
            {"kind": "count", "value": _num(number_value(m.group("num"), None)),
             "of": _num(number_value(m.group("total"), None)), "about": [counted.entity] if counted else []})
    for m in COUNT.finditer(text):
        s = m.start("num")
        if not free(s, m.end("num")) or re.match(r"\d{4}$", m.group("num")) or text[max(0, s - 1):s] in {"£", "[", "("}:
            continue
        if re.match(r"[.,]\d", text[m.end("num"):m.end("num") + 2]) or \
                re.search(r"(?:[Ss]ections?|\bs\.?|[Rr]egulations?|[Pp]aragraphs?|[Pp]ages?)\s*$", text[max(0, s - 12):s]):
            continue  # "section 75 regulations", "page 20": a number that names, not counts
        counted = next((x for x in mentions if x.entity and x.start == m.end()), None)
        noun = re.match(r"[A-Za-z][\w-]*s\b", text[m.end():m.end() + 40])
        if counted is None and noun is None:
            continue
        end = counted.end if counted else m.end() + noun.end()
        add(s, end, counted.entity if counted else None,
            {"kind": "count", "value": _num(number_value(m.group("num"), None)),
             "about": [counted.entity] if counted else []})
    return sorted(items, key=lambda i: (i.start, i.end))
