"""The registry's names as a matcher: every label and alternative label of every entity.

Names are matched on the folded text (no-break spaces and curly quotes made plain, one character
for one character) with pyahocorasick, so one pass finds every name however many there are.
A name is *weak* when it is a common word rather than a name: one lower-case word ("providers"),
"the" plus one word ("the centre", "the Board"), or a capitalised word the registry also lists in
lower case ("Government" beside "the government"). Weak names count only where the document also
names the entity in a strong way (see mentions.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from nhskg.loaders.extract.text import bounded, fold


@dataclass(frozen=True)
class EntityInfo:
    id: str
    label: str
    names: tuple[str, ...]     # label first, then alternative labels
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Name:
    """A folded surface form and the entities it names."""

    text: str
    entities: tuple[str, ...]
    weak: bool


def is_weak(name: str, siblings: Iterable[str]) -> bool:
    words = name.split()
    if len(words) == 1 and name.islower():
        return True
    if len(words) == 2 and words[0].lower() == "the":
        return True
    lowered = {s.lower() for s in siblings if s != name}
    return len(words) == 1 and name[:1].isupper() and not name.isupper() and (
        name.lower() in lowered or f"the {name.lower()}" in lowered)


def _variants(name: str) -> set[str]:
    """Spellings a lower-case name also takes: sentence-initial capital ('Integrated care systems'),
    title case in headings ('Integrated Care Systems'), and the plural of a final lower-case noun
    ('ICS body' -> 'ICS bodies')."""
    out = {name}
    words = name.split(" ")
    if name[:1].islower():
        out.add(name[:1].upper() + name[1:])
        if len(words) > 1 and all(w[:1].islower() for w in words):
            small = {"and", "of", "for", "the", "to", "in", "on", "a", "an"}
            out.add(" ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words)))
    last = words[-1]
    if len(words) > 1 and last.isalpha() and last.islower() and not last.endswith("s"):
        plural = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
        out |= {v[: len(v) - len(last)] + plural for v in list(out) if v.endswith(last)}
    return out


class Lexicon:
    """Every registry name in one Aho-Corasick automaton."""

    def __init__(self, entities: Mapping[str, EntityInfo]) -> None:
        self.entities = dict(entities)
        table: dict[str, dict[str, bool]] = {}
        for ent in self.entities.values():
            for name in ent.names:
                name = name.strip()
                if len(name) < 2:
                    continue
                weak = is_weak(name, ent.names)
                for v in _variants(fold(name)):
                    slot = table.setdefault(v, {})
                    slot[ent.id] = slot.get(ent.id, True) and weak
        self._last: tuple[str, list] | None = None
        self.names: dict[str, Name] = {}
        self.automaton = ahocorasick.Automaton()
        for text, ents in table.items():
            name = Name(text, tuple(sorted(ents)), all(ents.values()))
            self.names[text] = name
            self.automaton.add_word(text, name)
        if self.names:
            self.automaton.make_automaton()

    def find_all(self, text: str) -> list[tuple[int, int, Name]]:
        """Every name match on word boundaries, overlapping ones included: (start, end, name)."""
        if not self.names:
            return []
        if self._last is not None and self._last[0] is text:  # the extractors ask twice per document
            return list(self._last[1])
        hits = self._find_all(text)
        self._last = (text, hits)
        return list(hits)

    def _find_all(self, text: str) -> list[tuple[int, int, Name]]:
        folded = fold(text)
        hits = []
        for end_idx, name in self.automaton.iter(folded):
            start, end = end_idx - len(name.text) + 1, end_idx + 1
            if bounded(folded, start, end):
                hits.append((start, end, name))
        return hits

    def find(self, text: str) -> list[tuple[int, int, Name]]:
        """Leftmost-longest, non-overlapping name matches: (start, end, name)."""
        return leftmost_longest(self.find_all(text))


def leftmost_longest(hits: list[tuple[int, int, Name]]) -> list[tuple[int, int, Name]]:
    hits = sorted(hits, key=lambda h: (h[0], -(h[1] - h[0])))
    out, last_end = [], -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


def entity_infos(entities: Mapping[str, object]) -> dict[str, EntityInfo]:
    """EntityInfo for each registry Record (``loaders.facts.Record``)."""
    out = {}
    for rid, rec in entities.items():
        f = rec.fields  # type: ignore[attr-defined]
        out[rid] = EntityInfo(rid, f["label"], tuple([f["label"], *f.get("alt", [])]), tuple(f["kind"]))
    return out


@lru_cache(maxsize=4)
def _cached(key: tuple) -> Lexicon:
    return Lexicon({e.id: e for e in key})


def lexicon_for(entities: Mapping[str, object]) -> Lexicon:
    """A Lexicon for a registry, built once per distinct registry (the build and ingest reuse it)."""
    infos = entity_infos(entities)
    return _cached(tuple(sorted(infos.values(), key=lambda e: e.id)))
