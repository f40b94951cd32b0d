"""HTTP content negotiation: pick the best offered media type for an Accept header.

Written here rather than taken from a framework because Starlette has none, and the rules
matter for conformance: q-values, ``type/*`` and ``*/*`` wildcards, and specificity (a more
specific range decides the q-value of a type it matches, RFC 9110 section 12.5.1).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    params: int  # number of parameters other than q: more specific ranges win

    def matches(self, media: str) -> int:
        """Specificity of the match (3 exact, 2 type/*, 1 */*), or 0 for no match."""
        mtype, _, msub = media.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == mtype and self.subtype == "*":
            return 2
        if self.type == mtype and self.subtype == msub:
            return 3
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        mtype, _, msub = media.partition("/")
        q, params = 1.0, 0
        for p in pieces[1:]:
            key, _, value = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
            else:
                params += 1
        ranges.append(MediaRange(mtype, msub, q, params))
    return ranges


def quality(ranges: list[MediaRange], media: str) -> float:
    """The q-value the client gives ``media``: that of the most specific range matching it."""
    best: tuple[int, int] = (0, -1)
    q = 0.0
    for r in ranges:
        spec = r.matches(media)
        if spec and (spec, r.params) > best:
            best, q = (spec, r.params), r.q
    return q


def choose(header: str | None, offered: list[str]) -> str | None:
    """The offered type the client likes best; ties go to the server's order. None: 406."""
    ranges = parse_accept(header)
    scored = [(quality(ranges, m), -i, m) for i, m in enumerate(offered)]
    q, _, media = max(scored)
    return media if q > 0 else None


def prefers_html(header: str | None) -> bool:
    """Does a browser ask? (text/html named explicitly and liked at least as much as the rest.)"""
    ranges = parse_accept(header)
    explicit = any(r.type == "text" and r.subtype == "html" for r in ranges)
    return explicit and choose(header, ["text/html", "application/json", "text/turtle"]) == "text/html"
