"""Page-layout documents: split paragraphs into body, footnotes, page furniture and captions.

Text extracted from a PDF runs page by page: body paragraphs, then that page's footnotes, then the next
page. A footnote cut by a page break continues just before the next page's first note; a body paragraph cut
by a page of notes continues after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from zotero_cw.markers import SUPERSCRIPT_RUN

BODY, NOTE, FURNITURE, CAPTION, SOURCE = "body", "note", "furniture", "caption", "source"

NOTE_START = re.compile(r"(\d{1,3})\.\s+(?=\S)")
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


@dataclass
class Layout:
    paras: list[Para]
    notes: list[list[Para]] = field(default_factory=list)  # each note's paragraphs, in reading order
    duplicates: list[int] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)


def paragraphs(text: str) -> list[Para]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text):
        chunk = m.group()
        stripped = chunk.strip()
        if stripped:
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
    # A short unpunctuated line next to furniture (a journal title over its volume line) is furniture too.
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(paras):
            near = [paras[j] for j in (i - 1, i + 1) if 0 <= j < len(paras)]
            if (p.kind == BODY and len(p.text) <= SHORT and not finished(p.text)
                    and not NOTE_START.match(p.text) and not SUPERSCRIPT_RUN.search(p.text)
                    and any(q.kind == FURNITURE for q in near)):
                p.kind, changed = FURNITURE, True


def _mark_notes(paras: list[Para], layout: Layout) -> None:
    last = 0
    for i, p in enumerate(paras):
        if p.kind != BODY:
            continue
        m = NOTE_START.match(p.text)
        if m and SUPERSCRIPT_RUN.search(p.text) is None:
            n = int(m.group(1))
            if n == last:
                layout.duplicates.append(n)
            elif not (last < n <= last + MAX_NUMBER_JUMP):
                continue
            else:
                layout.gaps.extend(range(last + 1, n))
                last = n
            p.kind, p.n = NOTE, n
            layout.notes.append([p])
            continue
        if _CAPTION.match(p.text):
            p.kind = CAPTION
        elif _SOURCE.match(p.text):
            p.kind = SOURCE
        elif last and _continues_note(paras, i, layout.notes[-1]):
            p.kind, p.n = NOTE, last
            layout.notes[-1].append(p)


def _continues_note(paras: list[Para], i: int, note: list[Para]) -> bool:
    """A marker-less paragraph just before the next note, while the last note is unfinished."""
    if finished(note[-1].text) or SUPERSCRIPT_RUN.search(paras[i].text):
        return False
    nxt = next((q for q in paras[i + 1:] if q.kind != FURNITURE), None)
    return nxt is None or bool(NOTE_START.match(nxt.text))


def read_layout(text: str) -> Layout:
    paras = paragraphs(text)
    _mark_furniture(paras)
    layout = Layout(paras)
    _mark_notes(paras, layout)
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
