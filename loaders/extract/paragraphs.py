"""Citations of numbered paragraphs of the next-steps document: "(2.40)", "(1.3, 1.8, 3.3)",
"(e.g., 2.72)", "(2.62-2.63)", "paragraph 2.1", and a quoted paragraph that opens with its number
("“ 2.45. We will deliver…").

The garbled "(2.28-28, 2.19)" is read as paragraphs 2.28 and 2.19: a range end without a chapter
takes the start's chapter, and a range is expanded (up to 20 paragraphs). Citations are read only
in documents that name the next-steps document, since a bare "(2.40)" elsewhere could cite
anything. Each item records the sentence that makes the citation (for a citation standing alone
after a full stop, the sentence before it).
"""
from __future__ import annotations

import re

from nhskg.loaders.extract import Item
from nhskg.loaders.extract.text import Sentences

NAME = "paragraphs"
VERSION = "1.0"
DOCUMENT = "next-steps-consultation"
MAX_RANGE = 20

_REF = r"\d{1,2}\.\d{1,3}(?:\s?[-–]\s?\d{1,2}(?:\.\d{1,3})?)?"
REF = re.compile(r"(?P<ch>\d{1,2})\.(?P<n>\d{1,3})(?:\s?[-–]\s?(?P<a>\d{1,2})(?:\.(?P<b>\d{1,3}))?)?")
PAREN = re.compile(rf"\((?:e\.g\.,?\s*|eg,?\s*|see\s+|cf\.?\s*|paras?\.?\s*|paragraphs?\s+)?"
                   rf"(?P<refs>{_REF}(?:\s*(?:,|;|and|&)\s*{_REF})*)\)")
WORDED = re.compile(rf"\b(?:[Pp]aragraphs?|[Pp]aras?\.?)\s+(?P<refs>{_REF}(?:\s*(?:,|and|&)\s*{_REF})*)")
LEADING = re.compile(r"(?:^|(?<=\n)|(?<=[“\"]))[ \t\u00a0]*(?P<refs>\d{1,2}\.\d{1,3})\.\s+(?=[A-Z])")


def numbers(ref: str) -> list[str]:
    """'2.62-2.63' -> ['2.62', '2.63']; '2.28-28' -> ['2.28']; '3.19' -> ['3.19']."""
    m = REF.fullmatch(ref.replace(" ", ""))
    if not m:
        return []
    ch, n = int(m.group("ch")), int(m.group("n"))
    if m.group("a") is None:
        return [f"{ch}.{n}"]
    if m.group("b") is None:
        end_ch, end_n = ch, int(m.group("a"))
    else:
        end_ch, end_n = int(m.group("a")), int(m.group("b"))
    if end_ch != ch or end_n < n or end_n - n > MAX_RANGE:
        return [f"{ch}.{n}"] + ([f"{end_ch}.{end_n}"] if (end_ch, end_n) != (ch, n) else [])
    return [f"{ch}.{k}" for k in range(n, end_n + 1)]


def paragraph_id(number: str) -> str:
    return f"next-steps-para-{number.replace('.', '-')}"


def extract(text: str, mentioned: set[str], sentences: Sentences | None = None) -> list[Item]:
    if DOCUMENT not in mentioned:
        return []
    sentences = sentences or Sentences(text)
    items: list[Item] = []
    seen: set[tuple[int, int, str]] = set()
    for pattern in (PAREN, WORDED, LEADING):
        for m in pattern.finditer(text):
            for r in REF.finditer(text, m.start("refs"), m.end("refs")):
                for number in numbers(r.group(0)):
                    key = (r.start(), r.end(), number)
                    if key in seen:
                        continue
                    seen.add(key)
                    s0, s1 = _citing_sentence(text, sentences, m.start())
                    items.append(Item(NAME, r.start(), r.end(), r.group(0), paragraph_id(number), (),
                                      {"number": number, "document": DOCUMENT,
                                       "sentence": (s0, s1), "form": pattern is LEADING and "quoted" or "cited"}))
    return sorted(items, key=lambda i: (i.start, i.data["number"]))


def _citing_sentence(text: str, sentences: Sentences, offset: int) -> tuple[int, int]:
    i = sentences.index(offset)
    s0, s1 = sentences.spans[i]
    rest = re.sub(r"\([^)]*\)", "", text[s0:s1])
    if not re.search(r"[A-Za-z]{2}", rest) and i > 0:
        return sentences.spans[i - 1]
    return s0, s1
