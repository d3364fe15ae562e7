"""Read a document: its notes (footnotes, or markers whose texts come from an endnotes file) and markers."""

from __future__ import annotations

import re
from pathlib import Path

from zotero_cw.errors import UserError
from zotero_cw.layout import BODY, CAPTION, NOTE_START, SOURCE, Layout, Para, body_segments, read_layout
from zotero_cw.markers import inline_markers, superscript_markers
from zotero_cw.models import Document, Note, Span
from zotero_cw.sentences import GONE, boundaries, clean, sentence_around
from zotero_cw.textio import read_text

_SOURCE_LABEL = re.compile(r"^Sources?:\s+")


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → "1–3, 7"."""
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and out[-1].split("–")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('–')[0]}–{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    chars[start:end] = fill * (end - start)


def _note_text(paras: list[Para]) -> str:
    first = NOTE_START.sub("", paras[0].text, count=1)
    return " ".join([first, *(p.text for p in paras[1:])])


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


def read_document(path: Path, notes_file: Path | None = None) -> Document:
    text = read_text(path)
    name = path.name
    layout = read_layout(text)
    has_notes = bool(layout.notes)
    warnings: list[str] = []

    if has_notes:
        body_only = "".join(_reading_copy(text, layout, []))
        markers = superscript_markers(body_only)
        if not markers:
            markers, _ = inline_markers(body_only)
        work = "".join(_reading_copy(text, layout, markers))
        ends = boundaries(work, paragraphs=True)
        body = "\n\n".join(" ".join(p.text for p in g) for g in body_segments(layout.paras))
        if layout.gaps:
            warnings.append(f"{name}: notes missing from the numbering: {_ranges(layout.gaps)}")
        if layout.duplicates:
            warnings.append(f"{name}: note numbers used twice: {_ranges(layout.duplicates)}")
    else:
        markers = superscript_markers(text)
        skipped: list[int] = []
        if not markers:
            markers, skipped = inline_markers(text)
        work = "".join(_reading_copy(text, None, markers))
        ends = boundaries(work, paragraphs=False)
        body = text
        if skipped:
            warnings.append(f"{name}: no marker found for notes {_ranges(skipped)} (numbering skips them)")

    notes: dict[int, Note] = {}
    repeated: list[Note] = []  # a second note with a number already used is kept, not merged
    for paras in layout.notes:
        note = Note(name, paras[0].n or 0, _note_text(paras))
        if note.n in notes:
            repeated.append(note)
        else:
            notes[note.n] = note
    marker_dupes, stray = [], []
    for n, span in markers:
        context = sentence_around(work, span.start, span.end, ends)
        note = notes.get(n)
        if note is None and not has_notes:
            note = notes[n] = Note(name, n, None)
        if note is None:
            stray.append(n)
        elif note.marker is not None:
            marker_dupes.append(n)
        else:
            note.marker, note.context = span, context
    if stray:
        warnings.append(f"{name}: markers with no note: {_ranges(stray)}")
    if marker_dupes:
        warnings.append(f"{name}: markers found twice for notes {_ranges(marker_dupes)} (the first is used)")
    if has_notes:
        unmarked = [n for n, note in notes.items() if note.marker is None]
        if unmarked:
            warnings.append(f"{name}: no marker in the text for notes {_ranges(unmarked)}")

    if notes_file is not None:
        _apply_notes_file(notes, read_notes_file(notes_file), name, warnings)
    if not notes:
        raise UserError(f"no notes found in {path}: no numbered footnotes and no note markers")
    missing = [n for n, note in notes.items() if note.text is None]
    if missing:
        hint = "" if notes_file else " (supply them with --notes FILE)"
        warnings.append(f"{name}: {len(missing)} notes have no text in the document: {_ranges(missing)}{hint}")

    ordered = sorted([*notes.values(), *repeated], key=lambda note: note.n)
    return Document(name, text, _unnumbered(layout, name) + ordered,
                    "footnotes" if has_notes else "inline", body, warnings)


def _unnumbered(layout: Layout, name: str) -> list[Note]:
    """A figure's or table's "Source: …" line is a reference too: note 0, annotating its caption."""
    out, caption = [], ""
    for p in layout.paras:
        if p.kind == CAPTION:
            caption = clean(p.text)
        elif p.kind == SOURCE:
            out.append(Note(name, 0, _SOURCE_LABEL.sub("", p.text, count=1), None, caption))
    return out


def read_notes_file(path: Path) -> dict[int, str]:
    """An endnotes file: one "N. text" paragraph per note (continuation lines allowed)."""
    text = read_text(path, "notes file")
    found: dict[int, list[str]] = {}
    current: list[str] | None = None
    last = 0
    for line in text.split("\n"):
        m = NOTE_START.match(line.strip())
        if m and int(m.group(1)) > last:
            last = int(m.group(1))
            current = found.setdefault(last, [])
            current.append(line.strip()[m.end():])
        elif line.strip() and current is not None:
            current.append(line.strip())
        elif line.strip():
            raise UserError(f"notes file {path}: text before the first numbered note: {line.strip()[:40]!r}")
    if not found:
        raise UserError(f"notes file {path} has no numbered notes (expected 'N. text' paragraphs)")
    return {n: re.sub(r"\s+", " ", " ".join(parts)).strip() for n, parts in found.items()}


def _apply_notes_file(notes: dict[int, Note], texts: dict[int, str], name: str, warnings: list[str]) -> None:
    kept, unmarked = [], []
    for n, text in texts.items():
        note = notes.get(n)
        if note is None:
            notes[n] = Note(name, n, text)
            unmarked.append(n)
        elif note.text is None:
            note.text = text
        else:
            kept.append(n)
    if unmarked:
        warnings.append(f"{name}: the notes file has notes with no marker in the text: {_ranges(unmarked)}")
    if kept:
        warnings.append(f"{name}: notes {_ranges(kept)} have text in the document; the notes file's is ignored")
