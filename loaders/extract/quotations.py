"""Attributed quotations: words in curly quotation marks and the person or body who said them.

A quotation is attributed only by a reporting clause in its own sentence (or by a colon that
introduces it), never by mere nearness:

* subject before: "Sir Chris Ham said its developers were deciding how “…”", "David Lock QC has
  said in 2019: “…”", "NHS Clinical Commissioners said it was still “…”", "the Kings Fund
  described it recently as “…”";
* subject after: "“…”, Sir Chris said.", "“…” in the words of Dr Graham Winyard";
* a noun of saying: "the HSC Committee’s recommendation that “…”", "the finding of the National
  Audit Office in 2017 that “…”";
* a colon: "Sir Chris also said:" covers the quotations in the bullets or quoted paragraph below it.

The subject must be a resolved mention of a person, body or office, directly followed by the verb
(an appositive between commas is allowed), so "the King’s Fund chief executive has said" is not
given to the King’s Fund. "he"/"she" is the nearest person named before, within 1,500 characters.
A multi-paragraph quotation (a paragraph opening with “ after an unclosed one) keeps its speaker.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nhskg.loaders.extract import Item
from nhskg.loaders.extract.text import Sentences

NAME = "quotations"
VERSION = "1.0"
AGENT_KINDS = {"Person", "Body", "NHSBody", "Commissioner", "Provider", "Regulator",
               "GovernmentDepartment", "LocalGovernment", "Partnership", "Committee", "ThinkTank",
               "MembershipBody", "MediaOrganisation", "ParliamentaryBody", "AcademicInstitution", "Company"}
PRONOUN_WINDOW = 1500

VERB = (r"(?:said|says|say|added|adds|told|tells|warned|warns|stated|states|wrote|writes|argued|argues|"
        r"claimed|claims|noted|notes|insisted|insists|explained|explains|indicated|indicates|suggested|"
        r"suggests|commented|declared|remarked|concluded|described\s+(?:it|this|them|that)?\s*(?:\w+ly\s+)?as|"
        r"called\s+(?:it|this|them)|put\s+it)")
_AUX = r"(?:\s+(?:also|has|had|have|then|later|recently|once|\w+ly))*"
PRE = re.compile(rf"(?:,[^“”,]{{1,160}},|,)?{_AUX}\s+{VERB}\b")
PRONOUN_PRE = re.compile(rf"(?<![\w’'])(?P<p>[Hh]e|[Ss]he){_AUX}\s+{VERB}\b")
WORDS_OF = re.compile(r"^[”\"]?\s*,?\s*in\s+the\s+words\s+of\s+$")
NOUN_BEFORE = re.compile(r"^[’']s?\s+(?:recommendation|view|warning|statement|conclusion|finding|words|claim|"
                         r"argument|verdict|advice)\s+(?:is\s+|was\s+)?that\s*$")
NOUN_OF = re.compile(r"(?:recommendation|view|warning|statement|conclusion|finding|words|claim|verdict|advice)"
                     r"\s+of\s+(?:the\s+)?$")


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, continues) of the words inside each pair of curly double quotes.

    ``continues`` is True for a paragraph that reopens a quotation left open by the one before.
    """
    spans: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    carry = False
    while i < n:
        j = text.find("“", i)
        if j < 0:
            break
        line_end = text.find("\n", j)
        line_end = n if line_end < 0 else line_end
        close = text.find("”", j + 1, line_end)
        nxt_open = text.find("“", j + 1, line_end)
        continues = carry and text[text.rfind("\n", 0, j) + 1:j].strip() == ""
        if close >= 0 and (nxt_open < 0 or close < nxt_open):
            spans.append((j + 1, close, continues))
            carry, i = False, close + 1
        else:
            end = nxt_open if nxt_open >= 0 else line_end
            spans.append((j + 1, end, continues))
            carry = nxt_open < 0 and _reopens(text, line_end)
            i = end
    return [(s, e, c) for s, e, c in spans if e > s and text[s:e].strip()]


def _reopens(text: str, line_end: int) -> bool:
    m = re.compile(r"\s*“").match(text, line_end)
    return bool(m)


