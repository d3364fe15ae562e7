"""Notes as token sequences for the labeller: whitespace-separated tokens with their offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(r"\S+")


class Token(NamedTuple):  # a tuple: made for every word of every note, so made cheaply
    text: str  # as written, italic marks removed
    start: int  # offsets into the note text (marks included)
    end: int
    italic: bool = False


_new = tuple.__new__


def tokenize(text: str) -> list[Token]:
    """Whitespace tokens of `text`. `*…*` italic marks are dropped from the token text (the labeller never
    sees them, so a note reads the same with and without markup) and kept as the `italic` flag."""
    if "*" not in text:  # tuple.__new__ directly: a NamedTuple's own constructor costs twice as much
        return [_new(Token, (m.group(), m.start(), m.end(), False)) for m in _TOKEN.finditer(text)]
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
