"""Checking and locating verbatim evidence quotes in their source texts.

Quotes are compared with the text exactly as stored: no normalisation of spaces, quote marks or
case on either side, so an offset is a true Python string index (``text[start:end] == quote``).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from nhskg.errors import EvidenceError

MAX_QUOTE_WORDS = 35


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for a fact: a quote at offsets in a source, or a cited web page."""

    source: str
    quote: str | None
    start: int | None
    note: str | None
    path: str
    line: int

    @property
    def end(self) -> int | None:
        return None if self.start is None or self.quote is None else self.start + len(self.quote)


def check_quote(ev: Evidence, text: str, fact: str) -> None:
    """Fail unless ``ev.quote`` is exactly ``text[start:end]``; the message shows what is there."""
    assert ev.quote is not None
    if ev.start is None:
        raise EvidenceError("quote has no 'start' offset (run 'nhskg locate')", path=ev.path, line=ev.line, fact=fact)
    found = text[ev.start:ev.start + len(ev.quote)]
    if found == ev.quote:
        return
    where = [m.start() for m in re.finditer(re.escape(ev.quote), text)]
    hint = f"; the quote occurs at {where}" if where else f"; nearest text: {nearest(ev.quote, text)!r}"
    raise EvidenceError(
        f"quote is not verbatim in {ev.source} at {ev.start}: expected {ev.quote!r}, found {found!r}{hint}",
        path=ev.path, line=ev.line, fact=fact)


def check_length(ev: Evidence, fact: str) -> None:
    if ev.quote is not None and len(ev.quote.split()) > MAX_QUOTE_WORDS:
        raise EvidenceError(f"quote has {len(ev.quote.split())} words; keep evidence to about 30",
                            path=ev.path, line=ev.line, fact=fact)


def nearest(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote`` (for error messages)."""
    n = len(quote)
    best, best_ratio = "", 0.0
    step = max(1, n // 4)
    for i in range(0, max(1, len(text) - n + 1), step):
        window = text[i:i + n]
        ratio = difflib.SequenceMatcher(None, quote, window, autojunk=False).quick_ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def locate_in_file(path: Path, fills: list[tuple[int, int]]) -> None:
    """Write ``start: N`` lines into a data file, before the ``quote:`` line of each evidence item.

    ``fills`` holds (line of the evidence mapping, offset) pairs; lines are 1-based.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for map_line, offset in sorted(fills, reverse=True):
        idx = map_line - 1
        while idx < len(lines) and "quote:" not in lines[idx]:
            idx += 1
        if idx == len(lines):
            raise EvidenceError("no 'quote:' line found for evidence", path=str(path), line=map_line)
        qline = lines[idx]
        key_at = qline.index("quote:")
        prefix = qline[:key_at]
        indent = prefix.replace("-", " ")
        if prefix.strip() == "-":  # "- quote: ..." starts the mapping: put start first, move the dash
            lines[idx] = indent + qline[key_at:]
            lines.insert(idx, prefix + f"start: {offset}\n")
        else:
            lines.insert(idx, indent + f"start: {offset}\n")
    path.write_text("".join(lines), encoding="utf-8")
