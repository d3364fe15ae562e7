"""Notes as token sequences for the labeller: whitespace-separated tokens with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Token:
    text: str  # as written, italic marks removed
    start: int  # offsets into the note text (marks included)
    end: int
    italic: bool = False


def tokenize(text: str) -> list[Token]:
    """Whitespace tokens of `text`. `*…*` italic marks are dropped from the token text (the labeller never
    sees them, so a note reads the same with and without markup) and kept as the `italic` flag."""
    out: list[Token] = []
    inside = False
    for m in _TOKEN.finditer(text):
        word = m.group()
        italic = inside or word.startswith("*")
        if "*" in word:
            inside = (word.count("*") % 2 == 1) != inside
            word = word.replace("*", "")
        if word:
            out.append(Token(word, m.start(), m.end(), italic))
    return out