def extract(text: str, mentions: Sequence[Item], kinds: Mapping[str, tuple[str, ...]],
            sentences: Sentences | None = None) -> list[Item]:
    sentences = sentences or Sentences(text)
    agents = [m for m in mentions if m.entity and set(kinds.get(m.entity, ())) & AGENT_KINDS]
    people = [m for m in agents if "Person" in kinds.get(m.entity, ())]
    items: list[Item] = []
    previous: str | None = None
    for start, end, continues in quote_spans(text):
        s0, s1 = sentences.around(start - 1)
        speaker = _attribute(text, start, end, s0, s1, agents, people)
        if speaker is None and continues and previous:
            speaker = previous
        if speaker is None:
            speaker = _colon_intro(text, start, sentences, agents, people)
        previous = speaker
        if speaker:
            items.append(Item(NAME, start, end, text[start:end], speaker, (), {"sentence": (s0, s1)}))
    return items


def _subject_before(text: str, verb_limit: int, s0: int, agents: Sequence[Item]) -> Item | None:
    """The last agent mention in the sentence that a reporting verb directly follows."""
    best = None
    for m in agents:
        if s0 <= m.start and m.end <= verb_limit:
            pre = PRE.match(text, m.end)
            if pre and pre.end() <= verb_limit:
                best = m
    return best


def _attribute(text: str, start: int, end: int, s0: int, s1: int, agents: Sequence[Item],
               people: Sequence[Item]) -> str | None:
    open_at = start - 1
    # subject + verb before the quotation, in the same sentence
    m = _subject_before(text, open_at, s0, agents)
    if m is not None:
        return m.entity
    # he/she + verb before the quotation
    for pm in PRONOUN_PRE.finditer(text, s0, open_at):
        who = _nearest_person(people, pm.start())
        if who:
            return who
    # "the HSC Committee’s recommendation that “", "the finding of the NAO in 2017 that “"
    for a in agents:
        if s0 <= a.start and a.end <= open_at:
            between = text[a.end:open_at]
            if NOUN_BEFORE.match(between) or (re.match(r"^(?:\s+in\s+\w+\s+\d{4}|\s+in\s+\d{4})?\s+that\s*$", between)
                                              and NOUN_OF.search(text, max(s0, a.start - 40), a.start)):
                return a.entity
    # after the quotation: "”, Sir Chris said." / "”, he said." / "” in the words of X"
    tail = text[end:s1 + 1]
    for a in agents:
        if end <= a.start <= s1:
            gap = text[end:a.start]
            after = text[a.end:s1 + 1]
            if WORDS_OF.match(gap) and a.start - end < 40:
                return a.entity
            if re.match(r"^[”\"]?[^“”]{0,200}?,\s*$", gap) and re.match(rf"^{_AUX}\s+{VERB}\s*[.;]?\s*$", after):
                return a.entity
    pm = re.search(rf",\s*(he|she){_AUX}\s+{VERB}\s*[.;]?\s*$", tail)
    if pm:
        return _nearest_person(people, end)
    return None


def _nearest_person(people: Sequence[Item], before: int) -> str | None:
    near = [p for p in people if p.end <= before and before - p.end <= PRONOUN_WINDOW]
    return near[-1].entity if near else None


def _colon_intro(text: str, start: int, sentences: Sentences, agents: Sequence[Item],
                 people: Sequence[Item]) -> str | None:
    """Speaker of a quotation in a bullet or quoted paragraph below "X said:" / "NHSE/I stated:"."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start - 1].strip()
    if head and not head.startswith("•"):
        return None
    pos = line_start - 1
    for _ in range(30):
        if pos <= 0:
            return None
        ls = text.rfind("\n", 0, pos) + 1
        line = text[ls:pos].strip()
        pos = ls - 1
        if not line or line.startswith(("•", "“")):
            continue
        if not line.endswith(":"):
            return None
        colon = ls + text[ls:].index(line) + len(line) - 1
        s0, _ = sentences.around(colon)
        who = _subject_before(text, colon, s0, agents)
        if who:
            return who.entity
        for pm in PRONOUN_PRE.finditer(text, s0, colon):
            return _nearest_person(people, pm.start())
        return None
    return None
