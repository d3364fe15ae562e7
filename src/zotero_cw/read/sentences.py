"""Find the sentence a note marker annotates."""

from __future__ import annotations

import bisect
import re

from zotero_cw.text.sentences import CLOSERS, GONE, boundaries

__all__ = ["GONE", "MAX_CONTEXT", "Sentences", "boundaries", "clean", "sentence_around"]


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


MAX_CONTEXT = 2000  # a "sentence" longer than this (no boundary found) is cut to this much around the marker


class Sentences:
    """The sentences of a text with every marker blanked out (same length): `around` is O(log n + sentence).

    Each sentence is cleaned once however many markers it holds, and never more than MAX_CONTEXT characters
    of it are looked at, so reading stays linear in the size of the document.
    """

    def __init__(self, text: str, paragraphs: bool = True) -> None:
        self.text = text
        self.ends = boundaries(text, paragraphs)
        self._cache: dict[tuple[int, int], str] = {}

    def _closes_sentence(self, stop: int) -> bool:
        """Does text[:stop] (white space at its end ignored) end with sentence punctuation and closers?"""
        i = stop
        while i > 0 and i > stop - MAX_CONTEXT and self.text[i - 1] in CLOSERS:
            i -= 1
        return i > 0 and self.text[i - 1] in ".!?…" and i > stop - MAX_CONTEXT

    def around(self, start: int, end: int) -> str:
        """The sentence containing (or ending just before) the span [start, end)."""
        text, ends = self.text, self.ends
        stop = start
        while stop > 0 and stop > start - MAX_CONTEXT and text[stop - 1].isspace():
            stop -= 1
        closes = self._closes_sentence(stop)
        # the last boundary before `stop` (or at it, when the sentence does not end there)
        i = bisect.bisect_left(ends, stop) if closes else bisect.bisect_right(ends, stop)
        sent_start = ends[i - 1] if i else 0
        if closes:
            sent_end = stop
        else:
            j = bisect.bisect_left(ends, end)
            sent_end = ends[j] if j < len(ends) else len(text)
        if sent_end - sent_start > MAX_CONTEXT:  # no boundary for a long stretch: a window around the marker
            sent_start = max(sent_start, start - MAX_CONTEXT // 2)
            sent_end = min(sent_end, max(end, sent_start) + MAX_CONTEXT // 2)
        key = (sent_start, sent_end)
        if key not in self._cache:
            self._cache[key] = clean(text[sent_start:sent_end])
        return self._cache[key]


def sentence_around(text: str, start: int, end: int, ends: list[int]) -> str:
    """One-off form of `Sentences.around` (`ends` from boundaries(text))."""
    s = Sentences.__new__(Sentences)
    s.text, s.ends, s._cache = text, ends, {}
    return s.around(start, end)
