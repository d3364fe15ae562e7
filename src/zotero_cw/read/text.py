"""Plain text: footnotes laid out at page bottoms (PDF text), or markers whose texts are elsewhere."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from zotero_cw.models import Document, Note, Span
from zotero_cw.read.common import Key, apply_notes_file, final_checks, key_ranges, ranges
from zotero_cw.read.layout import BODY, CAPTION, NOTE_START, SOURCE, Layout, Para, body_segments, read_layout
from zotero_cw.read.markers import inline_markers, superscript_markers
from zotero_cw.read.sentences import GONE, Sentences, clean

_SOURCE_LABEL = re.compile(r"^Sources?:\s+")
PAGE_BREAK = "\f"


def _blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    chars[start:end] = fill * (end - start)


def _note_text(paras: list[Para]) -> str:
    parts = [NOTE_START.sub("", paras[0].text, count=1)]
    for p in paras[1:]:
        if parts[-1].endswith("*") and p.text.startswith("*") and not parts[-1].endswith("**"):
            parts[-1] = parts[-1][:-1]  # an italic title cut by the page break is one title
            parts.append(p.text[1:])
        elif re.search(r"\w-$", parts[-1]) and p.text[:1].isalnum():
            parts[-1] += p.text  # a hyphenated word cut by the page break ("independent-" / "minded")
        else:
            parts.append(p.text)
    return " ".join(parts)


def _reading_copy(text: str, layout: Layout | None, markers: list[tuple[int, Span]]) -> list[str]:
    """The text with notes, furniture and markers blanked and cut paragraphs rejoined (same length)."""
    chars = list(text)
    if layout is not None:
        for p in layout.paras:
            if p.kind != BODY:
                _blank(chars, p.start, p.end)
        for group in body_segments(layout.paras):
            for a, b in zip(group, group[1:], strict=False):
                _blank(chars, a.end, b.start)
    for _, span in markers:
        _blank(chars, span.start, span.end, GONE)
    return chars


def marker_sections(markers: list[tuple[int, Span]]) -> list[int]:
    """The section of each marker: numbering that falls back (…, 41, 1, 2, …) starts a new one."""
    out, section, last = [], 1, 0
    for n, _ in markers:
        if n < last:
            section += 1
        out.append(section)
        last = n
    return out


def read_text_document(text: str, path: Path, notes_texts: dict[int, str] | None = None,
                       warnings: list[str] | None = None, fmt: str = "text") -> Document:
    """A decoded text document → Document (notes, markers linked, sentences annotated)."""
    name = path.name
    warnings = warnings if warnings is not None else []
    layout = read_layout(text)
    has_notes = bool(layout.notes)
    sections = max(layout.sections, 1)

    if has_notes:
        body_only = "".join(_reading_copy(text, layout, []))
        markers = superscript_markers(body_only)
        if not markers:
            markers, _ = inline_markers(body_only)
        work = "".join(_reading_copy(text, layout, markers))
        sentences = Sentences(work, paragraphs=True)
        body = "\n\n".join(" ".join(p.text for p in g) for g in body_segments(layout.paras))
        if layout.gaps:
            warnings.append(f"{name}: notes missing from the numbering: {key_ranges(layout.gaps, sections)}")
        if layout.duplicates:
            warnings.append(f"{name}: note numbers used twice: {key_ranges(layout.duplicates, sections)}")
        marks = marker_sections(markers) if sections > 1 else [1] * len(markers)
    else:
        markers = superscript_markers(text)
        skipped: list[int] = []
        if not markers:
            markers, skipped = inline_markers(text)
        work = "".join(_reading_copy(text, None, markers))
        sentences = Sentences(work, paragraphs=False)
        body = text
        if skipped:
            warnings.append(f"{name}: no marker found for notes {ranges(skipped)} (numbering skips them)")
        marks = marker_sections(markers)
        sections = marks[-1] if marks else 1

    breaks = [m.start() for m in re.finditer(PAGE_BREAK, text)]  # PDF page text: a form feed between pages
    notes: dict[Key, Note] = {}
    repeated: list[Note] = []  # a second note with a number already used is kept, not merged
    for paras in layout.notes:
        first = paras[0]
        page = bisect.bisect(breaks, first.start) + 1 if breaks else None
        note = Note(name, first.n or 0, _note_text(paras), section=first.section, page=page)
        if (note.section, note.n) in notes:
            repeated.append(note)
        else:
            notes[(note.section, note.n)] = note
    marker_dupes: list[Key] = []
    stray: list[Key] = []
    for (n, span), section in zip(markers, marks, strict=True):
        note = notes.get((section, n))
        if note is None and not has_notes:
            note = notes[(section, n)] = Note(name, n, None, section=section)
        if note is None:
            stray.append((section, n))
        elif note.marker is not None:
            marker_dupes.append((section, n))
        else:
            note.marker, note.context = span, sentences.around(span.start, span.end)
    if stray:
        warnings.append(f"{name}: markers with no note: {key_ranges(stray, sections)}")
    if marker_dupes:
        warnings.append(f"{name}: markers found twice for notes {key_ranges(marker_dupes, sections)} "
                        "(the first is used)")
    if has_notes:
        unmarked = [k for k, note in notes.items() if note.marker is None]
        if unmarked:
            warnings.append(f"{name}: no marker in the text for notes {key_ranges(unmarked, sections)}")

    if notes_texts is not None:
        apply_notes_file(notes, notes_texts, name, warnings)
    final_checks(notes, path, notes_texts is not None, sections, warnings)
    ordered = sorted([*notes.values(), *repeated], key=lambda note: (note.section, note.n))
    return Document(name, text, _unnumbered(layout, name) + ordered,
                    "footnotes" if has_notes else "inline", body, warnings, fmt, sections)


def _unnumbered(layout: Layout, name: str) -> list[Note]:
    """A figure's or table's "Source: …" line is a reference too: note 0, annotating its caption."""
    out, caption = [], ""
    for p in layout.paras:
        if p.kind == CAPTION:
            caption = clean(p.text)
        elif p.kind == SOURCE:
            out.append(Note(name, 0, _SOURCE_LABEL.sub("", p.text, count=1), None, caption))
    return out
