"""Text helpers shared by the extractors: a folded view for matching, sentences, word boundaries.

The folded view replaces typographic variants one character for one character (non-breaking
space -> space, curly quotes -> straight), so every offset found in it is an offset in the real
text and the exact words are always taken from the real text.
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property

FOLD = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
                      "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "no", "nos", "s", "ss", "e.g", "i.e", "eg", "ie", "etc",
                  "al", "cf", "vs", "v", "para", "paras", "p", "pp", "sec", "reg", "art", "ch", "c", "inc", "ltd",
                  "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9•])")


_FOLD_PAIRS = [(k_, v_) for k_, v_ in (("\u00a0", " "), ("\u2009", " "), ("\u202f", " "), ("\u2007", " "),
                                        ("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
                                        ("\u2032", "'"))]


def fold(text: str) -> str:
    """``text`` with typographic variants made plain, one character for one (so offsets hold)."""
    for a, b in _FOLD_PAIRS:   # str.replace runs in C; str.translate with a dict is ten times slower
        if a in text:
            text = text.replace(a, b)
    return text


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not glued to letters or digits on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (is_word_char(before) and is_word_char(text[start])) and \
        not (is_word_char(after) and is_word_char(text[end - 1]))


class Sentences:
    """Sentence spans of a text (lines are never joined: a line break always ends a sentence)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = list(_split(text))
        self._starts = [s for s, _ in self.spans]

    def index(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the nearest one before it in a gap)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def around(self, offset: int) -> tuple[int, int]:
        return self.spans[self.index(offset)] if self.spans else (0, len(self.text))

    @cached_property
    def paragraph_breaks(self) -> list[int]:
        return [m.start() for m in re.finditer(r"\n", self.text)]


def _split(text: str):
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.span()
        seg_start = ls
        for m in _END.finditer(text, ls, le):
            word = re.search(r"([\w.]+)$", text[seg_start:m.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS and m.group(0)[0] == ".":
                continue
            end = m.end()
            yield from _trimmed(text, seg_start, end)
            seg_start = end
        yield from _trimmed(text, seg_start, le)


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
