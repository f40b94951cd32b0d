"""Mentions of registry entities, resolved to the entity or left unresolved with the candidates.

Rules, in order (each item records which one resolved it in ``data['method']``):

* ``name``: the name belongs to one entity and is a real name ("NHSE/I", "the 2012 Act", "CCGs").
* ``discourse``: a weak name ("the centre", "providers") counts only when the same document names
  that entity in a strong way too; a weak plural with a modifier in front ("private providers")
  names a narrower group and is skipped.
* ``context``: a name shared by several entities ("the 2022 Act": the Act and the regime) goes to
  the one entity the document names elsewhere unambiguously; if none or several, the mention is
  kept *unresolved* with its candidates (never guessed).

Names of things (bodies, people, places, laws, documents) and names of ideas (proposals, events,
regimes, duties, roles) are matched in two separate passes, each longest-first, so the idea
"repeal of procurement rules under section 75" does not hide the law "section 75 of the 2012 Act"
that overlaps it, nor "one CCG per ICS" the CCG and the ICS inside it.
"""
from __future__ import annotations

import re

from nhskg.loaders.extract import Item
from nhskg.loaders.extract.lexicon import Lexicon, Name, leftmost_longest

NAME = "mentions"
VERSION = "1.0"

# Words that may stand before a weak name without making it a narrower group.
_FUNCTION_WORDS = {
    "the", "a", "an", "and", "or", "of", "for", "to", "by", "with", "from", "in", "on", "at", "all", "their",
    "its", "our", "other", "as", "between", "among", "these", "those", "many", "some", "both", "such", "that",
    "which", "who", "more", "most", "than", "but", "nor", "not", "no", "into", "onto", "within", "across", "how",
    "whether", "if", "when", "while", "where", "about", "over", "under", "each", "every", "any", "would", "will",
    "should", "could", "can", "may", "must", "are", "is", "be", "been", "were", "was", "have", "has", "had",
    "this", "they", "them", "it", "so", "also", "even", "only", "via", "through", "against", "upon", "including",
}
CONCEPT_KINDS = {"Proposal", "Event", "Regime", "Function", "Duty", "Power", "Role", "Paragraph"}
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|uk|net)(?:/\S*)?")
_PREV_WORD = re.compile(r"([A-Za-z][\w’'-]*)[ \u00a0]+$")


def _modified(text: str, start: int) -> bool:
    """Is the word just before ``start`` a lower-case modifier ("private" in "private providers")?"""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if not m:
        return False
    word = m.group(1)
    return word.islower() and word not in _FUNCTION_WORDS


def is_concept(name: Name, lexicon: Lexicon) -> bool:
    return all(set(lexicon.entities[e].kinds) <= CONCEPT_KINDS for e in name.entities)


def extract(text: str, lexicon: Lexicon) -> list[Item]:
    urls = [m.span() for m in _URL.finditer(text)]
    found = [h for h in lexicon.find_all(text) if not any(a <= h[0] < b for a, b in urls)]
    things = leftmost_longest([h for h in found if not is_concept(h[2], lexicon)])
    ideas = leftmost_longest([h for h in found if is_concept(h[2], lexicon)])
    hits = sorted(things + ideas, key=lambda h: (h[0], h[1]))
    supported = {h[2].entities[0] for h in hits if len(h[2].entities) == 1 and not h[2].weak}
    items: list[Item] = []
    for start, end, name in hits:
        exact = text[start:end]
        if name.weak and _modified(text, start):
            continue
        ents = name.entities
        if len(ents) == 1:
            if name.weak and ents[0] not in supported:
                continue
            method = "discourse" if name.weak else "name"
            items.append(Item(NAME, start, end, exact, ents[0], (), {"method": method}))
            continue
        backed = tuple(e for e in ents if e in supported)
        if len(backed) == 1:
            items.append(Item(NAME, start, end, exact, backed[0], ents, {"method": "context"}))
        elif name.weak and not backed:
            continue
        else:
            items.append(Item(NAME, start, end, exact, None, backed or ents, {"method": "unresolved"}))
    return items
