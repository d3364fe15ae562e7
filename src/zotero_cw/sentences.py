"""Find the sentence a note marker annotates."""

from __future__ import annotations

import re

# Words that end in a period without ending a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st no nos vol vols pp p ed eds gen col lt jr sr vs cf inc co corp ltd fig ch
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n u.s.s.r e.g i.e op cit al""".split()
)
CLOSERS = "”\"’')]*"
GONE = "\x00"  # a removed marker character: keeps offsets, vanishes from what is shown
_BOUNDARY = re.compile(r"[.!?…][" + re.escape(CLOSERS) + r"]*\x00*(?=\s+[“\"‘'(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if len(word) == 1 and text[dot - 1].isupper():  # an initial: "John F. Kennedy"
        return True
    return word in ABBREVIATIONS


def boundaries(text: str, paragraphs: bool = True) -> list[int]:
    """Offsets where sentences end (just after closing punctuation), in order."""
    ends = [m.end() for m in _BOUNDARY.finditer(text) if not _is_abbreviation(text, m.start())]
    if paragraphs:
        ends.extend(m.start() for m in _PARAGRAPH.finditer(text))
        ends.sort()
    return ends


def _letter_spaced(line: str) -> str:
    """Undo typographic letter-spacing ("w a s  s t r e n g t h e n e d")."""
    tokens = line.split(" ")
    singles = sum(1 for t in tokens if len(t) == 1)
    words = [t for t in tokens if t]
    if len(words) >= 6 and singles >= 0.6 * len(words):
        return " ".join(part.replace(" ", "") for part in re.split(r" {2,}", line))
    return line


def clean(fragment: str) -> str:
    """Collapse white space and undo letter-spacing for display."""
    lines = [_letter_spaced(line) for line in fragment.replace(GONE, "").split("\n")]
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def sentence_around(text: str, start: int, end: int, ends: list[int]) -> str:
    """The sentence containing (or ending just before) the span [start, end).

    `text` must have every marker blanked out (same length); `ends` comes from boundaries(text).
    """
    before = text[:start].rstrip()
    closes_sentence = bool(re.search(r"[.!?…][" + re.escape(CLOSERS) + r"]*$", before))
    sent_start = 0
    for b in ends:
        if b < len(before) or (b == len(before) and not closes_sentence):
            sent_start = b
        else:
            break
    if closes_sentence:
        sent_end = len(before)
    else:
        sent_end = next((b for b in ends if b >= end), len(text))
    return clean(text[sent_start:sent_end])
