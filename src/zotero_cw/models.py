"""Plain data shared by the stages: document → parse → resolve → archives → dedupe → library."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into some text (Python string indices)."""

    start: int
    end: int


@dataclass
class Note:
    """One footnote or endnote of a document. n == 0 is an unnumbered reference (a figure's source)."""

    document: str
    n: int
    text: str | None
    marker: Span | None = None
    context: str = ""
    section: int = 1  # notes numbered afresh (per chapter) are told apart by section: 1, 2, ...
    page: int | None = None  # the page the note's text starts on, where the format has pages

    @property
    def text_missing(self) -> bool:
        return self.text is None


@dataclass
class Document:
    name: str
    text: str
    notes: list[Note]
    layout: str  # "footnotes" (page-layout) or "inline" (markers glued to text)
    body: str = ""
    warnings: list[str] = field(default_factory=list)
    format: str = "text"  # what was read: text, markdown, html, docx, odt, pdf
    sections: int = 1  # note numbering runs (chapters numbering their notes from 1 again)


# Citation kinds, after eyecite: a full citation, ibid., a short form, supra, or text we could not read.
FULL, IBID, SHORT, SUPRA, UNPARSED = "full", "ibid", "short", "supra", "unparsed"


@dataclass
class Citation:
    """One reference made by a note. `item` holds CSL-JSON fields for full citations (no "id")."""

    kind: str
    document: str
    note: int
    text: str  # the part of the note text this citation was read from
    span: Span | None = None  # offsets of `text` in the note text
    item: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    label: str | None = None  # CSL locator label: page, folio, chapter, volume, ...
    prefix: str | None = None
    suffix: str | None = None
    author: str | None = None  # short form / supra hint
    short_title: str | None = None
    note_ref: int | None = None  # supra: the note number the text points at
    antecedent: int | None = None  # index (in the document's citation list) of the full citation it resolves to
    work: str | None = None  # id of the work (set by extract; dedupe maps it onto the merged work)
    reason: str | None = None  # why unparsed / unresolved
    warnings: list[str] = field(default_factory=list)
