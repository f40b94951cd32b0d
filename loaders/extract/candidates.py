"""Candidate new entities: capitalised names that the registry does not know yet, for review.

A candidate is a run of two or more capitalised words (small words such as "of" and "and"
allowed inside), or a title and a name ("Dr Smith"), that overlaps no registry mention and no
legislation citation. Sentence-opening words ("The", "In") are dropped, dates and all-capital
headings are skipped. The kind is guessed from the last word ("… Institute" is a body) or a title
("Sir", "Dr": a person), and left "unknown" otherwise. One item per distinct name, at its first
occurrence, with how often it occurs.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from nhskg.loaders.extract import Item
from nhskg.loaders.extract.quantities import MONTHS

NAME = "candidates"
VERSION = "1.0"
TITLES = {"Sir", "Dr", "Professor", "Prof", "Mr", "Mrs", "Ms", "Lord", "Baroness", "Dame", "Dr."}
BODY_WORDS = {"Institute", "University", "Trust", "Trusts", "Fund", "Commission", "Committee", "Board", "Boards",
              "Council", "Department", "Agency", "Authority", "Authorities", "Service", "Services", "Healthcare",
              "Group", "Office", "Partnership", "Partnerships", "Alliance", "Foundation", "College", "Society",
              "Association", "Network", "Networks", "Company", "Ltd", "Limited", "plc", "Unit", "Units",
              "Initiative", "Federation", "Confederation", "Hospital", "Hospitals", "Centre", "Consortium"}
OPENERS = {"The", "This", "That", "These", "Those", "In", "On", "At", "A", "An", "But", "And", "If", "As", "For",
           "By", "To", "It", "Its", "Our", "We", "Under", "Since", "With", "Without", "From", "Of", "Why", "How",
           "What", "Where", "When", "Who", "Is", "Are", "Do", "Does", "Has", "Have", "Yet", "Even", "Both",
           "Neither", "Nor", "Or", "Also", "Most", "Many", "Some", "Full", "Local", "Public", "Laudable", "Three",
           "Further", "Finally", "Normally", "Already", "Again", "Similarly", "Indeed", "However", "Moreover"}
SKIP = set(MONTHS) | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Q", "A"}
_CAP = r"(?:[A-Z][\w’'&.-]*[\w’'])"
RUN = re.compile(rf"{_CAP}(?:(?:\s+(?:of|for|and|the|on|in|de|van|von)){{0,2}}\s+{_CAP})+|"
                 rf"\b(?:Sir|Dr|Professor|Lord|Baroness|Dame)\s+{_CAP}")


def guess_kind(words: list[str]) -> str:
    if words[0] in TITLES:
        return "Person"
    if words[-1] in BODY_WORDS or words[-1].rstrip("s") in BODY_WORDS:
        return "Body"
    if words[-1] in {"Act", "Bill", "Regulations", "Order"}:
        return "Legislation"
    return "unknown"


def extract(text: str, known: Sequence[Item]) -> list[Item]:
    spans = [(k.start, k.end) for k in known]
    first: dict[str, Item] = {}
    counts: dict[str, int] = {}
    for m in RUN.finditer(text):
        s, e = m.span()
        words = m.group(0).split()
        while words and (words[0] in OPENERS or words[0].lower() in {"of", "and", "the", "for", "on", "in"}):
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        while words and words[-1].lower() in {"of", "and", "the", "for", "on", "in"}:
            words = words[:-1]
        if len(words) < 2 or any(w in SKIP for w in words) or all(w.isupper() for w in words):
            continue
        e = s + len(" ".join(words)) if text[s:e].startswith(" ".join(words)) else e
        name = text[s:e]
        if any(a < e and s < b for a, b in spans) or not name.strip():
            continue
        key = re.sub(r"\s+", " ", name)
        counts[key] = counts.get(key, 0) + 1
        if key not in first:
            first[key] = Item(NAME, s, e, name, None, (), {"kind": guess_kind(words)})
    return [Item(i.extractor, i.start, i.end, i.text, None, (), {**i.data, "occurrences": counts[k]})
            for k, i in sorted(first.items(), key=lambda kv: kv[1].start)]
