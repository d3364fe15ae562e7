"""Page-layout documents: split paragraphs into body, footnotes, page furniture and captions.

Text extracted from a PDF runs page by page: body paragraphs, then that page's footnotes, then the next
page. A footnote cut by a page break continues just before the next page's first note; a body paragraph cut
by a page of notes continues after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from zotero_cw.read.markers import SUPERSCRIPT_RUN, superscript_markers

BODY, NOTE, FURNITURE, CAPTION, SOURCE = "body", "note", "furniture", "caption", "source"

NOTE_START = re.compile(r"(\d{1,4})\.\s+(?=\S)")
_FURNITURE = re.compile(
    r"^(©|\(c\)\s|Copyright\b)|\bdoi:\s*10\.|^(Vol\.|Volume)\s*\d+,\s*(No\.|Issue)\s*\d+|^\d{1,4}$|^Downloaded from\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"^(Figure|Fig\.|Table|Map|Chart|Graph)\s+\d+[.:]", re.IGNORECASE)
_SOURCE = re.compile(r"^Sources?:\s+")
_FINISHED = re.compile(r"[.!?)\]…][”\"’'*_\]]*$")
MAX_NUMBER_JUMP = 5  # a numbered paragraph this far past the last note is still a note (a gap)
SHORT = 100


@dataclass
class Para:
    start: int
    end: int
    text: str
    kind: str = BODY
    n: int | None = None  # note number, for NOTE paragraphs
    section: int = 1  # notes restarting at 1 (per chapter) start a new section


@dataclass
class Layout:
    paras: list[Para]
    notes: list[list[Para]] = field(default_factory=list)  # each note's paragraphs, in reading order
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (section, n)
    gaps: list[tuple[int, int]] = field(default_factory=list)  # (section, n)
    sections: int = 0


def paragraphs(text: str) -> list[Para]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text):
        chunk = m.group()
        stripped = chunk.strip()
        if not stripped and "\f" in chunk:  # a page break (PDF text): furniture, so cut paragraphs rejoin
            start = m.start() + chunk.index("\f")
            out.append(Para(start, start + 1, "\f", FURNITURE))
        elif stripped:
            lead = len(chunk) - len(chunk.lstrip())
            start = m.start() + lead
            out.append(Para(start, start + len(stripped), stripped))
    return out


def finished(text: str) -> bool:
    """Does the text end like a finished sentence (not cut by a page break)?"""
    return bool(_FINISHED.search(SUPERSCRIPT_RUN.sub("", text).rstrip()))


def _mark_furniture(paras: list[Para]) -> None:
    counts = Counter(p.text for p in paras if len(p.text) <= SHORT)
    for p in paras:
        if _FURNITURE.search(p.text) and len(p.text) <= 2 * SHORT or counts[p.text] > 1 and not finished(p.text):
            p.kind = FURNITURE
    # A short unpunctuated line next to furniture (a journal title over its volume line) is furniture too:
    # spread from each furniture paragraph to its neighbours (a work list, so each paragraph is looked at once).
    todo = [i for i, p in enumerate(paras) if p.kind == FURNITURE]
    while todo:
        i = todo.pop()
        for j in (i - 1, i + 1):
            if 0 <= j < len(paras) and _furniture_like(paras[j]):
                paras[j].kind = FURNITURE
                todo.append(j)


def _furniture_like(p: Para) -> bool:
    return (p.kind == BODY and len(p.text) <= SHORT and not finished(p.text)
            and not NOTE_START.match(p.text) and not SUPERSCRIPT_RUN.search(p.text))


def _mark_notes(paras: list[Para], layout: Layout, marker_counts: Counter[int]) -> None:
    """Numbered paragraphs are notes when they continue the numbering (gaps of up to MAX_NUMBER_JUMP), or
    start it: at any number the text marks (27, 136), at 1..MAX_NUMBER_JUMP, or again at the start of a
    chapter (a new section) when the text holds one more marker of that number than sections so far."""
    last = 0
    next_body = _next_body_index(paras)
    for i, p in enumerate(paras):
        if p.kind != BODY:
            continue
        m = NOTE_START.match(p.text)
        if m and SUPERSCRIPT_RUN.search(p.text) is None:
            n = int(m.group(1))
            if last and n == last:
                layout.duplicates.append((layout.sections, n))
            elif last and last < n <= last + MAX_NUMBER_JUMP:
                layout.gaps.extend((layout.sections, k) for k in range(last + 1, n))
                last = n
            elif (n < last or not last) and (marker_counts[n] > layout.sections
                                              or not last and n <= MAX_NUMBER_JUMP):
                layout.sections += 1
                if n <= MAX_NUMBER_JUMP:
                    layout.gaps.extend((layout.sections, k) for k in range(1, n))
                last = n
            else:
                continue
            p.kind, p.n, p.section = NOTE, n, layout.sections
            layout.notes.append([p])
            continue
        if _CAPTION.match(p.text):
            p.kind = CAPTION
        elif _SOURCE.match(p.text):
            p.kind = SOURCE
        elif last and _continues_note(paras, i, layout.notes[-1], next_body):
            p.kind, p.n, p.section = NOTE, last, layout.sections
            layout.notes[-1].append(p)


def _next_body_index(paras: list[Para]) -> list[int]:
    """For each paragraph, the index of the next paragraph after it that is not furniture (len = none)."""
    out = [len(paras)] * len(paras)
    nxt = len(paras)
    for i in range(len(paras) - 1, -1, -1):
        out[i] = nxt
        if paras[i].kind != FURNITURE:
            nxt = i
    return out


def _continues_note(paras: list[Para], i: int, note: list[Para], next_body: list[int]) -> bool:
    """A marker-less paragraph just before the next note, while the last note is unfinished."""
    if finished(note[-1].text) or SUPERSCRIPT_RUN.search(paras[i].text):
        return False
    j = next_body[i]
    return j == len(paras) or bool(NOTE_START.match(paras[j].text))


def read_layout(text: str) -> Layout:
    paras = paragraphs(text)
    _mark_furniture(paras)
    layout = Layout(paras)
    _mark_notes(paras, layout, Counter(n for n, _ in superscript_markers(text)))
    return layout


def body_segments(paras: list[Para]) -> list[list[Para]]:
    """Body paragraphs grouped into logical paragraphs: a paragraph cut by notes or furniture is rejoined."""
    groups: list[list[Para]] = []
    interrupted = False
    for p in paras:
        if p.kind != BODY:
            interrupted = interrupted or p.kind in (NOTE, FURNITURE)
            continue
        prev = groups[-1][-1] if groups else None
        if (prev is not None and interrupted and not finished(prev.text)
                and (p.text[0].islower() or len(prev.text) > SHORT)):
            groups[-1].append(p)
        else:
            groups.append([p])
        interrupted = False
    return groups
