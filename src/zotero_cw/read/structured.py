"""Documents whose notes are linked to their references by the format itself (Word, OpenDocument, Markdown).

A reader appends the body to a `Body` (text, paragraph breaks, references where they stand) and hands over
the notes' texts by id; `assemble` numbers them as printed, links markers and finds the annotated sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zotero_cw.models import Document, Note, Span
from zotero_cw.read.common import Key, apply_notes_file, final_checks, key_ranges
from zotero_cw.read.markers import TO_SUPER
from zotero_cw.read.sentences import GONE, Sentences, clean


@dataclass
class Ref:
    note_id: str
    label: str  # the number as printed ("12"), or a symbol
    span: Span


class Body:
    """The body text as it is built: plain text, "\\n\\n" between paragraphs, markers as superscript digits."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._last = ""
        self.refs: list[Ref] = []

    def add(self, text: str) -> None:
        if text:
            self._parts.append(text)
            self._size += len(text)
            self._last = text

    def paragraph(self) -> None:
        if self._size and not self._last.endswith("\n\n"):
            self.add("\n\n")

    def ref(self, note_id: str, label: str) -> None:
        shown = label.translate(TO_SUPER) if label.isdigit() else label
        start = self._size
        self.add(shown)
        self.refs.append(Ref(note_id, label, Span(start, self._size)))

    def value(self) -> str:
        return "".join(self._parts)


@dataclass
class NoteDef:
    text: str
    page: int | None = None


def assemble(path: Path, fmt: str, body: Body, defs: dict[str, NoteDef], warnings: list[str],
             notes_texts: dict[int, str] | None = None, first_number: int = 1) -> Document:
    """Number the notes (as printed: their numeric labels, else in order from `first_number`), link each to
    its reference, and read the sentence each annotates. Numbering that falls back starts a new section."""
    name = path.name
    text = body.value()
    chars = list(text)
    for r in body.refs:
        chars[r.span.start:r.span.end] = GONE * (r.span.end - r.span.start)
    sentences = Sentences("".join(chars), paragraphs=True)

    notes: dict[Key, Note] = {}
    order: list[Note] = []
    used: set[str] = set()
    section, last, count = 1, 0, first_number - 1
    unknown: list[Key] = []
    for r in body.refs:
        count += 1
        n = int(r.label) if r.label.isdigit() else count
        if n < last or (n == last and r.note_id not in used):
            section += 1
        last = n
        d = defs.get(r.note_id)
        if r.note_id in used:
            continue  # the same note referred to twice: the first reference is its marker
        used.add(r.note_id)
        note = Note(name, n, clean(d.text) if d and d.text.strip() else None, r.span,
                    sentences.around(r.span.start, r.span.end), section, d.page if d else None)
        if d is None:
            unknown.append((section, n))
        if (section, n) in notes:
            order.append(note)
        else:
            notes[(section, n)] = note
    if unknown:
        warnings.append(f"{name}: references to notes the document does not hold: {key_ranges(unknown, section)}")
    unreferenced = [d for note_id, d in defs.items() if note_id not in used]
    for d in unreferenced:
        last += 1
        notes[(section, last)] = Note(name, last, clean(d.text), None, "", section, d.page)
    if unreferenced:
        warnings.append(f"{name}: {len(unreferenced)} notes with no reference in the text, kept as notes "
                        f"{key_ranges([(section, n) for n in range(last - len(unreferenced) + 1, last + 1)], 1)}")
    if notes_texts is not None:
        apply_notes_file(notes, notes_texts, name, warnings)
    final_checks(notes, path, notes_texts is not None, section, warnings)
    ordered = sorted([*notes.values(), *order], key=lambda note: (note.section, note.n))
    return Document(name, text, ordered, "footnotes", text, warnings, fmt, section)
