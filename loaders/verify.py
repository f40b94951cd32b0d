"""Check every quote in the fact base against the corpus, or fill in missing offsets."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from nhskg.errors import EvidenceError
from nhskg.loaders.corpus import Corpus
from nhskg.loaders.evidence import check_length, check_quote, locate_in_file, nearest
from nhskg.loaders.facts import FactBase


@dataclass
class CheckReport:
    quotes_checked: int
    sources_checked: list[str]
    sha_mismatches: list[str]


def _items(base: FactBase):
    for rec in [*base.entities.values(), *base.statements.values()]:
        for ev in rec.evidence:
            yield rec, ev


def check_evidence(base: FactBase, corpus: Corpus | None) -> CheckReport:
    """Fail on the first quote that is too long or (with a corpus) not verbatim at its offsets."""
    checked, mismatches, used = 0, [], set()
    for rec, ev in _items(base):
        check_length(ev, rec.id)
        src = base.sources[ev.source]
        if corpus is None or not src.file or ev.quote is None:
            continue
        text = corpus.text(src.file)
        check_quote(ev, text, rec.id)
        checked += 1
        used.add(src.id)
    if corpus is not None:
        for sid in sorted(used):
            src = base.sources[sid]
            if src.sha256 and corpus.sha256(src.file) != src.sha256:
                mismatches.append(src.file)
    return CheckReport(checked, sorted(used), mismatches)


def locate_evidence(base: FactBase, corpus: Corpus, project_root: Path) -> tuple[int, list[str]]:
    """Write missing ``start`` offsets into the data files; return (filled, problems)."""
    fills: dict[str, list[tuple[int, int]]] = defaultdict(list)
    problems: list[str] = []
    for rec, ev in _items(base):
        src = base.sources[ev.source]
        if ev.start is not None or ev.quote is None or not src.file:
            continue
        text = corpus.text(src.file)
        hits = [m.start() for m in re.finditer(re.escape(ev.quote), text)]
        where = f"{ev.path}:{ev.line}: [{rec.id}]"
        if len(hits) == 1:
            fills[ev.path].append((ev.line, hits[0]))
        elif not hits:
            problems.append(f"{where} quote not found in {src.file}; nearest text: {nearest(ev.quote, text)!r}")
        else:
            problems.append(f"{where} quote occurs {len(hits)} times in {src.file} (at {hits}); "
                            "lengthen it or set 'start' by hand")
    for rel, items in fills.items():
        path = Path(rel) if Path(rel).is_absolute() else project_root / rel
        locate_in_file(path, items)
    return sum(len(v) for v in fills.values()), problems


__all__ = ["CheckReport", "EvidenceError", "check_evidence", "locate_evidence"]
