"""Find note markers: superscript digits, or plain digits glued to the text (1..N in order)."""

from __future__ import annotations

import re

from zotero_cw.models import Span

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_INT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
TO_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)  # "12" → "¹²": a marker as the text shows it
SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")

# What a glued marker may follow: sentence or clause punctuation, closing quotes and brackets.
GLUE = set(".,;:!?”\"’')]*…")
SENTENCE_END = set(".!?”\"’')]")
_DIGITS = re.compile(r"\d+")
MAX_GAP = 3  # markers missing in a row before we stop looking
WINDOW = 30_000  # the next marker is looked for this far (about ten pages) after the last: linear time


def superscript_markers(text: str) -> list[tuple[int, Span]]:
    return [(int(m.group().translate(_SUPER_TO_INT)), Span(m.start(), m.end()))
            for m in SUPERSCRIPT_RUN.finditer(text)]


def _word_before(text: str, i: int) -> str:
    j = i
    while j > 0 and i - j < 3 and text[j - 1].isalpha():  # three letters are all any caller asks about
        j -= 1
    return text[j:i]


def _ends_clear(text: str, i: int) -> bool:
    """A marker's digits end the word: white space, the end, or a comma/period and then white space."""
    if i < len(text) and text[i] in ",;:.":
        i += 1
    return i >= len(text) or text[i].isspace()


def _starts_sentence(text: str, i: int) -> bool:
    while i < len(text) and text[i].isspace():
        i += 1
    return i >= len(text) or text[i].isupper() or text[i] in "“\"‘'("


def _split_tail(text: str, end: int, head: str, want: str) -> int | None:
    """For markers broken by a space ("3 6" for 36): the end of the completing digits, if they complete."""
    if not (end < len(text) and text[end] == " " and want.startswith(head)):
        return None
    m = _DIGITS.match(text, end + 1)
    if m and head + m.group() == want and _ends_clear(text, m.end()):
        return m.end()
    return None


def _candidate(text: str, m: re.Match[str], want: str) -> Span | None:
    """Can the digit run `m` be read as the marker `want`? Returns the span of its digits."""
    run, start, end = m.group(), m.start(), m.end()
    prev = text[start - 1] if start else " "
    glued = prev in GLUE or (prev.isalpha() and len(_word_before(text, start)) >= 3)
    if glued:
        if prev == "." and start >= 2 and text[start - 2].isdigit() and not _starts_sentence(text, end):
            return None  # a decimal: "1.4 billion"
        if run == want and _ends_clear(text, end):
            return Span(start, end)
        tail = _split_tail(text, end, run, want)
        return Span(start, tail) if tail else None
    if not prev.isspace():
        return None
    # A marker glued to a year: "until 198412" is 1984 + note 12.
    if len(run) > 4 and 1800 <= int(run[:4]) <= 2099 and run[4:] == want and _ends_clear(text, end):
        return Span(start + 4, end)
    # Letter-spaced after a sentence: "by 1990. 5 8  But".
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j > 0 and text[j - 1] in SENTENCE_END and len(want) > 1:
        tail = _split_tail(text, end, run, want)
        if tail and _starts_sentence(text, tail):
            return Span(start, tail)
    return None


def _find(text: str, pos: int, n: int) -> Span | None:
    """The first place at or after `pos` (within WINDOW characters) that reads as marker n."""
    want = str(n)
    for m in _DIGITS.finditer(text, pos, min(len(text), pos + WINDOW)):
        span = _candidate(text, m, want)
        if span:
            return span
    return None


def inline_markers(text: str) -> tuple[list[tuple[int, Span]], list[int]]:
    """Markers 1..N glued to the text, found in order. Returns the markers and the numbers skipped."""
    found: list[tuple[int, Span]] = []
    skipped: list[int] = []
    pos, n = 0, 1
    while True:
        for step in range(MAX_GAP + 1):
            span = _find(text, pos, n + step)
            if span:
                skipped.extend(range(n, n + step))
                found.append((n + step, span))
                pos, n = span.end, n + step + 1
                break
        else:
            return found, skipped
