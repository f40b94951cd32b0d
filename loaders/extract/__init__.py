"""Extractors that read a document's text and return items with exact character offsets.

Each extractor is a small module with a ``NAME``, a ``VERSION`` (bumped when its output changes, so
``nhs:origin`` says which rules made an item) and an ``extract`` function. They share ``Item``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Item:
    """One extracted thing: its extractor, the exact span ``text[start:end]`` and what it means.

    ``entity`` is the registry id the item is resolved to (None when unresolved); ``candidates``
    lists the ids an ambiguous item could be; ``data`` carries extractor-specific values.
    """

    extractor: str
    start: int
    end: int
    text: str
    entity: str | None = None
    candidates: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """A short, stable id (the same document and rules give the same id in every build)."""
        target = self.entity or ",".join(self.candidates) or str(sorted(self.data.items()))
        digest = hashlib.sha1(f"{self.extractor}|{self.start}|{self.end}|{target}".encode()).hexdigest()
        return f"{PREFIX.get(self.extractor, 'x')}{digest[:8]}"


PREFIX = {"mentions": "m", "legislation": "l", "paragraphs": "p", "quotations": "q", "quantities": "n",
          "candidates": "c"}
