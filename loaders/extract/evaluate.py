"""Precision and recall of the extractors against the hand-labelled gold set (tests/data/extraction/).

A prediction matches a gold item when their spans overlap and they agree on what was found
(the entity, the legislation.gov.uk IRI or title, the paragraph number, the speaker); each gold
item is matched at most once. Mentions are scored for the entities the gold set covers: bodies,
people, offices, places, legislation and documents (not proposals, events, regimes, duties or
roles, whose names are descriptions rather than names). A gold mention marked ``?`` names
something the registry did not have when it was labelled: it is not counted, and neither is a
prediction on the same words. A gold mention whose entity has since left the registry is not
counted either (it is reported). Unresolved mentions claim no entity: they are counted apart.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nhskg.loaders.extract import Item

MENTION_KINDS = {"Body", "NHSBody", "Commissioner", "Provider", "Regulator", "GovernmentDepartment",
                 "LocalGovernment", "Partnership", "Committee", "ThinkTank", "MembershipBody", "MediaOrganisation",
                 "ParliamentaryBody", "AcademicInstitution", "Company", "Person", "Office", "Place", "Footprint",
                 "Act", "StatutoryInstrument", "Provision", "Bill", "Document"}
TARGETS = {"mentions": (0.95, 0.90), "legislation": (0.95, 0.90), "paragraphs": (1.0, 1.0), "quotations": (0.90, None)}


@dataclass
class Score:
    extractor: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    unresolved: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def meets(self) -> bool:
        p, r = TARGETS.get(self.extractor, (None, None))
        return (p is None or self.precision >= p) and (r is None or self.recall >= r)


def load_gold(folder: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(preds: list[tuple[int, int, str, str]], gold: list[tuple[int, int, frozenset, str]], score: Score,
           where: str) -> None:
    used: set[int] = set()
    for ps, pe, target, text in preds:
        hit = next((i for i, (gs, ge, targets, _) in enumerate(gold)
                    if i not in used and _overlap((ps, pe), (gs, ge)) and target in targets), None)
        if hit is None:
            score.fp += 1
            score.false_positives.append(f"{where}@{ps} “{text}” -> {target}")
        else:
            used.add(hit)
            score.tp += 1
    for i, (gs, ge, targets, text) in enumerate(gold):
        if i not in used:
            score.fn += 1
            score.misses.append(f"{where}@{gs} “{text}” -> {'/'.join(sorted(targets))}")


def score_document(gold: Mapping, items: Iterable[Item], kinds: Mapping[str, tuple[str, ...]],
                   scores: dict[str, Score]) -> None:
    """Add one document's counts to ``scores`` (extractor name -> Score)."""
    items = list(items)
    where = gold["file"][:3]

    def in_scope(entity: str) -> bool:
        return bool(set(kinds.get(entity, ())) & MENTION_KINDS)

    # mentions
    s = scores.setdefault("mentions", Score("mentions"))
    gold_m, blocked = [], []
    for g in gold.get("mentions") or []:
        ents = g["entity"] if isinstance(g["entity"], list) else [g["entity"]]
        known = [e for e in ents if e in kinds]
        if "?" in ents or not known:
            blocked.append((g["start"], g["end"]))
            if "?" not in ents:
                s.misses.append(f"{where}@{g['start']} “{g['text']}” -> {'/'.join(ents)} (not in the registry: not counted)")
            continue
        if any(in_scope(e) for e in known):
            gold_m.append((g["start"], g["end"], frozenset(known), g["text"]))
        else:
            blocked.append((g["start"], g["end"]))
    preds = []
    for i in items:
        if i.extractor != "mentions":
            continue
        if i.entity is None:
            s.unresolved += 1
            continue
        if not in_scope(i.entity):
            continue
        if any(_overlap((i.start, i.end), b) for b in blocked) and \
                not any(_overlap((i.start, i.end), g[:2]) for g in gold_m):
            s.ignored += 1
            continue
        preds.append((i.start, i.end, i.entity, i.text))
    _match(preds, gold_m, s, where)

    # legislation, paragraphs, quotations
    for name, key, target in (("legislation", "target", lambda i: i.data.get("iri") or i.data.get("title")),
                              ("paragraphs", "paragraph", lambda i: i.data["number"]),
                              ("quotations", "speaker", lambda i: i.entity)):
        s = scores.setdefault(name, Score(name))
        gold_items = [(g["start"], g["end"], frozenset([str(g[key])]), g["text"][:60]) for g in gold.get(name) or []]
        preds = [(i.start, i.end, str(target(i)), i.text[:60]) for i in items if i.extractor == name]
        _match(preds, gold_items, s, where)


def evaluate(gold_dir: Path, texts: Mapping[str, str], run, kinds: Mapping[str, tuple[str, ...]]) -> dict[str, Score]:
    """Score ``run(text) -> items`` on every gold document whose file is in ``texts`` (file name -> text)."""
    scores: dict[str, Score] = {}
    for gold in load_gold(gold_dir):
        text = texts.get(gold["file"])
        if text is None:
            continue
        score_document(gold, run(text), kinds, scores)
    return scores
