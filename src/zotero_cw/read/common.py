"""What every reader shares: number ranges for warnings, the notes-file merge, the final checks."""

from __future__ import annotations

import re
from pathlib import Path

from zotero_cw.errors import UserError
from zotero_cw.models import Note
from zotero_cw.read.layout import NOTE_START
from zotero_cw.read.textio import read_text

Key = tuple[int, int]  # (section, note number)


def ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → "1–3, 7"."""
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and out[-1].split("–")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('–')[0]}–{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def key_ranges(keys: list[Key], sections: int) -> str:
    """Note numbers for a warning; with several sections, each section's own: "section 2: 4–5"."""
    if sections <= 1:
        return ranges([n for _, n in keys])
    by_section: dict[int, list[int]] = {}
    for s, n in keys:
        by_section.setdefault(s, []).append(n)
    return "; ".join(f"section {s}: {ranges(ns)}" for s, ns in sorted(by_section.items()))


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


def apply_notes_file(notes: dict[Key, Note], texts: dict[int, str], name: str, warnings: list[str]) -> None:
    """Fill the texts a document lacks from its endnotes file (numbers of the first section)."""
    kept, unmarked = [], []
    for n, text in texts.items():
        note = notes.get((1, n))
        if note is None:
            notes[(1, n)] = Note(name, n, text)
            unmarked.append(n)
        elif note.text is None:
            note.text = text
        else:
            kept.append(n)
    if unmarked:
        warnings.append(f"{name}: the notes file has notes with no marker in the text: {ranges(unmarked)}")
    if kept:
        warnings.append(f"{name}: notes {ranges(kept)} have text in the document; the notes file's is ignored")


def final_checks(notes: dict[Key, Note], path: Path, notes_file: bool, sections: int,
                 warnings: list[str]) -> None:
    """No notes at all is an error; notes without text and several numbering sections are reported."""
    name = path.name
    if not notes:
        raise UserError(f"no notes found in {path}: no numbered footnotes and no note markers")
    missing = [k for k, note in notes.items() if note.text is None]
    if missing:
        hint = "" if notes_file else " (supply them with --notes FILE)"
        warnings.append(f"{name}: {len(missing)} notes have no text in the document: "
                        f"{key_ranges(missing, sections)}{hint}")
    if sections > 1:
        first: dict[int, int] = {}
        for s, n in notes:
            first[s] = min(n, first.get(s, n))
        starts = sorted(set(first.values()))
        at = f"each at {starts[0]}" if len(starts) == 1 else "at " + ", ".join(map(str, starts[:10]))
        warnings.append(f"{name}: note numbering starts again {sections - 1} times: {sections} sections "
                        f"(chapters) read separately, {at}")
